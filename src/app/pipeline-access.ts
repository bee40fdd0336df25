import type { Kysely } from 'kysely';
import type { Pipeline } from '../domain/pipeline/pipeline.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { findRow } from '../store/rows.repo.js';
import type { Database } from '../store/schema.js';

/**
 * A pipeline restricted to teams (per business line) takes deals only from their members;
 * admins and the system may use any pipeline.
 */
export async function pipelineOpenTo(
  trx: Kysely<Database>,
  principal: Principal,
  pipeline: Pipeline,
): Promise<boolean> {
  if (pipeline.teamIds.length === 0 || principal.role === 'admin' || principal.userId === null)
    return true;
  const user = await findRow(trx, 'users', principal.tenantId, principal.userId);
  return user?.team_id != null && pipeline.teamIds.includes(user.team_id);
}
