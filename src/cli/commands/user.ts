import type { Command } from 'commander';
import { findUserByEmail } from '../../app/users.service.js';
import { createUser, listUsersPage } from '../../app/users.service.js';
import { disableUser, enableUser } from '../../app/user-lifecycle.service.js';
import { roles } from '../../domain/tenancy/user.js';
import type { Role } from '../../domain/tenancy/user.js';
import { UsageError } from '../io.js';
import type { Io } from '../io.js';
import { inTenant, printRows } from '../tenant-scope.js';

interface TenantOption {
  tenant?: string;
}

function parseRole(role: string): Role {
  if (!(roles as readonly string[]).includes(role))
    throw new UsageError(`invalid --role "${role}": use ${roles.join(', ')}`);
  return role as Role;
}

export function userCommand(program: Command, io: Io): void {
  const user = program.command('user').description("Manage a tenant's users");

  user
    .command('create')
    .description('Create a user')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .requiredOption('--email <email>', 'sign-in e-mail')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--role <role>', roles.join(' | '))
    .option('--team <id>', 'team id')
    .option('--password <password>', 'initial password (at least 10 characters)')
    .action(
      async (
        options: TenantOption & {
          email: string;
          name: string;
          role: string;
          team?: string;
          password?: string;
        },
        command: Command,
      ) => {
        const role = parseRole(options.role);
        const created = await inTenant(command, options.tenant, (ctx, principal) =>
          createUser(ctx, principal, {
            email: options.email,
            name: options.name,
            role,
            ...(options.team ? { teamId: options.team } : {}),
            ...(options.password ? { password: options.password } : {}),
          }),
        );
        io.out(`Created ${created.role} ${created.email} (${created.id}).`);
      },
    );

  user
    .command('list')
    .description('List users')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--json', 'print JSON')
    .action(async (options: TenantOption & { json?: boolean }, command: Command) => {
      const users = await inTenant(command, options.tenant, async (ctx, principal) => {
        const all = [];
        let cursor: string | undefined;
        for (let page = 0; page < 1000; page++) {
          const result = await listUsersPage(
            ctx,
            principal,
            {},
            { limit: 200, sort: 'email', ...(cursor ? { cursor } : {}) },
          );
          all.push(...result.items);
          if (!result.nextCursor) break;
          cursor = result.nextCursor;
        }
        return all;
      });
      printRows(
        io,
        users.map((u) => ({
          email: u.email,
          name: u.name,
          role: u.role,
          status: u.status,
          teamId: u.teamId,
          id: u.id,
        })),
        options.json === true,
      );
    });

  user
    .command('disable <email>')
    .description('Disable a user, handing open deals, tasks, leads and accounts to someone else')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--transfer-to <email>', 'who takes over (required if they have open deals or tasks)')
    .option('--pool <id>', 'public pool for their leads and accounts (default: the company pool)')
    .action(
      async (
        email: string,
        options: TenantOption & { transferTo?: string; pool?: string },
        command: Command,
      ) => {
        const disabled = await inTenant(command, options.tenant, async (ctx, principal) => {
          const target = await findUserByEmail(ctx, principal, email);
          if (!target) throw new UsageError(`no user ${email}`);
          const heir = options.transferTo
            ? await findUserByEmail(ctx, principal, options.transferTo)
            : undefined;
          if (options.transferTo && !heir) throw new UsageError(`no user ${options.transferTo}`);
          return disableUser(ctx, principal, target.id, {
            version: target.version,
            ...(heir ? { transferTo: heir.id } : {}),
            ...(options.pool ? { poolId: options.pool } : {}),
          });
        });
        io.out(`Disabled ${disabled.email}.`);
      },
    );

  user
    .command('enable <email>')
    .description('Enable a disabled user')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .action(async (email: string, options: TenantOption, command: Command) => {
      const enabled = await inTenant(command, options.tenant, async (ctx, principal) => {
        const target = await findUserByEmail(ctx, principal, email);
        if (!target) throw new UsageError(`no user ${email}`);
        return enableUser(ctx, principal, target.id, target.version);
      });
      io.out(`Enabled ${enabled.email}.`);
    });
}
