export const auditActions = [
  'create',
  'update',
  'delete',
  'restore',
  'move_stage',
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'revoke_sessions',
  'revoke',
  'change_password',
  'reset_password',
  'disable',
  'enable',
  'transfer',
  'add_member',
  'remove_member',
  'replace_splits',
  'move_team',
  'convert',
  'rotate',
  'change_owner',
  'import',
  'export',
  'merge',
  'dismiss',
  'allocate',
  'reverse_allocation',
  'void',
  'recognise',
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  readonly id: string;
  readonly actorId: string | null;
  readonly entityType: string;
  readonly entityId: string;
  readonly action: AuditAction;
  readonly before: unknown;
  readonly after: unknown;
  readonly at: string;
  readonly requestId: string | null;
}

const SECRET_KEYS = /password|token|secret|hash/i;

/** Audit rows are read by many; secrets never reach them. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_KEYS.test(key) ? '[redacted]' : redactSecrets(inner),
      ]),
    );
  }
  return value;
}
