import { categoryTotals } from '../../store/analytics/forecast.sql.js';
import { latestForecastOverrides } from '../../store/forecast-calls.repo.js';
import { usersInTeamSubtree } from '../../store/teams.repo.js';
import { managedSubjects, manages } from '../forecast-calls.service.js';
import type { ReportContext } from './report-scope.js';

/**
 * The overrides the forecast report shows: for its pipeline, currency and exact period,
 * those the reader may read (none for reps), and, under a team or owner filter, only
 * subjects wholly inside it; each beside what the reps' categories give for that subject.
 */
export async function forecastOverrideLines(report: ReportContext) {
  const { db, scope, principal } = report;
  if (principal.role !== 'admin' && principal.role !== 'manager') return [];
  const managed = await managedSubjects(db, principal);
  const rows = await latestForecastOverrides(db, scope.tenantId, {
    pipelineId: scope.pipelineId,
    currency: scope.currency,
    periodStart: scope.period.from,
    periodEnd: scope.period.to,
  });
  const lines = [];
  for (const row of rows) {
    if (!manages(managed, row)) continue;
    const members =
      row.subjectType === 'user'
        ? [row.subjectId]
        : await usersInTeamSubtree(db, scope.tenantId, row.subjectId);
    const filter = scope.ownerIds;
    if (filter !== null && !members.every((id) => filter.includes(id))) continue;
    const reps = await categoryTotals(db, { ...scope, ownerIds: members }, scope.period);
    const repMinor =
      row.category === 'commit'
        ? reps.commitMinor
        : row.category === 'best_case'
          ? reps.bestCaseMinor
          : reps.pipelineMinor;
    lines.push({
      id: row.id,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      subjectName: row.subjectName,
      category: row.category,
      amountMinor: row.amountMinor,
      repMinor,
      note: row.note,
      setBy: row.setBy,
      setAt: row.setAt,
    });
  }
  return lines;
}
