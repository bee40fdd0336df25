/**
 * An opportunity evaluation scorecard: weighted dimensions, each scored 0–5, combined
 * into a 0–100 score. The default follows FxiaoKe's C139 idea of nine dimensions.
 */
export interface ScoreDimension {
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** Relative weight; weights need not sum to anything. */
  readonly weight: number;
}

export interface Scorecard {
  readonly dimensions: readonly ScoreDimension[];
}

export const MAX_DIMENSION_SCORE = 5;

export const defaultScorecard: Scorecard = {
  dimensions: [
    { key: 'need', nameZh: '需求明确度', nameEn: 'Need clarity', weight: 15 },
    { key: 'budget', nameZh: '预算', nameEn: 'Budget', weight: 15 },
    { key: 'decision_chain', nameZh: '决策链覆盖', nameEn: 'Decision chain coverage', weight: 15 },
    { key: 'competition', nameZh: '竞争态势', nameEn: 'Competitive position', weight: 10 },
    { key: 'value_fit', nameZh: '价值匹配', nameEn: 'Value fit', weight: 10 },
    { key: 'timeline', nameZh: '时间表', nameEn: 'Timeline', weight: 10 },
    { key: 'relationship', nameZh: '客户关系', nameEn: 'Relationship', weight: 10 },
    { key: 'solution_fit', nameZh: '方案契合度', nameEn: 'Solution fit', weight: 10 },
    { key: 'commercial', nameZh: '商务条款', nameEn: 'Commercial terms', weight: 5 },
  ],
};

/**
 * Weighted score 0–100 from per-dimension scores 0–5. Dimensions left unscored count as 0:
 * an evaluation that skips the budget question should not look better for it.
 */
export function weightedScore(
  scorecard: Scorecard,
  scores: Readonly<Record<string, number>>,
): number {
  const totalWeight = scorecard.dimensions.reduce((sum, d) => sum + d.weight, 0);
  if (totalWeight <= 0) return 0;
  const points = scorecard.dimensions.reduce(
    (sum, d) => sum + d.weight * Math.min(MAX_DIMENSION_SCORE, Math.max(0, scores[d.key] ?? 0)),
    0,
  );
  return Math.round((points / (totalWeight * MAX_DIMENSION_SCORE)) * 100);
}
