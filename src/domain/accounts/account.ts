import type { DeadlineLevel } from '../pools/deadlines.js';
import type { Lifecycle } from '../pools/pool-rules.js';

/** 标杆 benchmark / 高产 high-yield / 潜力 potential: how the company values the customer. */
export const valueTiers = ['benchmark', 'high_yield', 'potential'] as const;
export type ValueTier = (typeof valueTiers)[number];

/** Company size bands by head-count, used for ICP fit, assignment rules and analytics. */
export const companySizes = ['micro', 'small', 'medium', 'large', 'enterprise'] as const;
export type CompanySize = (typeof companySizes)[number];

export interface Account {
  readonly id: string;
  readonly name: string;
  /** Parent company in the customer tree (客户树), e.g. a group's subsidiary. */
  readonly parentId: string | null;
  readonly industry: string | null;
  readonly size: CompanySize | null;
  readonly region: string | null;
  readonly valueTier: ValueTier | null;
  /** 统一社会信用代码: the unified social credit code, key to duplicate detection in China. */
  readonly creditCode: string | null;
  readonly website: string | null;
  readonly phone: string | null;
  readonly address: string | null;
  readonly notes: string | null;
  /** null while the account sits in a public pool. */
  readonly ownerId: string | null;
  readonly poolId: string | null;
  readonly lifecycle: Lifecycle;
  /** When the current owner took it (claim, assignment, transfer); null in a pool. */
  readonly ownedSince: string | null;
  /** Follow-up deadline of the current owner, and how far a missed one has escalated. */
  readonly deadlineAt: string | null;
  readonly deadlineLevel: DeadlineLevel;
  /** 静默期: no current need; not handed out or contacted before this instant. */
  readonly silenceUntil: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deletedAt: string | null;
  readonly version: number;
}
