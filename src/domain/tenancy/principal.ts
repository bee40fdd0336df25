import type { Grant } from '../access/permissions.js';
import type { Role } from './user.js';

/**
 * Who is acting: every service call runs as one. It comes from a session, an API token or
 * (for the CLI and jobs) the system itself, never from a request body.
 */
export interface Principal {
  readonly tenantId: string;
  /** null when the system acts (migrations, seeding, scheduled sweeps). */
  readonly userId: string | null;
  readonly role: Role;
  readonly grants: readonly Grant[];
  /** Correlates audit entries with the request or job run that wrote them. */
  readonly requestId: string;
}
