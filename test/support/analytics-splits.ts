import type { Kysely } from 'kysely';
import type { CreditShare } from '../../src/domain/analytics/targets-report.js';
import type { SplitType } from '../../src/domain/opportunities/splits.js';
import { splitTypes } from '../../src/domain/opportunities/splits.js';
import type { Database } from '../../src/store/schema.js';
import type { World } from './analytics-world.js';

/**
 * Credit splits for a generated world (the world has none): about a third of the deals get
 * one or more split types, each shared by one to three of the world's reps (the owner among
 * them or not, as on a real team) in whole basis points summing to 10 000. Seeded, so a
 * failing world's splits come back with it. Loaded straight into `opportunity_splits`:
 * the reports read the lines, not the team.
 */
export type WorldSplits = ReadonlyMap<string, ReadonlyMap<SplitType, readonly CreditShare[]>>;

export function worldSplits(world: World, seed: number): WorldSplits {
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const splits = new Map<string, Map<SplitType, CreditShare[]>>();
  for (const deal of world.deals) {
    if (next() >= 0.35 || world.owners.length === 0) continue;
    const types = new Map<SplitType, CreditShare[]>();
    for (const type of splitTypes) {
      if (next() < 0.4) continue;
      const holders = [...world.owners]
        .sort(() => next() - 0.5)
        .slice(0, int(1, Math.min(3, world.owners.length)))
        .map((owner) => owner.id);
      let left = 10_000;
      const lines = holders.map((userId, index) => {
        const shareBp =
          index === holders.length - 1 ? left : int(1, left - (holders.length - index - 1));
        left -= shareBp;
        return { userId, shareBp };
      });
      types.set(type, lines);
    }
    if (types.size > 0) splits.set(deal.id, types);
  }
  return splits;
}

export function splitsOf(splits: WorldSplits, dealId: string, type: SplitType): CreditShare[] {
  return [...(splits.get(dealId)?.get(type) ?? [])];
}

export async function loadSplits(
  db: Kysely<Database>,
  tenantId: string,
  splits: WorldSplits,
): Promise<void> {
  const rows = [...splits].flatMap(([dealId, types]) =>
    [...types].flatMap(([type, lines]) =>
      lines.map((line, index) => ({
        tenant_id: tenantId,
        id: `sp-${dealId}-${type}-${index}`,
        opportunity_id: dealId,
        split_type: type,
        user_id: line.userId,
        share_bp: line.shareBp,
      })),
    ),
  );
  for (let start = 0; start < rows.length; start += 100)
    await db
      .insertInto('opportunity_splits')
      .values(rows.slice(start, start + 100))
      .execute();
}
