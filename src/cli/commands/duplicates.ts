import type { Command } from 'commander';
import { mergeDuplicatePair } from '../../app/duplicates/merge.service.js';
import { dismissDuplicatePair, listDuplicatePairs } from '../../app/duplicates/queue.service.js';
import type { DuplicatePairView } from '../../app/duplicates/views.js';
import { duplicateEntityTypes } from '../../domain/duplicates/match-keys.js';
import type { DuplicateEntityType } from '../../domain/duplicates/match-keys.js';
import type { Side } from '../../domain/duplicates/merge-fields.js';
import { pairStatuses } from '../../domain/duplicates/pair.js';
import type { PairStatus } from '../../domain/duplicates/pair.js';
import { cliLocale, UsageError } from '../io.js';
import type { Io } from '../io.js';
import { formatTable } from '../table.js';
import { inTenant } from '../tenant-scope.js';

interface ListOptions {
  tenant?: string;
  status?: string;
  entity?: string;
  json?: boolean;
}

const oneOf = <T extends string>(values: readonly T[], value: string, option: string): T => {
  if (!(values as readonly string[]).includes(value))
    throw new UsageError(`unknown ${option} "${value}" (${values.join(', ')})`);
  return value as T;
};

const fieldList = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

function printPairs(io: Io, pairs: readonly DuplicatePairView[]): void {
  const zh = cliLocale() === 'zh-CN';
  if (pairs.length === 0) {
    io.out(zh ? '没有疑似重复记录。' : 'No possible duplicates.');
    return;
  }
  const headers = zh
    ? ['编号', '类型', '左', '右', '匹配', '分数', '状态']
    : ['ID', 'TYPE', 'LEFT', 'RIGHT', 'MATCHES', 'SCORE', 'STATUS'];
  const rows = pairs.map((pair) => [
    pair.id,
    pair.type,
    pair.left.name,
    pair.right.name,
    pair.matches.map((match) => `${match.kind}=${match.value}`).join(' '),
    String(pair.score),
    pair.status,
  ]);
  for (const line of formatTable(headers, rows)) io.out(line);
}

/** `pipewright duplicates`: the review queue from the command line, same rules as the API. */
export function duplicatesCommand(program: Command, io: Io): void {
  const duplicates = program
    .command('duplicates')
    .description('Review, dismiss and merge possible duplicate leads, accounts and contacts');

  duplicates
    .command('list')
    .description('Pairs of possible duplicates with what they share, newest first')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--status <status>', `open (default), ${pairStatuses.join(', ')}`)
    .option('--entity <type>', `only pairs with a ${duplicateEntityTypes.join(' / ')}`)
    .option('--json', 'print JSON')
    .action(async (options: ListOptions, command: Command) => {
      const status: PairStatus = oneOf(pairStatuses, options.status ?? 'open', '--status');
      const entityType: DuplicateEntityType | undefined =
        options.entity === undefined
          ? undefined
          : oneOf(duplicateEntityTypes, options.entity, '--entity');
      const pairs = await inTenant(command, options.tenant, async (ctx, principal) => {
        const all: DuplicatePairView[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < 10_000; page++) {
          const result = await listDuplicatePairs(
            ctx,
            principal,
            { status, ...(entityType ? { entityType } : {}) },
            { limit: 200, ...(cursor ? { cursor } : {}) },
          );
          all.push(...result.items);
          if (!result.nextCursor) break;
          cursor = result.nextCursor;
        }
        return all;
      });
      if (options.json) io.out(JSON.stringify(pairs, null, 2));
      else printPairs(io, pairs);
    });

  duplicates
    .command('dismiss <pairId>')
    .description('Not a duplicate: close the pair so it is not raised again')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--note <text>', 'why they are different')
    .action(
      async (pairId: string, options: { tenant?: string; note?: string }, command: Command) => {
        const pair = await inTenant(command, options.tenant, (ctx, principal) =>
          dismissDuplicatePair(ctx, principal, pairId, { note: options.note ?? null }),
        );
        io.out(`Dismissed ${pair.left.name} / ${pair.right.name}.`);
      },
    );

  duplicates
    .command('merge <pairId>')
    .description('Merge the pair into the survivor, keeping the history of both')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .requiredOption('--survivor <side>', 'left or right: the record that remains')
    .option('--take <fields>', "comma-separated fields to take from the other record's values")
    .option('--keep <fields>', "comma-separated fields to keep as the survivor's, even if empty")
    .action(
      async (
        pairId: string,
        options: { tenant?: string; survivor: string; take?: string; keep?: string },
        command: Command,
      ) => {
        const survivor = oneOf(['left', 'right'] as const, options.survivor, '--survivor');
        const fields: Record<string, Side> = {};
        for (const field of fieldList(options.keep)) fields[field] = 'survivor';
        for (const field of fieldList(options.take)) fields[field] = 'source';
        const pair = await inTenant(command, options.tenant, (ctx, principal) =>
          mergeDuplicatePair(ctx, principal, pairId, { survivor, fields }),
        );
        const [kept, gone] =
          survivor === 'left' ? [pair.left, pair.right] : [pair.right, pair.left];
        io.out(
          `Merged ${gone.entityType} ${gone.id} (${gone.name}) into ${kept.id} (${kept.name}).`,
        );
      },
    );
}
