import type { Scorecard } from './scorecard.js';
import type { StageRules } from './stage-rules.js';

/** open stages hold live deals; a won or lost stage closes the deal. */
export const stageKinds = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof stageKinds)[number];

/** Salesforce-style forecast categories; `omitted` keeps a stage out of every forecast. */
export const forecastCategories = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'] as const;
export type ForecastCategory = (typeof forecastCategories)[number];

export interface Stage {
  readonly id: string;
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** 0-based order inside the pipeline; won/lost stages come after every open stage. */
  readonly position: number;
  readonly kind: StageKind;
  /** Default win probability in percent, 0–100. */
  readonly probability: number;
  readonly forecastCategory: ForecastCategory;
  /** Target share (0–100) of deals that should move on from this stage. */
  readonly targetConversion: number | null;
  readonly expectedDwellDays: number | null;
  readonly cadenceDays: number | null;
  readonly guidance: string | null;
  /** Key actions, materials, entry and exit standards, approval. */
  readonly rules: StageRules;
}

export interface Pipeline {
  readonly id: string;
  /** Stable machine name used by pipelines-as-code files and the CLI. */
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly description: string | null;
  /** Whether a deal may jump over open stages (subject to their gates). */
  readonly allowSkip: boolean;
  readonly isDefault: boolean;
  readonly archivedAt: string | null;
  /** Teams whose members may use this pipeline; empty means everyone. */
  readonly teamIds: readonly string[];
  /** The evaluation scorecard; null means the default nine dimensions. */
  readonly scorecard: Scorecard | null;
  readonly stages: readonly Stage[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export const PIPELINE_KEY_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
