import type { Command } from 'commander';
import { trainWinModel } from '../../app/analytics/win-model.service.js';
import type { WinTrainingResult } from '../../app/analytics/win-model.service.js';
import { activeWinModel } from '../../app/analytics/win-probability.service.js';
import type { ActiveWinModel } from '../../app/analytics/win-probability.service.js';
import { listAllPipelines } from '../../app/pipelines.service.js';
import type { AppContext } from '../../app/context.js';
import type { Pipeline } from '../../domain/pipeline/pipeline.js';
import type { Locale } from '../../domain/tenancy/tenant.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { insufficientDataMessages } from '../../i18n/win-factors.js';
import { cliLocale, UsageError } from '../io.js';
import type { Io } from '../io.js';
import { formatTable } from '../table.js';
import { inTenant } from '../tenant-scope.js';

interface ModelOptions {
  tenant?: string;
  pipeline?: string;
  json?: boolean;
}

/** The named pipeline, or every pipeline still in use when none is named. */
async function pipelinesFor(
  ctx: AppContext,
  principal: Principal,
  pipeline: string | undefined,
): Promise<Pipeline[]> {
  const all = await listAllPipelines(ctx, principal, { includeArchived: pipeline !== undefined });
  if (pipeline === undefined) return all;
  const found = all.find((p) => p.key === pipeline || p.id === pipeline);
  if (!found)
    throw new UsageError(
      `no pipeline "${pipeline}" (${all.map((p) => p.key).join(', ') || 'none'})`,
    );
  return [found];
}

const pct = (bp: number | null) => (bp === null ? '-' : `${(bp / 100).toFixed(1)}%`);
const score = (brier: number | null) => (brier === null ? '-' : brier.toFixed(4));

function trainedLine(key: string, result: WinTrainingResult, locale: Locale): string {
  if (result.status === 'insufficient_data')
    return `${key}${locale === 'zh-CN' ? '：' : ': '}${insufficientDataMessages(result.reason, result.closedDeals, result.minimumClosedDeals)[locale]}`;
  const m = result.metrics;
  return locale === 'zh-CN'
    ? `${key}：已训练，已关闭商机 ${result.sampleSize} 个（留出 ${m.heldOutSize} 个评估），为 ${result.scored} 个未关闭商机打分；Brier ${score(m.brier)}（阶段概率 ${score(m.stageBaselineBrier)}，基准赢率 ${score(m.baseRateBrier)}）`
    : `${key}: trained on ${result.sampleSize} closed deals (${m.heldOutSize} held out), scored ${result.scored} open deals; Brier ${score(m.brier)} (stage probability ${score(m.stageBaselineBrier)}, base rate ${score(m.baseRateBrier)})`;
}

function showModel(io: Io, key: string, model: ActiveWinModel | null, locale: Locale): void {
  const zh = locale === 'zh-CN';
  if (!model) {
    io.out(zh ? `${key}：没有已训练的模型。` : `${key}: no trained model.`);
    return;
  }
  const m = model.metrics;
  io.out(
    zh
      ? `${key}：${model.algorithm}，训练于 ${model.trainedAt}，样本 ${model.sampleSize}（训练 ${m.trainingSize}，留出 ${m.heldOutSize}，其中赢单 ${m.heldOutWins}）`
      : `${key}: ${model.algorithm} trained ${model.trainedAt} on ${model.sampleSize} closed deals (${m.trainingSize} training, ${m.heldOutSize} held out, ${m.heldOutWins} of them won)`,
  );
  io.out(
    zh
      ? `Brier ${score(m.brier)}；阶段概率 ${score(m.stageBaselineBrier)}；基准赢率 ${score(m.baseRateBrier)}（越低越好）`
      : `Brier ${score(m.brier)}; stage probability ${score(m.stageBaselineBrier)}; base rate ${score(m.baseRateBrier)} (lower is better)`,
  );
  // A model no better than always saying the win rate has learned noise, not patterns.
  if (m.brier !== null && m.baseRateBrier !== null && m.brier >= m.baseRateBrier)
    io.out(
      zh
        ? '注意：模型并不比直接使用历史赢率更准确，暂不宜依赖。'
        : 'Note: the model is no more accurate than the plain win rate; do not rely on it yet.',
    );
  const headers = zh
    ? ['概率区间', '商机数', '赢单数', '预测均值', '实际赢率']
    : ['BAND', 'DEALS', 'WON', 'PREDICTED', 'ACTUAL'];
  const rows = m.bands.map((band) => [
    `${band.fromBp / 100}–${band.toBp / 100}%`,
    String(band.count),
    String(band.wins),
    pct(band.predictedMeanBp),
    pct(band.actualShareBp),
  ]);
  for (const line of formatTable(headers, rows)) io.out(line);
}

/** `pipewright model train|show`: the learned win probability, from the command line. */
export function modelCommand(program: Command, io: Io): void {
  const model = program
    .command('model')
    .description('The learned win probability: train it now, or show its accuracy');

  model
    .command('train')
    .description('Train each pipeline’s win model on its closed deals and score its open deals')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--pipeline <key|id>', 'only this pipeline (default: every pipeline in use)')
    .option('--json', 'print JSON')
    .action(async (options: ModelOptions, command: Command) => {
      const locale = cliLocale();
      const results = await inTenant(command, options.tenant, async (ctx, principal) => {
        const out: { key: string; result: WinTrainingResult }[] = [];
        for (const pipeline of await pipelinesFor(ctx, principal, options.pipeline))
          out.push({
            key: pipeline.key,
            result: await trainWinModel(ctx, principal.tenantId, pipeline.id, ctx.clock.now()),
          });
        return out;
      });
      if (options.json) io.out(JSON.stringify(results, null, 2));
      else for (const { key, result } of results) io.out(trainedLine(key, result, locale));
    });

  model
    .command('show')
    .description('Show the active win model: Brier score against baselines, calibration bands')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--pipeline <key|id>', 'only this pipeline (default: every pipeline in use)')
    .option('--json', 'print JSON')
    .action(async (options: ModelOptions, command: Command) => {
      const locale = cliLocale();
      const models = await inTenant(command, options.tenant, async (ctx, principal) => {
        const out: { key: string; model: ActiveWinModel | null }[] = [];
        for (const pipeline of await pipelinesFor(ctx, principal, options.pipeline))
          out.push({
            key: pipeline.key,
            model: await activeWinModel(ctx, principal.tenantId, pipeline.id),
          });
        return out;
      });
      if (options.json) {
        io.out(JSON.stringify(models, null, 2));
        return;
      }
      for (const { key, model: active } of models) showModel(io, key, active, locale);
    });
}
