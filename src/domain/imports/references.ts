import type { Pipeline, Stage } from '../pipeline/pipeline.js';
import type { UserStatus } from '../tenancy/user.js';
import { fold } from './row-reader.js';

export interface DirectoryUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly status: UserStatus;
}

export type Resolution<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: string };

/** The tenant's people, looked up by e-mail (unique) or by name (which may repeat). */
export class Directory {
  private readonly byEmail = new Map<string, DirectoryUser>();
  private readonly byName = new Map<string, DirectoryUser[]>();

  constructor(users: readonly DirectoryUser[]) {
    for (const user of users) {
      this.byEmail.set(fold(user.email), user);
      const same = this.byName.get(fold(user.name)) ?? [];
      same.push(user);
      this.byName.set(fold(user.name), same);
    }
  }

  /** Two colleagues called 王伟 make the name ambiguous: the file must use an e-mail. */
  find(text: string): Resolution<DirectoryUser> {
    const byEmail = this.byEmail.get(fold(text));
    if (byEmail) return { ok: true, value: byEmail };
    const named = this.byName.get(fold(text)) ?? [];
    const [only] = named;
    if (named.length > 1) return { ok: false, code: 'ambiguous_owner' };
    return only ? { ok: true, value: only } : { ok: false, code: 'unknown_owner' };
  }
}

/** A pipeline by key, or the default one when the row and the mapping name none. */
export function findPipeline(
  pipelines: readonly Pipeline[],
  key: string | null,
): Resolution<Pipeline> {
  const found = key
    ? pipelines.find((p) => fold(p.key) === fold(key))
    : pipelines.find((p) => p.isDefault);
  return found ? { ok: true, value: found } : { ok: false, code: 'unknown_pipeline' };
}

/**
 * A stage by key, or by its Chinese or English name; without one, the first open stage
 * (where a new deal starts).
 */
export function findStage(pipeline: Pipeline, text: string | null): Resolution<Stage> {
  if (text === null) {
    const first = pipeline.stages.find((stage) => stage.kind === 'open');
    return first ? { ok: true, value: first } : { ok: false, code: 'unknown_stage' };
  }
  const wanted = fold(text);
  const byKey = pipeline.stages.find((stage) => fold(stage.key) === wanted);
  if (byKey) return { ok: true, value: byKey };
  const byName = pipeline.stages.filter(
    (stage) => fold(stage.nameZh) === wanted || fold(stage.nameEn) === wanted,
  );
  const [only] = byName;
  return only && byName.length === 1
    ? { ok: true, value: only }
    : { ok: false, code: 'unknown_stage' };
}
