import { conversionReport } from './conversion.report.js';
import { forecastReport } from './forecast.report.js';
import { cycleReport } from './cycle.report.js';
import { customerValueReport } from './customer-value.report.js';
import { dwellReport } from './dwell.report.js';
import { funnelReport } from './funnel.report.js';
import { lossAnalysisReport } from './loss-analysis.report.js';
import { mixReport } from './mix.report.js';
import { outcomesReport } from './outcomes.report.js';
import { peopleReport } from './people.report.js';
import { pipelineChangesReport } from './pipeline-changes.report.js';
import { trendReport } from './trend.report.js';
import { targetsReport } from './targets.report.js';
import { reverseFunnelReport } from './reverse-funnel.report.js';
import { patternsReport } from './patterns.report.js';
import { collectionsReport } from './collections.report.js';
import { dsoReport } from './dso.report.js';
import { leadToCashReport } from './lead-to-cash.report.js';
import { receivablesAgingReport } from './receivables-aging.report.js';
import type { Report } from './report.js';
import { slippageReport } from './slippage.report.js';
import { winModelReport } from './win-model.report.js';

/**
 * Every report, in the order the API documents them and `pipewright report --help` lists
 * them. A report added here is served at `GET /reports/<name>` (JSON) and
 * `GET /reports/<name>.csv`, and by `pipewright report <name>`, with no other wiring.
 */
export const reports: readonly Report[] = [
  funnelReport,
  conversionReport,
  dwellReport,
  cycleReport,
  slippageReport,
  peopleReport,
  outcomesReport,
  lossAnalysisReport,
  mixReport,
  winModelReport,
  pipelineChangesReport,
  trendReport,
  forecastReport,
  targetsReport,
  reverseFunnelReport,
  patternsReport,
  receivablesAgingReport,
  collectionsReport,
  dsoReport,
  leadToCashReport,
  customerValueReport,
];

export function findReport(name: string): Report | undefined {
  return reports.find((report) => report.name === name);
}
