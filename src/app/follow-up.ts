import type { Kysely } from 'kysely';
import type { Activity } from '../domain/activities/activity.js';
import { DomainError } from '../domain/errors.js';
import { variantCadenceDays } from '../domain/experiments/cadence.js';
import { nextDeadline } from '../domain/pools/deadlines.js';
import { capReached, capWindowStart, isOutreach, isSilenced } from '../domain/pools/outreach.js';
import {
  accountSilence,
  contactSilence,
  outreachCount,
  restartDeadline,
  restartDealDeadline,
} from '../store/follow-up.repo.js';
import { runningCadenceOf } from '../store/experiments.repo.js';
import type { Database } from '../store/schema.js';
import { findTenantById } from '../store/tenants.repo.js';

type Outreach = Pick<Activity, 'type' | 'contactId' | 'accountId'>;

const silenced = (until: string): DomainError => new DomainError('silenced', { until });

/**
 * Refuses outreach the customer asked us not to make: to a contact or account in a silence
 * period (静默期), or to a contact already reached as often as the tenant's cap allows.
 * Notes are not outreach and are always allowed.
 */
export async function assertMayReachOut(
  db: Kysely<Database>,
  tenantId: string,
  activity: Outreach,
  now: Date,
): Promise<void> {
  if (!isOutreach(activity.type)) return;
  if (activity.contactId) {
    const facts = await contactSilence(db, tenantId, activity.contactId);
    if (facts && isSilenced(facts.contactSilenceUntil, now))
      throw silenced(facts.contactSilenceUntil ?? '');
    if (facts && isSilenced(facts.accountSilenceUntil, now))
      throw silenced(facts.accountSilenceUntil ?? '');
    const cap = (await findTenantById(db, tenantId))?.settings.contactCap ?? null;
    if (cap) {
      const made = await outreachCount(db, tenantId, activity.contactId, capWindowStart(cap, now));
      if (capReached(cap, made)) {
        throw new DomainError('contact_cap_reached', { max: cap.max, perDays: cap.perDays });
      }
    }
  }
  if (activity.accountId) {
    const until = await accountSilence(db, tenantId, activity.accountId);
    if (isSilenced(until, now)) throw silenced(until ?? '');
  }
}

/**
 * Outreach that has happened is a follow-up: the clock of every owned record it touches
 * restarts, to the date the rep promised (nextFollowUpAt) or by the tenant's rhythm (the
 * stage's cadence for deals). Planned activities (in the future) and notes restart nothing.
 */
export async function restartFollowUpClocks(
  db: Kysely<Database>,
  tenantId: string,
  activity: Activity,
  now: Date,
): Promise<void> {
  if (!isOutreach(activity.type) || Date.parse(activity.occurredAt) > now.getTime()) return;
  const days = (await findTenantById(db, tenantId))?.settings.deadlines.followUpDays ?? 7;
  const promised = activity.nextFollowUpAt;
  const deadline = promised ?? nextDeadline(now, days);
  if (activity.leadId) await restartDeadline(db, tenantId, 'leads', activity.leadId, deadline);
  const accountId =
    activity.accountId ??
    (activity.contactId
      ? ((await contactSilence(db, tenantId, activity.contactId))?.accountId ?? null)
      : null);
  if (accountId) await restartDeadline(db, tenantId, 'accounts', accountId, deadline);
  if (activity.opportunityId) {
    // A deal in a running cadence experiment follows its variant's days, not the stage's.
    const variantDays = await runningCadenceOf(db, tenantId, activity.opportunityId);
    await restartDealDeadline(db, tenantId, activity.opportunityId, (stageDays, stageId) => {
      const cadenceDays = variantCadenceDays(stageId, stageDays, variantDays);
      return promised ?? (cadenceDays === null ? null : nextDeadline(now, cadenceDays));
    });
  }
}
