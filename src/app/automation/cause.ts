import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which rules caused the change being made right now. The engine applies a rule's actions
 * inside `causedBy`, and every event recorded meanwhile (by the ordinary services, e.g. a
 * `set_field` going through the normal update path) carries that chain: this is how a rule
 * knows an event is its own doing without the services knowing about rules.
 */
const currentChain = new AsyncLocalStorage<readonly string[]>();

export function causedBy<T>(chain: readonly string[], work: () => Promise<T>): Promise<T> {
  return currentChain.run(chain, work);
}

/** The chain of the change in progress: empty for a change a person or a sweep made. */
export function causeChain(): readonly string[] {
  return currentChain.getStore() ?? [];
}
