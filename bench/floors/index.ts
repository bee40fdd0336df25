import type { Floor } from './floor.js';
import { collections } from './collections.floor.js';
import { conversion } from './conversion.floor.js';
import { customerValue } from './customer-value.floor.js';
import { cycle } from './cycle.floor.js';
import { dso } from './dso.floor.js';
import { dwell } from './dwell.floor.js';
import { forecast } from './forecast.floor.js';
import { funnel } from './funnel.floor.js';
import { leadToCash } from './lead-to-cash.floor.js';
import { lossAnalysis } from './loss-analysis.floor.js';
import { mix } from './mix.floor.js';
import { outcomes } from './outcomes.floor.js';
import { patterns } from './patterns.floor.js';
import { people } from './people.floor.js';
import { pipelineChanges } from './pipeline-changes.floor.js';
import { receivablesAging } from './receivables-aging.floor.js';
import { reverseFunnel } from './reverse-funnel.floor.js';
import { slippage } from './slippage.floor.js';
import { targets } from './targets.floor.js';
import { trend } from './trend.floor.js';
import { winModel } from './win-model.floor.js';

export type { Floor, FloorQuestion, FloorRow } from './floor.js';

/** Hand-written floors by report name (one file per report). */
export const floors: Readonly<Record<string, Floor>> = {
  funnel,
  conversion,
  dwell,
  cycle,
  slippage,
  people,
  outcomes,
  'loss-analysis': lossAnalysis,
  mix,
  'win-model': winModel,
  'pipeline-changes': pipelineChanges,
  trend,
  forecast,
  targets,
  'reverse-funnel': reverseFunnel,
  patterns,
  'receivables-aging': receivablesAging,
  collections,
  dso,
  'lead-to-cash': leadToCash,
  'customer-value': customerValue,
};
