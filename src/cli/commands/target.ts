import type { Command } from 'commander';
import { listAllPipelines } from '../../app/pipelines.service.js';
import { createTarget, listTargetsPage, updateTarget } from '../../app/targets.service.js';
import { findUserByEmail } from '../../app/users.service.js';
import type { AppContext } from '../../app/context.js';
import { formatMinor, isCurrencyCode, parseDecimalToMinor } from '../../domain/money.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { getTenant } from '../../app/tenants.service.js';
import { UsageError } from '../io.js';
import type { Io } from '../io.js';
import { inTenant, printRows } from '../tenant-scope.js';

interface SetOptions {
  tenant?: string;
  user?: string;
  team?: string;
  pipeline?: string;
  from: string;
  to: string;
  amount: string;
  currency?: string;
}

async function pipelineId(ctx: AppContext, principal: Principal, pipeline: string | undefined) {
  if (pipeline === undefined) return null;
  const all = await listAllPipelines(ctx, principal, { includeArchived: true });
  const found = all.find((p) => p.key === pipeline || p.id === pipeline);
  if (!found) throw new UsageError(`no pipeline "${pipeline}"`);
  return found.id;
}

/**
 * `pipewright target set|list`: quotas from the command line. `set` creates the target, or
 * changes the amount of the one with exactly the same subject, pipeline, currency and
 * period; amounts are decimals in the currency (`--amount 150000.00`).
 */
export function targetCommand(program: Command, io: Io): void {
  const target = program.command('target').description('Sales targets (quotas) per user or team');

  target
    .command('set')
    .description('Set a target: for a user (--user e-mail) or a team (--team id) and a period')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--user <email>', 'the rep whose target it is')
    .option('--team <id>', 'the team whose target it is (its whole subtree counts)')
    .option('--pipeline <key|id>', 'only deals of this pipeline (default: every pipeline)')
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last day, YYYY-MM-DD (inclusive)')
    .requiredOption('--amount <decimal>', 'target amount, e.g. 150000.00')
    .option('--currency <code>', "ISO currency (default: the tenant's)")
    .action(async (options: SetOptions, command: Command) => {
      if ((options.user === undefined) === (options.team === undefined))
        throw new UsageError('give exactly one of --user and --team');
      const saved = await inTenant(command, options.tenant, async (ctx, principal) => {
        const tenant = await getTenant(ctx, principal);
        const currency = options.currency ?? tenant.defaultCurrency;
        if (!isCurrencyCode(currency)) throw new UsageError(`unknown currency ${currency}`);
        const amountMinor = parseDecimalToMinor(options.amount, currency);
        if (amountMinor === undefined) throw new UsageError(`not an amount: ${options.amount}`);
        let subjectId = options.team ?? '';
        if (options.user !== undefined) {
          const user = await findUserByEmail(ctx, principal, options.user);
          if (!user) throw new UsageError(`no user ${options.user}`);
          subjectId = user.id;
        }
        const subjectType = options.user !== undefined ? 'user' : 'team';
        const pipeline = await pipelineId(ctx, principal, options.pipeline);
        const same = (
          await listTargetsPage(
            ctx,
            principal,
            { subjectType, subjectId, currency, from: options.from, to: options.to },
            { limit: 200 },
          )
        ).items.find(
          (t) =>
            t.pipelineId === pipeline &&
            t.periodStart === options.from &&
            t.periodEnd === options.to,
        );
        if (same)
          return updateTarget(ctx, principal, same.id, { version: same.version, amountMinor });
        return createTarget(ctx, principal, {
          subjectType,
          subjectId,
          pipelineId: pipeline,
          periodStart: options.from,
          periodEnd: options.to,
          amountMinor,
          currency,
        });
      });
      io.out(
        `Target ${saved.id}: ${saved.subjectType} ${saved.subjectId} ${saved.periodStart}..${saved.periodEnd} ${isCurrencyCode(saved.currency) ? formatMinor(saved.amountMinor, saved.currency) : saved.amountMinor} ${saved.currency} (version ${saved.version}).`,
      );
    });

  target
    .command('list')
    .description('List targets, optionally only those overlapping --from..--to')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--from <date>', 'targets ending on or after this day')
    .option('--to <date>', 'targets starting on or before this day')
    .option('--json', 'print JSON')
    .action(
      async (
        options: { tenant?: string; from?: string; to?: string; json?: boolean },
        command: Command,
      ) => {
        const targets = await inTenant(command, options.tenant, async (ctx, principal) => {
          const filter = {
            ...(options.from ? { from: options.from } : {}),
            ...(options.to ? { to: options.to } : {}),
          };
          return (
            await listTargetsPage(ctx, principal, filter, { limit: 200, sort: 'periodStart' })
          ).items;
        });
        printRows(
          io,
          targets.map((t) => ({
            id: t.id,
            subjectType: t.subjectType,
            subjectId: t.subjectId,
            pipelineId: t.pipelineId,
            periodStart: t.periodStart,
            periodEnd: t.periodEnd,
            amountMinor: t.amountMinor,
            currency: t.currency,
            version: t.version,
          })),
          options.json === true,
        );
      },
    );
}
