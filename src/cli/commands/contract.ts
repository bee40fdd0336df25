import type { Command } from 'commander';
import {
  contracts,
  createContractFromDeal,
  getContract,
} from '../../app/contracts/contracts.service.js';
import { allocateReceipt, postReceipt, receipts } from '../../app/contracts/receipts.service.js';
import { isCurrencyCode } from '../../domain/money.js';
import { UsageError } from '../io.js';
import type { Io } from '../io.js';
import { inTenant, printRows } from '../tenant-scope.js';

/**
 * `pipewright contract list|show|create` and `pipewright receipt post|allocate|list`: the
 * contract and receivables services from the shell, as the system principal (audited).
 */
const minor = (text: string, what: string): number => {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new UsageError(`${what} must be a positive whole number of minor units (fen, cent)`);
  return value;
};

export function contractCommands(program: Command, io: Io): void {
  const contract = program.command('contract').description('Contracts from won deals (issue 9)');
  contract
    .command('list')
    .description('List contracts: number, status, amount, end date, delivery, id')
    .requiredOption('--tenant <slug>', 'the tenant')
    .option('--account <id>', 'only this account')
    .option('--ending-before <date>', 'end date before YYYY-MM-DD')
    .option('--json', 'print JSON')
    .action(
      async (
        options: { tenant: string; account?: string; endingBefore?: string; json?: boolean },
        command: Command,
      ) => {
        const page = await inTenant(command, options.tenant, (ctx, principal) =>
          contracts(
            ctx,
            principal,
            { accountId: options.account, endingBefore: options.endingBefore },
            { limit: 200 },
          ),
        );
        printRows(
          io,
          page.items.map((c) => ({
            number: c.number,
            status: c.status,
            amount: `${c.amountMinor} ${c.currency}`,
            endDate: c.endDate,
            delivery: c.deliveryStatus,
            id: c.id,
          })),
          options.json ?? false,
        );
      },
    );
  contract
    .command('show <id>')
    .description('A contract with its payment plan, orders and recognitions (JSON)')
    .requiredOption('--tenant <slug>', 'the tenant')
    .action(async (id: string, options: { tenant: string }, command: Command) => {
      const detail = await inTenant(command, options.tenant, (ctx, principal) =>
        getContract(ctx, principal, id),
      );
      io.out(JSON.stringify(detail, null, 2));
    });
  contract
    .command('create <opportunityId>')
    .description('Create the contract of a won deal with n equal installments every k months')
    .requiredOption('--tenant <slug>', 'the tenant')
    .requiredOption('--start <date>', 'start date YYYY-MM-DD')
    .requiredOption('--end <date>', 'end date YYYY-MM-DD')
    .option('--installments <n>', 'number of installments', '1')
    .option('--every <months>', 'months between installments', '1')
    .option('--first-due <date>', 'first due date (default: the start date)')
    .action(
      async (
        opportunityId: string,
        options: {
          tenant: string;
          start: string;
          end: string;
          installments: string;
          every: string;
          firstDue?: string;
        },
        command: Command,
      ) => {
        const count = Number(options.installments);
        const everyMonths = Number(options.every);
        if (!Number.isInteger(count) || count < 1 || count > 120)
          throw new UsageError('--installments must be 1–120');
        if (!Number.isInteger(everyMonths) || everyMonths < 0 || everyMonths > 24)
          throw new UsageError('--every must be 0–24 months');
        const created = await inTenant(command, options.tenant, (ctx, principal) =>
          createContractFromDeal(ctx, principal, opportunityId, {
            startDate: options.start,
            endDate: options.end,
            plan: {
              generate: { count, everyMonths, firstDueDate: options.firstDue ?? options.start },
            },
          }),
        );
        io.out(`${created.number}\t${created.amountMinor} ${created.currency}\t${created.id}`);
      },
    );

  const receipt = program.command('receipt').description('Receipts (回款) and allocation (核销)');
  receipt
    .command('post')
    .description('Record money received; --auto applies it to the oldest open installments')
    .requiredOption('--tenant <slug>', 'the tenant')
    .requiredOption('--account <id>', 'the paying account')
    .requiredOption('--amount <minor>', 'amount in minor units')
    .requiredOption('--currency <code>', 'ISO currency, e.g. CNY')
    .requiredOption('--on <date>', 'received on YYYY-MM-DD')
    .option('--contract <id>', 'the contract paid')
    .option('--reference <text>', 'bank slip reference (idempotent)')
    .option('--method <text>', 'bank_transfer, cheque, cash…')
    .option('--auto', 'allocate to the contract’s oldest open installments')
    .action(
      async (
        options: {
          tenant: string;
          account: string;
          amount: string;
          currency: string;
          on: string;
          contract?: string;
          reference?: string;
          method?: string;
          auto?: boolean;
        },
        command: Command,
      ) => {
        const currency = options.currency.toUpperCase();
        if (!isCurrencyCode(currency)) throw new UsageError(`unknown currency ${options.currency}`);
        const result = await inTenant(command, options.tenant, (ctx, principal) =>
          postReceipt(ctx, principal, {
            accountId: options.account,
            contractId: options.contract ?? null,
            currency,
            amountMinor: minor(options.amount, '--amount'),
            receivedOn: options.on,
            method: options.method ?? null,
            reference: options.reference ?? null,
            autoAllocate: options.auto ?? false,
          }),
        );
        const r = result.receipt;
        io.out(
          `${r.number}\t${r.status}\tunapplied ${r.unappliedMinor}\t${r.id}${result.created ? '' : '\t(already recorded)'}`,
        );
      },
    );
  receipt
    .command('allocate <receiptId> <installmentId> <amountMinor>')
    .description('Apply part of a receipt to an installment')
    .requiredOption('--tenant <slug>', 'the tenant')
    .action(
      async (
        receiptId: string,
        installmentId: string,
        amount: string,
        options: { tenant: string },
        command: Command,
      ) => {
        const r = await inTenant(command, options.tenant, (ctx, principal) =>
          allocateReceipt(ctx, principal, receiptId, [
            { installmentId, amountMinor: minor(amount, 'amountMinor') },
          ]),
        );
        io.out(`${r.number}\t${r.status}\tunapplied ${r.unappliedMinor}`);
      },
    );
  receipt
    .command('list')
    .description('List receipts: number, received on, amount, unapplied, status, id')
    .requiredOption('--tenant <slug>', 'the tenant')
    .option('--account <id>', 'only this account')
    .option('--contract <id>', 'only this contract')
    .option('--unapplied', 'only receipts with money left to allocate')
    .option('--json', 'print JSON')
    .action(
      async (
        options: {
          tenant: string;
          account?: string;
          contract?: string;
          unapplied?: boolean;
          json?: boolean;
        },
        command: Command,
      ) => {
        const page = await inTenant(command, options.tenant, (ctx, principal) =>
          receipts(
            ctx,
            principal,
            {
              accountId: options.account,
              contractId: options.contract,
              unappliedOnly: options.unapplied ?? false,
            },
            { limit: 200 },
          ),
        );
        printRows(
          io,
          page.items.map((r) => ({
            number: r.number,
            receivedOn: r.receivedOn,
            amount: `${r.amountMinor} ${r.currency}`,
            unapplied: r.unappliedMinor,
            status: r.status,
            id: r.id,
          })),
          options.json ?? false,
        );
      },
    );
}
