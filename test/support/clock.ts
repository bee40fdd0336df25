import type { Clock } from '../../src/app/context.js';

/** A clock the test moves by hand, to cross lock-outs and expiries without waiting. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start = Date.now()) {
    this.current = start;
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
