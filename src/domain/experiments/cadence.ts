import { stageDeadline } from '../pools/deadlines.js';

/**
 * A deal's follow-up deadline in a stage when a cadence experiment may change the stage's
 * rhythm: the variant's days for that stage if it names the stage, else the stage's own
 * cadence (closed stages never have a deadline either way).
 */
export function variantStageDeadline(
  stage: { readonly id: string; readonly kind: string; readonly cadenceDays: number | null },
  variantDays: Readonly<Record<string, number>> | null,
  from: Date,
): string | null {
  const cadenceDays = variantDays?.[stage.id] ?? stage.cadenceDays;
  return stageDeadline({ kind: stage.kind, cadenceDays }, from);
}

/** The cadence (stage → days) in days for one stage, or the stage's own when not overridden. */
export function variantCadenceDays(
  stageId: string,
  stageCadenceDays: number | null,
  variantDays: Readonly<Record<string, number>> | null,
): number | null {
  return variantDays?.[stageId] ?? stageCadenceDays;
}
