import type { ForecastCategory, StageKind } from './pipeline.js';

export interface StageTemplate {
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly kind: StageKind;
  readonly probability: number;
  readonly forecastCategory: ForecastCategory;
  readonly targetConversion: number | null;
  readonly expectedDwellDays: number | null;
  readonly cadenceDays: number | null;
  readonly guidance: string | null;
}

export interface PipelineTemplate {
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly description: string;
  readonly allowSkip: boolean;
  readonly stages: readonly StageTemplate[];
}

/**
 * The B2B default every new tenant gets: 初步接触 → 需求确认 → 方案论证 → 商务谈判 → 赢单/输单.
 * Probabilities, dwell and cadence follow the seeds' typical B2B figures.
 */
export const defaultB2bPipeline: PipelineTemplate = {
  key: 'b2b-standard',
  nameZh: 'B2B 标准销售流程',
  nameEn: 'B2B standard sales process',
  description: '初步接触 → 需求确认 → 方案论证 → 商务谈判 → 赢单/输单',
  allowSkip: false,
  stages: [
    {
      key: 'initial-contact',
      nameZh: '初步接触',
      nameEn: 'Initial contact',
      kind: 'open',
      probability: 10,
      forecastCategory: 'pipeline',
      targetConversion: 60,
      expectedDwellDays: 14,
      cadenceDays: 7,
      guidance:
        '确认关键联系人并记录初步需求。Confirm the key contact and record the initial need.',
    },
    {
      key: 'needs-confirmed',
      nameZh: '需求确认',
      nameEn: 'Needs confirmed',
      kind: 'open',
      probability: 30,
      forecastCategory: 'pipeline',
      targetConversion: 50,
      expectedDwellDays: 21,
      cadenceDays: 5,
      guidance:
        '识别全部决策影响者并确认预算。Identify every decision influencer and confirm the budget.',
    },
    {
      key: 'solution',
      nameZh: '方案论证',
      nameEn: 'Solution & demo',
      kind: 'open',
      probability: 50,
      forecastCategory: 'best_case',
      targetConversion: 60,
      expectedDwellDays: 30,
      cadenceDays: 5,
      guidance:
        '让客户认可方案价值并同意进入商务谈判。Get the customer to accept the value and agree to negotiate.',
    },
    {
      key: 'negotiation',
      nameZh: '商务谈判',
      nameEn: 'Negotiation',
      kind: 'open',
      probability: 80,
      forecastCategory: 'commit',
      targetConversion: 70,
      expectedDwellDays: 21,
      cadenceDays: 2,
      guidance: '确认合同条款与签约时间。Agree the contract terms and the signing date.',
    },
    {
      key: 'won',
      nameZh: '赢单',
      nameEn: 'Won',
      kind: 'won',
      probability: 100,
      forecastCategory: 'closed',
      targetConversion: null,
      expectedDwellDays: null,
      cadenceDays: null,
      guidance: null,
    },
    {
      key: 'lost',
      nameZh: '输单',
      nameEn: 'Lost',
      kind: 'lost',
      probability: 0,
      forecastCategory: 'omitted',
      targetConversion: null,
      expectedDwellDays: null,
      cadenceDays: null,
      guidance: null,
    },
  ],
};
