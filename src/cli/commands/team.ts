import type { Command } from 'commander';
import { createTeam, deleteTeam, listTeamsPage } from '../../app/teams.service.js';
import { findUserByEmail } from '../../app/users.service.js';
import { UsageError } from '../io.js';
import type { Io } from '../io.js';
import { inTenant, printRows } from '../tenant-scope.js';

export function teamCommand(program: Command, io: Io): void {
  const team = program.command('team').description("Manage a tenant's team tree");

  team
    .command('create <name>')
    .description('Create a team')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--parent <id>', 'parent team id')
    .option('--manager <email>', "the manager's e-mail")
    .action(
      async (
        name: string,
        options: { tenant?: string; parent?: string; manager?: string },
        command: Command,
      ) => {
        const created = await inTenant(command, options.tenant, async (ctx, principal) => {
          const manager = options.manager
            ? await findUserByEmail(ctx, principal, options.manager)
            : undefined;
          if (options.manager && !manager) throw new UsageError(`no user ${options.manager}`);
          return createTeam(ctx, principal, {
            name,
            ...(options.parent ? { parentId: options.parent } : {}),
            ...(manager ? { managerId: manager.id } : {}),
          });
        });
        io.out(`Created team ${created.name} (${created.id}).`);
      },
    );

  team
    .command('list')
    .description('List teams')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--json', 'print JSON')
    .action(async (options: { tenant?: string; json?: boolean }, command: Command) => {
      const teams = await inTenant(command, options.tenant, async (ctx, principal) => {
        const page = await listTeamsPage(ctx, principal, {}, { limit: 200, sort: 'name' });
        return page.items;
      });
      printRows(
        io,
        teams.map((t) => ({
          name: t.name,
          id: t.id,
          parentId: t.parentId,
          managerId: t.managerId,
        })),
        options.json === true,
      );
    });

  team
    .command('delete <id>')
    .description('Delete an empty team')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .action(async (id: string, options: { tenant?: string }, command: Command) => {
      await inTenant(command, options.tenant, (ctx, principal) => deleteTeam(ctx, principal, id));
      io.out(`Deleted team ${id}.`);
    });
}
