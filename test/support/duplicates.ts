import { expect } from 'vitest';
import type { ApiClient } from './client.js';
import { created } from './fixtures.js';

/** A pair as GET /duplicates shows it. */
export interface PairBody {
  id: string;
  type: string;
  mergeable: boolean;
  left: { entityType: string; id: string; name: string };
  right: { entityType: string; id: string; name: string };
  reasons: string[];
  matches: { kind: string; value: string }[];
  score: number;
  status: string;
  note: string | null;
  survivorId: string | null;
  version: number;
}

export interface Problem {
  code: string;
  mergedInto?: { entityType: string; id: string };
}

/** Every pair of the queue the client sees with this query (all pages). */
export async function queue(client: ApiClient, query = ''): Promise<PairBody[]> {
  const items: PairBody[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { items: PairBody[]; nextCursor: string | null } } =
      await client.get(`/api/v1/duplicates?limit=200${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

/** The pair of two records, if the client sees one (whatever its status). */
export async function pairOf(
  client: ApiClient,
  a: string,
  b: string,
  status = 'open',
): Promise<PairBody | undefined> {
  const ids = new Set([a, b]);
  return (await queue(client, `&status=${status}`)).find(
    (pair) => ids.has(pair.left.id) && ids.has(pair.right.id),
  );
}

export async function make(
  client: ApiClient,
  collection: 'leads' | 'accounts' | 'contacts',
  body: Record<string, unknown>,
): Promise<{ id: string; version: number }> {
  return created(client.post(`/api/v1/${collection}`, body));
}

/** Valid unified social credit codes (GB 32100-2015 check character). */
export const CREDIT_CODES = ['91350100M000100Y43', '914403001922038216', '91110000802100433B'];
