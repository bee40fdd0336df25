/**
 * Every failure a user can meet has a stable code. The HTTP layer maps a code to a status
 * (exhaustively, see `src/http/problem.ts`) and the i18n catalogue maps it to a message
 * in zh-CN and English; clients branch on the code, never on the message.
 */
export const errorCodes = [
  'validation_failed',
  'invalid_cursor',
  'unauthenticated',
  'invalid_credentials',
  'too_many_attempts',
  'csrf_failed',
  'current_password_incorrect',
  'transfer_target_required',
  'forbidden',
  'not_found',
  'route_not_found',
  'reference_not_found',
  'reference_mismatch',
  'version_conflict',
  'duplicate',
  'has_dependents',
  'not_deleted',
  'cycle_detected',
  'ownership_conflict',
  'ownership_refused',
  'silenced',
  'contact_cap_reached',
  'no_eligible_assignee',
  'record_merged',
  'pair_resolved',
  'pair_not_mergeable',
  'delivery_in_flight',
  'experiment_overlap',
  'experiment_state',
  'stage_not_in_pipeline',
  'stage_in_use',
  'pipeline_invalid',
  'splits_invalid',
  'pipeline_archived',
  'opportunity_closed',
  'quote_status',
  'quote_already_accepted',
  'quote_expired',
  'backward_move_needs_reason',
  'gate_failed',
  'review_required',
  'discount_approval_required',
  'delegation_to_self',
  'delegation_cycle',
  'currency_mismatch',
  'invalid_range',
  'lead_status_not_allowed',
  'bant_incomplete',
  'lead_disqualified',
  'lead_converted',
  'disqualify_reason_required',
  'idempotency_key_reused',
  'idempotency_in_progress',
  'payload_too_large',
  'unsupported_media_type',
  'product_not_in_price_book',
  'product_inactive',
  'price_book_inactive',
  'default_price_book_exists',
  'volume_tiers_invalid',
  'contract_requires_won_deal',
  'contract_exists',
  'payment_plan_invalid',
  'payment_plan_locked',
  'receipt_duplicate',
  'allocation_conflict',
  'receipt_allocated',
  'order_state',
  'contract_state',
  'recognition_exceeds_amount',
  'internal_error',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** Values interpolated into the translated message, e.g. `{field}`. */
export type ErrorParams = Readonly<Record<string, string | number>>;

/** One problem with one input field (the `errors` member of a problem+json body). */
export interface FieldIssue {
  /** JSON-pointer-like path, e.g. `products/0/quantity`. */
  readonly path: string;
  readonly code: string;
  readonly message: string;
  /** The message in each language, when the rule that raised it knows them. */
  readonly messages?: { readonly en: string; readonly 'zh-CN': string };
  /** Where in a submitted file (pipelines as code) the problem is, 1-based. */
  readonly line?: number;
  readonly column?: number;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    readonly issues: readonly FieldIssue[] = [],
    /** Machine-readable detail added to the problem body (e.g. `unmet` gate criteria). */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

export const notFound = (entity: string): DomainError => new DomainError('not_found', { entity });

export const referenceIssue = (field: string): FieldIssue => ({
  path: field,
  code: 'reference_not_found',
  message: `${field} does not exist`,
});

/** Unknown and other-tenant ids look the same, so ids cannot be probed across tenants. */
export const referenceNotFound = (...fields: string[]): DomainError =>
  new DomainError('reference_not_found', { field: fields.join(', ') }, fields.map(referenceIssue));

export const versionConflict = (entity: string): DomainError =>
  new DomainError('version_conflict', { entity });

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
