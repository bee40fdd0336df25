import { sql } from 'kysely';
import type { AppContext } from './context.js';

/** A health check that proves the database answers, not just that the process is alive. */
export async function checkDatabase(ctx: AppContext): Promise<'sqlite' | 'postgres'> {
  await sql`select 1`.execute(ctx.store.db);
  return ctx.store.dialect;
}
