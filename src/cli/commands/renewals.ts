import type { Command } from 'commander';
import { runRenewalSweep } from '../../app/lifecycle/renewal-sweep.service.js';
import type { Io } from '../io.js';
import { inTenant } from '../tenant-scope.js';

/**
 * `pipewright renewals run --tenant <slug>`: the renewal sweep now, in this process, for one
 * tenant (the daily job does the same; running both opens no renewal twice).
 */
export function renewalsCommand(program: Command, io: Io): void {
  const renewals = program
    .command('renewals')
    .description('Renewal deals for contracts that end soon (customer lifecycle)');
  renewals
    .command('run')
    .description('Open the renewal deals due today now, and print what was done')
    .requiredOption('--tenant <slug>', 'the tenant')
    .option('--json', 'print JSON')
    .action(async (options: { tenant: string; json?: boolean }, command: Command) => {
      const result = await inTenant(command, options.tenant, (ctx, principal) =>
        runRenewalSweep(ctx, principal.tenantId, { runId: principal.requestId }),
      );
      if (options.json) io.out(JSON.stringify(result, null, 2));
      else
        io.out(
          result.leadDays === 0
            ? 'renewals are off for this tenant (renewalLeadDays 0)'
            : `opened ${result.opened}, already renewed ${result.alreadyRenewed}, refused ${result.refused} (lead ${result.leadDays} days)`,
        );
    });
}
