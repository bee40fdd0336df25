import { headlineTotal } from '../../domain/analytics/targets-report.js';
import type { TeamReach } from '../../domain/analytics/targets-report.js';
import { proRatedAmount } from '../../domain/analytics/targets.js';
import type { SalesTarget } from '../../domain/analytics/targets.js';
import { targetsOverlapping } from '../../store/targets.repo.js';
import { teamSubtree, usersInTeamSubtree } from '../../store/teams.repo.js';
import { targetAudience } from '../targets.service.js';
import type { ReportContext } from './report-scope.js';

/**
 * The targets a report is about: overlapping the period, in the report currency, for the
 * report's pipeline or for all pipelines, readable by the reader, and whose subject is in
 * the filter: with an owner filter, that owner's own targets; with a team filter, the
 * targets of the people and teams in its subtree; without, all of them.
 */
export async function targetsInScope({
  db,
  scope,
  principal,
}: ReportContext): Promise<SalesTarget[]> {
  const all = await targetsOverlapping(db, scope.tenantId, {
    pipelineId: scope.pipelineId,
    currency: scope.currency,
    from: scope.period.from,
    to: scope.period.to,
  });
  const audience = await targetAudience(db, principal);
  const teamId = scope.filter?.teamId;
  const teams =
    scope.filter?.ownerId !== undefined
      ? new Set<string>()
      : teamId !== undefined
        ? new Set(await teamSubtree(db, scope.tenantId, teamId))
        : null;
  return all.filter((target) => {
    const readable =
      audience === null ||
      (target.subjectType === 'user' ? audience.userIds : audience.teamIds).includes(
        target.subjectId,
      );
    const inFilter =
      target.subjectType === 'user'
        ? scope.ownerIds === null || scope.ownerIds.includes(target.subjectId)
        : teams === null || teams.has(target.subjectId);
    return readable && inFilter;
  });
}

/** The reverse funnel's default revenue target (see `headlineTotal`). */
export async function headlineTarget(report: ReportContext): Promise<number> {
  const targets = await targetsInScope(report);
  const { db, scope } = report;
  const below = new Map<string, TeamReach>();
  for (const target of targets)
    if (target.subjectType === 'team' && !below.has(target.subjectId))
      below.set(target.subjectId, {
        teams: new Set(await teamSubtree(db, scope.tenantId, target.subjectId)),
        users: new Set(await usersInTeamSubtree(db, scope.tenantId, target.subjectId)),
      });
  return headlineTotal(
    targets.map((target) => ({
      ...target,
      targetMinor: proRatedAmount(target, scope.period),
    })),
    below,
  );
}
