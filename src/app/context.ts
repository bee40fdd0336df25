import { v7 as uuidv7 } from 'uuid';
import type { Store } from '../store/db.js';
import type { FileStorage } from './file-storage.js';
import type { DeliverySettings } from '../domain/outbox/settings.js';

/** The only source of "now" for services; tests and simulations inject their own. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Everything a use-case needs from the outside world. Built once by the composition root
 * (`src/runtime.ts`) and passed explicitly: no globals, no DI container.
 */
export interface AppContext {
  readonly store: Store;
  readonly clock: Clock;
  /** Time-ordered ids (UUIDv7): index-friendly and sortable by creation. */
  readonly newId: () => string;
  /** Where attachment bytes are kept. */
  readonly files: FileStorage;
  /** How the outbox sends e-mail and HTTP (default: no SMTP; see domain/outbox/settings.ts). */
  readonly delivery?: DeliverySettings;
}

export function createAppContext(
  store: Store,
  files: FileStorage,
  clock: Clock = systemClock,
): AppContext {
  return { store, clock, files, newId: () => uuidv7() };
}

export function nowIso(ctx: AppContext): string {
  return ctx.clock.now().toISOString();
}
