import type { Command } from 'commander';
import { listAudit } from '../../app/audit.service.js';
import type { Io } from '../io.js';
import { inTenant, printRows } from '../tenant-scope.js';

export function auditCommand(program: Command, io: Io): void {
  program
    .command('audit <entity-type> <id>')
    .description('Show the history of one record (e.g. `audit opportunity <id>`), oldest first')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--json', 'print JSON with before and after')
    .action(
      async (
        entityType: string,
        id: string,
        options: { tenant?: string; json?: boolean },
        command: Command,
      ) => {
        const entries = await inTenant(command, options.tenant, async (ctx, principal) => {
          const all = [];
          let cursor: string | undefined;
          for (let page = 0; page < 1000; page++) {
            const result = await listAudit(
              ctx,
              principal,
              { entityType, entityId: id },
              { limit: 200, sort: 'at', ...(cursor ? { cursor } : {}) },
            );
            all.push(...result.items);
            if (!result.nextCursor) break;
            cursor = result.nextCursor;
          }
          return all;
        });
        if (options.json) {
          io.out(JSON.stringify(entries, null, 2));
          return;
        }
        printRows(
          io,
          entries.map((e) => ({
            at: e.at,
            action: e.action,
            actor: e.actorId ?? 'system',
            request: e.requestId,
          })),
          false,
        );
      },
    );
}
