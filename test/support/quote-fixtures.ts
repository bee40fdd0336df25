import type { ApiClient } from './client.js';

/** Quotes of the fixture deal, one per state an operation needs (docs/l2c/quotes.md). */
export interface QuoteFixtureIds {
  /** An open deal of its own (other cases close the main fixture deal). */
  readonly opportunityId: string;
  /** Drafts: to edit, to revise, to send. */
  readonly draft: string;
  readonly toRevise: string;
  readonly toSend: string;
  /** Sent quotes: to accept, to reject. */
  readonly toAccept: string;
  readonly toReject: string;
  /** A draft whose validity ended long ago, to expire. */
  readonly lapsed: string;
}

const freeLine = {
  name: 'Fixture service',
  productType: 'cornerstone',
  quantity: 2,
  unitPriceMinor: 50_000,
  taxRateBp: 600,
};

export async function createQuoteFixtures(
  client: ApiClient,
  accountId: string,
): Promise<QuoteFixtureIds> {
  const deal = await client.post<{ id: string }>('/api/v1/opportunities', {
    name: 'Quoted deal',
    accountId,
  });
  if (deal.status !== 201) throw new Error(`deal failed: ${JSON.stringify(deal.body)}`);
  const opportunityId = deal.body.id;
  const create = async (body: Record<string, unknown> = {}) => {
    const response = await client.post<{ id: string; version: number }>(
      `/api/v1/opportunities/${opportunityId}/quotes`,
      { lines: [freeLine], ...body },
    );
    if (response.status !== 201) throw new Error(`quote failed: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const sent = async () => {
    const quote = await create();
    const response = await client.post<{ id: string }>(`/api/v1/quotes/${quote.id}/send`, {
      version: quote.version,
    });
    if (response.status !== 200) throw new Error(`send failed: ${JSON.stringify(response.body)}`);
    return response.body.id;
  };
  return {
    opportunityId,
    draft: (await create()).id,
    toRevise: (await create()).id,
    toSend: (await create()).id,
    toAccept: await sent(),
    toReject: await sent(),
    lapsed: (await create({ validUntil: '2001-01-01' })).id,
  };
}
