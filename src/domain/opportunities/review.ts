/** Why deals are won or lost: a taxonomy each tenant edits (价格, 产品匹配, 方案, 关系, …). */
export const closeOutcomes = ['won', 'lost'] as const;
export type CloseOutcome = (typeof closeOutcomes)[number];

export interface CloseReason {
  readonly id: string;
  readonly outcome: CloseOutcome;
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly position: number;
  readonly active: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** The structured win/loss review (赢单/输单复盘) written when a deal closes. */
export interface Review {
  readonly id: string;
  readonly opportunityId: string;
  readonly outcome: CloseOutcome;
  readonly reasons: readonly string[];
  /** Who we lost to (or beat). */
  readonly competitor: string | null;
  /** For a loss, the stage the deal was in when it was lost; for a win, the won stage. */
  readonly stageId: string;
  readonly notes: string | null;
  readonly reviewedBy: string | null;
  readonly createdAt: string;
}

export interface ReasonTemplate {
  readonly outcome: CloseOutcome;
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

/** Every tenant starts with these; admins rename, add and retire reasons. */
export const defaultCloseReasons: readonly ReasonTemplate[] = [
  { outcome: 'lost', key: 'price', nameZh: '价格', nameEn: 'Price' },
  { outcome: 'lost', key: 'product_fit', nameZh: '产品匹配度', nameEn: 'Product fit' },
  { outcome: 'lost', key: 'solution', nameZh: '方案', nameEn: 'Solution' },
  { outcome: 'lost', key: 'relationship', nameZh: '客户关系', nameEn: 'Relationship' },
  { outcome: 'lost', key: 'timing', nameZh: '时机', nameEn: 'Timing' },
  { outcome: 'lost', key: 'competitor', nameZh: '竞争对手', nameEn: 'Competitor' },
  { outcome: 'lost', key: 'no_decision', nameZh: '客户未决策', nameEn: 'No decision' },
  { outcome: 'lost', key: 'budget', nameZh: '预算不足', nameEn: 'No budget' },
  { outcome: 'lost', key: 'other', nameZh: '其他', nameEn: 'Other' },
  { outcome: 'won', key: 'value', nameZh: '价值认可', nameEn: 'Value recognised' },
  { outcome: 'won', key: 'relationship', nameZh: '客户关系', nameEn: 'Relationship' },
  { outcome: 'won', key: 'product', nameZh: '产品优势', nameEn: 'Product strength' },
  { outcome: 'won', key: 'price', nameZh: '价格优势', nameEn: 'Price' },
  { outcome: 'won', key: 'service', nameZh: '服务与交付', nameEn: 'Service and delivery' },
  { outcome: 'won', key: 'other', nameZh: '其他', nameEn: 'Other' },
];
