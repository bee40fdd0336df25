import type { ApiProblem } from '../../api/problem';
import type { components } from '../../api/schema';

export type Criterion = components['schemas']['Criterion'];

/** One thing a refused move is missing: the server's words and, if any, the criterion. */
export interface GateItem {
  readonly id: string;
  readonly stageId: string;
  /** The server's sentence in the UI language (errors[] follows Accept-Language). */
  readonly message: string;
  /** Null for a refusal that no fix on the deal can meet (skipping stages). */
  readonly criterion: Criterion | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Reads a criterion from the problem's untyped `unmet[].reason` (shape of Criterion). */
function criterionOf(reason: Record<string, unknown>): Criterion | null {
  const criterion = reason.criterion;
  if (reason.code !== 'criterion' || !isRecord(criterion)) return null;
  const { type } = criterion;
  if (type === 'field' && typeof criterion.field === 'string') {
    return { type, field: criterion.field };
  }
  if (type === 'action' && typeof criterion.action === 'string') {
    return { type, action: criterion.action };
  }
  if (type === 'attachment' && typeof criterion.attachmentType === 'string') {
    return { type, attachmentType: criterion.attachmentType };
  }
  if (type === 'score' && typeof criterion.min === 'number') return { type, min: criterion.min };
  if (type === 'contact_role' && typeof criterion.min === 'number') {
    const role = criterion.role;
    if (
      role === 'decision_maker' ||
      role === 'influencer' ||
      role === 'user' ||
      role === 'gatekeeper' ||
      role === 'champion'
    ) {
      return { type, role, min: criterion.min };
    }
  }
  return null;
}

/**
 * The items of a `422 gate_failed` answer. `unmet[]` is the machine-readable list and
 * `errors[]` says the same in words, item for item (the server builds one from the other).
 */
export function gateItems(problem: ApiProblem): GateItem[] {
  const unmet = problem.body?.unmet ?? [];
  return unmet.map((item, index) => ({
    id: `${item.stageKey}/${String(index)}`,
    stageId: item.stageId,
    message: problem.errors[index]?.message ?? problem.detail,
    criterion: criterionOf(item.reason),
  }));
}
