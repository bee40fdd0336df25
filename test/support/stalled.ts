import { expect } from 'vitest';
import { ApiClient } from './client.js';
import type { ManualClock } from './clock.js';
import { created, threeStages, unique } from './fixtures.js';
import type { TestServer } from './server.js';
import { TEST_PASSWORD } from './tenants.js';

/** What the stalled list answers, as the suites read it. */
export interface StallFlagBody {
  code: string;
  message: string;
  [evidence: string]: unknown;
}
export interface StalledItem {
  opportunity: { id: string; ownerId: string; stageEnteredAt: string; stageId: string };
  flags: StallFlagBody[];
}
export interface StalledPage {
  items: StalledItem[];
  nextCursor: string | null;
}

export interface StallPipeline {
  id: string;
  stages: { id: string; key: string }[];
}

export const DAY = 86_400_000;

/**
 * A pipeline with one stage of every kind of expectation: `qualify` expects 10 days, a
 * follow-up every 3 days and the required key action `discovery` (`intro` is optional);
 * `propose` expects nothing, so only the tenant's history can flag a deal there.
 */
export async function createStallPipeline(client: ApiClient): Promise<StallPipeline> {
  return created<StallPipeline>(
    client.post('/api/v1/pipelines', {
      key: unique('stall'),
      nameZh: '停滞检测',
      nameEn: 'Stall detection',
      stages: [
        {
          key: 'qualify',
          nameZh: '资格确认',
          nameEn: 'Qualify',
          kind: 'open',
          probability: 20,
          forecastCategory: 'pipeline',
          expectedDwellDays: 10,
          cadenceDays: 3,
          actions: [
            { key: 'discovery', nameZh: '需求调研', nameEn: 'Discovery call', required: true },
            { key: 'intro', nameZh: '公司介绍', nameEn: 'Company intro', required: false },
          ],
        },
        {
          key: 'propose',
          nameZh: '方案',
          nameEn: 'Propose',
          kind: 'open',
          probability: 50,
          forecastCategory: 'best_case',
        },
        ...threeStages.slice(1),
      ],
    }),
  );
}

export function stageOf(pipeline: StallPipeline, key: string): string {
  const stage = pipeline.stages.find((s) => s.key === key);
  if (!stage) throw new Error(`no stage ${key}`);
  return stage.id;
}

/**
 * A client authenticated by an API token: sessions end after 30 days, and these suites
 * move the clock further than that.
 */
export async function tokenClient(
  server: TestServer,
  email: string,
  locale = 'en',
): Promise<ApiClient> {
  const session = await new ApiClient(server.url).signIn(email, TEST_PASSWORD);
  const token = await session.post<{ token: string }>('/api/v1/me/tokens', { name: 'suite' });
  expect(token.status, JSON.stringify(token.body)).toBe(201);
  const client = new ApiClient(server.url, locale);
  client.bearer = token.body.token;
  return client;
}

/** Every stalled deal the client sees for a query, following the cursor to the end. */
export async function allStalled(client: ApiClient, query: string): Promise<StalledItem[]> {
  const items: StalledItem[] = [];
  let cursor: string | null = null;
  do {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await client.get<StalledPage>(`/api/v1/opportunities/stalled?${query}${suffix}`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

export const advanceDays = (clock: ManualClock, days: number) => clock.advance(days * DAY);
