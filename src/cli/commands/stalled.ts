import type { Command } from 'commander';
import type { AppContext } from '../../app/context.js';
import { listAllPipelines } from '../../app/pipelines.service.js';
import { listStalled } from '../../app/stalled.service.js';
import type { StalledDeal } from '../../app/stalled.service.js';
import { listUsersPage } from '../../app/users.service.js';
import { stallCodes } from '../../domain/pipeline/stalled.js';
import type { StallCode } from '../../domain/pipeline/stalled.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { describeStall } from '../../i18n/stalled.js';
import { cliLocale, UsageError } from '../io.js';
import type { Io } from '../io.js';
import { formatTable } from '../table.js';
import { inTenant } from '../tenant-scope.js';

interface StalledOptions {
  tenant?: string;
  pipeline?: string;
  code?: string;
  json?: boolean;
}

const isStallCode = (code: string): code is StallCode =>
  (stallCodes as readonly string[]).includes(code);

async function pipelineIdFor(
  ctx: AppContext,
  principal: Principal,
  pipeline: string | undefined,
): Promise<string | undefined> {
  if (pipeline === undefined) return undefined;
  const pipelines = await listAllPipelines(ctx, principal, { includeArchived: true });
  const found = pipelines.find((p) => p.key === pipeline || p.id === pipeline);
  if (!found)
    throw new UsageError(
      `no pipeline "${pipeline}" (${pipelines.map((p) => p.key).join(', ') || 'none'})`,
    );
  return found.id;
}

/** Every page of a cursor-paginated list, bounded like every CLI listing. */
async function everyPage<T>(
  fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const result = await fetch(cursor);
    all.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return all;
}

/** `pipewright stalled`: the stalled-deal list a manager reviews, from the command line. */
export function stalledCommand(program: Command, io: Io): void {
  program
    .command('stalled')
    .description('List stalled open deals with the reasons, longest in their stage first')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--pipeline <key|id>', 'only deals in this pipeline')
    .option('--code <code>', `only deals with this flag: ${stallCodes.join(', ')}`)
    .option('--json', 'print JSON (every flag with its evidence and message)')
    .action(async (options: StalledOptions, command: Command) => {
      const code = options.code;
      if (code !== undefined && !isStallCode(code))
        throw new UsageError(`unknown --code "${code}" (${stallCodes.join(', ')})`);
      const locale = cliLocale();
      const found = await inTenant(command, options.tenant, async (ctx, principal) => {
        const pipelineId = await pipelineIdFor(ctx, principal, options.pipeline);
        const deals = await everyPage((cursor) =>
          listStalled(
            ctx,
            principal,
            { ...(pipelineId ? { pipelineId } : {}), ...(code ? { code } : {}) },
            { limit: 200, ...(cursor ? { cursor } : {}) },
          ),
        );
        const users = await everyPage((cursor) =>
          listUsersPage(ctx, principal, {}, { limit: 200, ...(cursor ? { cursor } : {}) }),
        );
        const pipelines = await listAllPipelines(ctx, principal, { includeArchived: true });
        return {
          deals,
          emails: new Map(users.map((user) => [user.id, user.email])),
          stages: new Map(pipelines.flatMap((p) => p.stages.map((stage) => [stage.id, stage]))),
        };
      });
      const withMessages = (deal: StalledDeal) => ({
        ...deal,
        flags: deal.flags.map((flag) => ({ ...flag, message: describeStall(flag, locale) })),
      });
      if (options.json) {
        io.out(JSON.stringify(found.deals.map(withMessages), null, 2));
        return;
      }
      if (found.deals.length === 0) {
        io.out(locale === 'zh-CN' ? '没有停滞的商机。' : 'No stalled deals.');
        return;
      }
      // One line per reason; the deal's own columns only on its first line.
      const rows = found.deals.flatMap(({ opportunity: deal, flags }) => {
        const stage = found.stages.get(deal.stageId);
        const first = [
          deal.name,
          found.emails.get(deal.ownerId) ?? deal.ownerId,
          (locale === 'zh-CN' ? stage?.nameZh : stage?.nameEn) ?? deal.stageId,
          String(deal.daysInStage),
        ];
        return flags.map((flag, index) => [
          ...(index === 0 ? first : ['', '', '', '']),
          describeStall(flag, locale),
        ]);
      });
      const headers =
        locale === 'zh-CN'
          ? ['商机', '负责人', '阶段', '天数', '原因']
          : ['DEAL', 'OWNER', 'STAGE', 'DAYS', 'WHY'];
      for (const line of formatTable(headers, rows)) io.out(line);
    });
}
