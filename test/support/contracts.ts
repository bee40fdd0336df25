import { expect } from 'vitest';
import type { ApiClient } from './client.js';
import { created, createUngatedDefaultPipeline, unique } from './fixtures.js';

/** Won deals and contracts over the API, for the contract and receipt suites. */

export interface WonDeal {
  id: string;
  accountId: string;
  ownerId: string;
}

export interface InstallmentBody {
  id: string;
  seq: number;
  dueDate: string;
  amountMinor: number;
  collectedMinor: number;
  status: string;
  paidOn: string | null;
  version: number;
}

export interface ContractBody {
  id: string;
  number: string;
  accountId: string;
  opportunityId: string;
  currency: string;
  amountMinor: number;
  status: string;
  deliveryStatus: string;
  recognisedMinor: number;
  recognitionStatus: string;
  version: number;
  lines: { name: string; amountMinor: number; quantity: number }[];
  installments: InstallmentBody[];
  orders: { id: string; status: string; version: number }[];
}

/** The tenant's default pipeline made ungated (once per client), so a deal can be won at once. */
const pipelines = new WeakMap<ApiClient, Promise<unknown>>();

export async function wonDeal(
  client: ApiClient,
  options: {
    amountMinor?: number;
    currency?: string;
    accountId?: string;
    products?: { name: string; quantity: number; unitPriceMinor: number }[];
    outcome?: 'won' | 'lost' | 'open';
    /** The tenant's default pipeline already lets a deal be won at once (the fixtures'). */
    pipelineReady?: boolean;
  } = {},
): Promise<WonDeal> {
  if (!options.pipelineReady) {
    if (!pipelines.has(client)) pipelines.set(client, createUngatedDefaultPipeline(client));
    await pipelines.get(client);
  }
  const accountId =
    options.accountId ??
    (await created<{ id: string }>(client.post('/api/v1/accounts', { name: unique('customer') })))
      .id;
  const deal = await created<{ id: string; version: number; ownerId: string }>(
    client.post('/api/v1/opportunities', {
      name: unique('deal'),
      accountId,
      amount: {
        amountMinor: options.amountMinor ?? 1_000_000,
        currency: options.currency ?? 'CNY',
      },
      ...(options.products
        ? {
            products: options.products.map((product) => ({
              ...product,
              productType: 'cornerstone',
              customisation: 'standard',
            })),
          }
        : {}),
    }),
  );
  const outcome = options.outcome ?? 'won';
  if (outcome !== 'open') {
    const closed = await client.post<{ opportunity?: { status: string } }>(
      `/api/v1/opportunities/${deal.id}/close`,
      { version: deal.version, outcome, reasons: outcome === 'lost' ? ['price'] : [] },
    );
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  }
  return { id: deal.id, accountId, ownerId: deal.ownerId };
}

export async function contractFor(
  client: ApiClient,
  dealId: string,
  plan: unknown = { generate: { count: 3, everyMonths: 1, firstDueDate: '2026-01-31' } },
): Promise<ContractBody> {
  const response = await client.post<ContractBody>(`/api/v1/opportunities/${dealId}/contract`, {
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    plan,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}
