import type { Money } from '../money.js';
import type { CustomValue } from './custom-fields.js';
import type { DeadlineLevel } from '../pools/deadlines.js';
import type { DealKind } from '../lifecycle/deal-kind.js';

export const opportunityStatuses = ['open', 'won', 'lost'] as const;
export type OpportunityStatus = (typeof opportunityStatuses)[number];

/** 灯塔 lighthouse products open a market; 基石 cornerstone products carry the revenue. */
export const productTypes = ['lighthouse', 'cornerstone'] as const;
export type ProductType = (typeof productTypes)[number];

export const productCustomisations = ['standard', 'customised'] as const;
export type ProductCustomisation = (typeof productCustomisations)[number];

export interface OpportunityProduct {
  readonly id: string;
  readonly name: string;
  readonly productType: ProductType;
  readonly customisation: ProductCustomisation;
  readonly quantity: number;
  readonly unitPriceMinor: number;
  /** The line's discount off its list price (0–100, two decimals); deep ones need sign-off. */
  readonly discountPercent: number;
  /** quantity × unit price less the discount, in the opportunity's currency. */
  readonly amountMinor: number;
}

export interface Opportunity {
  readonly id: string;
  readonly name: string;
  readonly accountId: string;
  readonly primaryContactId: string | null;
  readonly ownerId: string;
  readonly pipelineId: string;
  readonly stageId: string;
  readonly status: OpportunityStatus;
  readonly amount: Money;
  readonly expectedCloseDate: string | null;
  readonly budget: Money | null;
  /** The customer's buying timeline in their words ("decision after Q3 board meeting"). */
  readonly timeline: string | null;
  readonly nextStep: string | null;
  readonly nextStepDate: string | null;
  readonly competitors: readonly string[];
  readonly source: string | null;
  readonly sourceLeadId: string | null;
  /**
   * Renewal, upsell, cross-sell or a new deal, and the contract it grows from (migration
   * 0024). Optional so records built before lineage existed (imports, demo data, tests)
   * stay valid: absent means a new deal without an origin, as the column defaults say.
   */
  readonly dealKind?: DealKind;
  readonly originContractId?: string | null;
  readonly products: readonly OpportunityProduct[];
  readonly customFields: Readonly<Record<string, CustomValue>>;
  /** Free-form tags, normalised by `tags.ts` (unique by lower-case key, at most 20). */
  readonly tags: readonly string[];
  /** Next follow-up due (from the stage's cadence) and how far a missed one escalated. */
  readonly deadlineAt: string | null;
  readonly deadlineLevel: DeadlineLevel;
  readonly stageEnteredAt: string;
  readonly closedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deletedAt: string | null;
  readonly version: number;
}

/** One interval an opportunity spent in a stage: every move closes one and opens the next. */
export interface StageHistoryEntry {
  readonly id: string;
  readonly opportunityId: string;
  readonly pipelineId: string;
  readonly stageId: string;
  readonly fromStageId: string | null;
  readonly enteredAt: string;
  /** null while the opportunity is still in this stage. */
  readonly leftAt: string | null;
  readonly movedBy: string | null;
  readonly reason: string | null;
  /** The amount when the stage was entered, so funnels "as of" a date are exact. */
  readonly amount: Money;
}
