import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.js';
import { headlineTotal } from '../../src/domain/analytics/targets-report.js';
import type { TeamReach } from '../../src/domain/analytics/targets-report.js';
import { proRatedAmount } from '../../src/domain/analytics/targets.js';
import { ownersOfTeam } from './analytics-world.js';
import type { World } from './analytics-world.js';

/**
 * Sales targets for a generated world (the world itself has none): per rep and per team,
 * one to three targets over random periods around the report period, some for the main
 * pipeline, some for the other, some for all pipelines, mostly in the world currency.
 * Seeded, so a failing world's targets come back with it.
 */
export interface WorldTarget {
  readonly id: string;
  readonly subjectType: 'user' | 'team';
  readonly subjectId: string;
  readonly pipelineId: string | null;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly amountMinor: number;
  readonly currency: string;
}

export function worldTargets(world: World, seed: number): WorldTarget[] {
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const day = (offset: number) =>
    new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
  const subjects = [
    ...world.owners.map((owner) => ({ type: 'user' as const, id: owner.id })),
    ...world.teams.map((team) => ({ type: 'team' as const, id: team.id })),
  ];
  const targets: WorldTarget[] = [];
  let n = 0;
  for (const subject of subjects)
    for (let k = int(1, 3); k > 0; k--) {
      const start = int(0, 640);
      targets.push({
        id: `tg-${seed.toString(36)}-${(n++).toString(36).padStart(3, '0')}`,
        subjectType: subject.type,
        subjectId: subject.id,
        pipelineId: [null, world.pipelineId, world.otherPipelineId][int(0, 2)] ?? null,
        periodStart: day(start),
        periodEnd: day(start + int(0, 200)),
        amountMinor: int(1, 2000) * 10_000,
        currency: next() < 0.8 ? world.currency : 'USD',
      });
    }
  return targets;
}

export async function loadTargets(
  db: Kysely<Database>,
  tenantId: string,
  targets: readonly WorldTarget[],
  at: string,
): Promise<void> {
  for (let start = 0; start < targets.length; start += 100)
    await db
      .insertInto('sales_targets')
      .values(
        targets.slice(start, start + 100).map((t) => ({
          tenant_id: tenantId,
          id: t.id,
          subject_type: t.subjectType,
          subject_id: t.subjectId,
          pipeline_id: t.pipelineId,
          period_start: t.periodStart,
          period_end: t.periodEnd,
          amount_minor: t.amountMinor,
          currency: t.currency,
          created_by: null,
          created_at: at,
          updated_at: at,
          version: 1,
        })),
      )
      .execute();
}

/** Teams in a team's subtree (itself included). */
export function teamsBelow(world: World, teamId: string): Set<string> {
  const below = new Set([teamId]);
  for (let depth = 0; depth < 5; depth++)
    for (const team of world.teams)
      if (team.parentId !== null && below.has(team.parentId)) below.add(team.id);
  return below;
}

export interface TargetFilter {
  readonly currency?: string;
  readonly teamId?: string;
  readonly ownerId?: string;
}

/** The reference's `targetsInScope`: the targets a report with this filter is about. */
export function targetsInScopeOf(
  world: World,
  targets: readonly WorldTarget[],
  period: { from: string; to: string },
  filter: TargetFilter,
): WorldTarget[] {
  const currency = filter.currency ?? world.currency;
  const teamOwners = filter.teamId ? ownersOfTeam(world, filter.teamId) : null;
  const teams = filter.ownerId
    ? new Set<string>()
    : filter.teamId
      ? teamsBelow(world, filter.teamId)
      : null;
  const owners = filter.ownerId
    ? (teamOwners ?? [filter.ownerId]).filter((id) => id === filter.ownerId)
    : teamOwners;
  return targets.filter(
    (t) =>
      t.currency === currency &&
      (t.pipelineId === null || t.pipelineId === world.pipelineId) &&
      t.periodStart <= period.to &&
      t.periodEnd >= period.from &&
      (t.subjectType === 'user'
        ? owners === null || owners.includes(t.subjectId)
        : teams === null || teams.has(t.subjectId)),
  );
}

/** The reference's headline: the in-scope targets, each subject once. */
export function headlineOf(
  world: World,
  targets: readonly WorldTarget[],
  period: { from: string; to: string },
  filter: TargetFilter,
): number {
  const inScope = targetsInScopeOf(world, targets, period, filter);
  const below = new Map<string, TeamReach>();
  for (const t of inScope)
    if (t.subjectType === 'team')
      below.set(t.subjectId, {
        teams: teamsBelow(world, t.subjectId),
        users: new Set(ownersOfTeam(world, t.subjectId)),
      });
  return headlineTotal(
    inScope.map((t) => ({ ...t, targetMinor: proRatedAmount(t, period) })),
    below,
  );
}
