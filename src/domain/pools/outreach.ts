import type { ActivityType } from '../activities/activity.js';

/**
 * Outreach is contact with the customer (a call, a visit, a meeting, a demo, an e-mail);
 * a note is not. Outreach is what follow-up deadlines wait for, what silence periods
 * (静默期) forbid and what contact-frequency caps count.
 */
export const outreachTypes: readonly ActivityType[] = ['call', 'visit', 'meeting', 'demo', 'email'];

export const isOutreach = (type: ActivityType): boolean => outreachTypes.includes(type);

/** Whether a silence period still runs at `now`. */
export const isSilenced = (silenceUntil: string | null, now: Date): boolean =>
  silenceUntil !== null && Date.parse(silenceUntil) > now.getTime();

export interface ContactCap {
  readonly max: number;
  readonly perDays: number;
}

/** Since when earlier outreach counts towards the cap. */
export const capWindowStart = (cap: ContactCap, now: Date): string =>
  new Date(now.getTime() - cap.perDays * 86_400_000).toISOString();

/** Whether one more outreach would exceed the cap, given how many the window holds. */
export const capReached = (cap: ContactCap | null, inWindow: number): boolean =>
  cap !== null && inWindow >= cap.max;
