import type { Command } from 'commander';
import { randomUUID } from 'node:crypto';
import { findTenant, systemPrincipal } from '../app/tenants.service.js';
import type { AppContext } from '../app/context.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { openRuntime } from '../runtime.js';
import { databaseTarget } from './database-option.js';
import { UsageError } from './io.js';
import type { Io } from './io.js';

/**
 * Runs `work` inside one tenant as the system principal (an administrator with no user):
 * the CLI goes through the same services, and so the same rules and audit, as the API.
 */
export async function inTenant<T>(
  command: Command,
  slug: string | undefined,
  work: (ctx: AppContext, principal: Principal) => Promise<T>,
): Promise<T> {
  if (!slug) throw new UsageError('--tenant <slug> is required');
  const runtime = await openRuntime(databaseTarget(command));
  try {
    const tenant = await findTenant(runtime.ctx, slug);
    if (!tenant) throw new UsageError(`no tenant "${slug}" (see: pipewright tenant list)`);
    return await work(runtime.ctx, systemPrincipal(tenant.id, `cli-${randomUUID()}`));
  } finally {
    await runtime.close();
  }
}

/** Prints rows as tab-separated text, or as JSON with --json. */
export function printRows(
  io: Io,
  rows: readonly Record<string, string | number | null>[],
  json: boolean,
): void {
  if (json) {
    io.out(JSON.stringify(rows, null, 2));
    return;
  }
  for (const row of rows) {
    io.out(
      Object.values(row)
        .map((value) => (value === null ? '-' : String(value)))
        .join('\t'),
    );
  }
}
