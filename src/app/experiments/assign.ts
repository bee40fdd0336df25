import type { Kysely } from 'kysely';
import { variantFor } from '../../domain/experiments/assignment.js';
import { variantStageDeadline } from '../../domain/experiments/cadence.js';
import { matchesFilter } from '../../domain/experiments/experiment.js';
import type { Experiment, Population, RecordTraits } from '../../domain/experiments/experiment.js';
import {
  insertAssignments,
  openRecords,
  runningCadenceOf,
  runningExperiments,
  teamOf,
} from '../../store/experiments.repo.js';
import type { Database } from '../../store/schema.js';
import type { AppContext } from '../context.js';

/**
 * Assigning records to variants, inside the caller's transaction: a record created while
 * experiments run joins each one its traits match, in the same transaction as its creation
 * (a rolled-back create leaves no assignment), and an experiment that starts takes in the
 * open records in batches. Both use the same deterministic hash, so they agree.
 */
export interface NewRecord {
  readonly id: string;
  readonly ownerId: string | null;
  readonly pipelineId: string | null;
  readonly stageId: string | null;
  readonly source: string | null;
}

export async function assignNewRecord(
  trx: Kysely<Database>,
  ctx: AppContext,
  tenantId: string,
  population: Population,
  record: NewRecord,
  now: string,
): Promise<void> {
  const running = await runningExperiments(trx, tenantId, population);
  if (running.length === 0) return;
  const traits: RecordTraits = {
    pipelineId: record.pipelineId,
    stageId: record.stageId,
    teamId: await teamOf(trx, tenantId, record.ownerId),
    source: record.source,
  };
  for (const experiment of running) {
    if (!matchesFilter(experiment.filter, traits)) continue;
    const variant = variantFor(experiment.id, record.id, experiment.variants);
    await insertAssignments(
      trx,
      tenantId,
      experiment,
      [{ id: ctx.newId(), recordId: record.id, variantKey: variant.key }],
      now,
    );
  }
}

/** Rows per insert when an experiment starts: small enough for any driver's parameter cap. */
const BATCH = 200;

/** Assigns every open matching record; idempotent (assigned records are skipped). */
export async function assignOpenRecords(
  trx: Kysely<Database>,
  ctx: AppContext,
  experiment: Experiment,
  now: string,
): Promise<number> {
  let assigned = 0;
  let after: string | null = null;
  for (;;) {
    const page = await openRecords(
      trx,
      experiment.tenantId,
      experiment.population,
      experiment.filter,
      after,
      BATCH,
    );
    if (page.length === 0) return assigned;
    assigned += await insertAssignments(
      trx,
      experiment.tenantId,
      experiment,
      page.map((record) => ({
        id: ctx.newId(),
        recordId: record.id,
        variantKey: variantFor(experiment.id, record.id, experiment.variants).key,
      })),
      now,
    );
    after = page[page.length - 1]?.id ?? null;
  }
}

/**
 * A deal's follow-up deadline in `stage`, by the cadence of its variant in a running cadence
 * experiment, else by the stage's own. Used where deals enter a stage (create, stage move).
 */
export async function dealStageDeadline(
  trx: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
  stage: { readonly id: string; readonly kind: string; readonly cadenceDays: number | null },
  from: Date,
): Promise<string | null> {
  const days = await runningCadenceOf(trx, tenantId, opportunityId);
  return variantStageDeadline(stage, days, from);
}
