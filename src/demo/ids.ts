import { v7 as uuidv7 } from 'uuid';
import type { Random } from './random.js';

/** A UUIDv7 for an instant, with seeded randomness: time-ordered and reproducible. */
export function idAt(random: Random, msecs: number): string {
  return uuidv7({ msecs, random: random.bytes16() });
}
