import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createTeam } from '../src/app/teams.service.js';
import { createTenant, systemPrincipal } from '../src/app/tenants.service.js';
import { createUser } from '../src/app/users.service.js';
import type { Principal } from '../src/domain/tenancy/principal.js';
import type { CaseEnvironment } from './cases/environment.js';

/**
 * The small tenant the work-queue cases (outbox, recycle sweep, automation) start from,
 * created through the app's own services: `createTenant` (admin, default pool, pipeline), a
 * manager heading the 华东销售 team, and `reps` reps in it.
 */
export interface BenchTeam {
  readonly tenantId: string;
  readonly slug: string;
  readonly adminId: string;
  readonly managerId: string;
  readonly teamId: string;
  readonly reps: readonly { readonly id: string; readonly name: string }[];
  /** Acts as the system for further setup through the services. */
  readonly system: Principal;
}

export async function seedBenchTeam(
  env: CaseEnvironment,
  prefix: string,
  reps: number,
): Promise<BenchTeam> {
  const ctx = env.runtime.ctx;
  const slug = `bench-${prefix}-${randomBytes(3).toString('hex')}`;
  const { tenant, admin } = await createTenant(
    ctx,
    { slug, name: slug, admin: { email: `admin@${slug}.test`, password: 'bench-password-1' } },
    'bench-setup',
  );
  const system = systemPrincipal(tenant.id, 'bench-setup');
  const manager = await createUser(ctx, system, {
    email: `manager@${slug}.test`,
    name: '销售经理',
    role: 'manager',
  });
  const team = await createTeam(ctx, system, { name: '华东销售', managerId: manager.id });
  const members: { id: string; name: string }[] = [];
  for (let r = 0; r < reps; r++) {
    const rep = await createUser(ctx, system, {
      email: `rep${r}@${slug}.test`,
      name: `销售 ${r}`,
      role: 'rep',
      teamId: team.id,
    });
    members.push({ id: rep.id, name: rep.name });
  }
  return {
    tenantId: tenant.id,
    slug,
    adminId: admin.id,
    managerId: manager.id,
    teamId: team.id,
    reps: members,
    system,
  };
}

/**
 * Fresh statistics on the tables a case wrote, as autovacuum would soon give PostgreSQL
 * (dead rows of the floor's run included) and as an import leaves SQLite: both sides of a
 * case then run on the same plans.
 */
export async function analyseTables(
  env: CaseEnvironment,
  tables: readonly string[],
): Promise<void> {
  const db = env.runtime.store.db;
  if (env.target.dialect === 'postgres') {
    await sql`vacuum analyze ${sql.join(tables.map((table) => sql.table(table)))}`.execute(db);
  } else await sql`analyze`.execute(db);
}
