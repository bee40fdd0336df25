/** A user's stand-in while on leave: steps routed to them go to the delegate in the period. */
export interface Delegation {
  readonly userId: string;
  readonly delegateId: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** In force at `now`: from its start (inclusive) to its end (exclusive). */
export function isActive(delegation: Delegation, now: string): boolean {
  return (
    Date.parse(delegation.startsAt) <= Date.parse(now) &&
    Date.parse(now) < Date.parse(delegation.endsAt)
  );
}

/** Two periods share an instant. */
export function overlaps(a: Delegation, b: { startsAt: string; endsAt: string }): boolean {
  return (
    Date.parse(a.startsAt) < Date.parse(b.endsAt) && Date.parse(b.startsAt) < Date.parse(a.endsAt)
  );
}
