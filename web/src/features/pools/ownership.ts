import { api } from '../../api/client';
import { useApiMutation } from '../../api/query';
import type { components } from '../../api/schema';

export type OwnershipChange = components['schemas']['OwnershipChangeInput'];
export type HeldKind = 'leads' | 'accounts';

export interface OwnershipRequest {
  readonly kind: HeldKind;
  readonly id: string;
  readonly change: OwnershipChange;
}

/**
 * One ownership step (claim, release, transfer, assign, re-activate). The pool rules are
 * the server's: a refusal comes back as 409 ownership_refused with the translated reason.
 */
export function useOwnershipChange(onSuccess?: () => void) {
  return useApiMutation(
    ({ kind, id, change }: OwnershipRequest) =>
      kind === 'leads'
        ? api.POST('/api/v1/leads/{id}/ownership', { params: { path: { id } }, body: change })
        : api.POST('/api/v1/accounts/{id}/ownership', { params: { path: { id } }, body: change }),
    {
      invalidates: [['leads'], ['accounts'], ['pools']],
      ...(onSuccess ? { onSuccess: () => onSuccess() } : {}),
    },
  );
}
