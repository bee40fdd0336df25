import type { DecisionRole } from '../accounts/contact.js';

/**
 * What a stage asks of a deal (阶段 · 动作 · 标准): the key actions to take there, the
 * materials to use, and the standards — objective criteria checked when a deal enters or
 * leaves the stage. Stored as data on the stage, edited as code (pipeline files).
 */
export interface KeyAction {
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** Required actions must be done before the deal may leave the stage. */
  readonly required: boolean;
}

export interface SalesMaterial {
  readonly key: string;
  readonly titleZh: string;
  readonly titleEn: string;
  readonly url: string | null;
}

/** Opportunity fields a criterion may test, besides custom fields (`custom.<key>`). */
export const gateFields = [
  'amount',
  'expectedCloseDate',
  'budget',
  'timeline',
  'nextStep',
  'nextStepDate',
  'primaryContactId',
  'competitors',
  'products',
  'source',
] as const;
export type GateField = (typeof gateFields)[number];

export type Criterion =
  /** The field has a value (non-empty text, non-empty list, amount above zero, true flag). */
  | { readonly type: 'field'; readonly field: GateField | `custom.${string}` }
  /** A key action of this pipeline has been completed (by key). */
  | { readonly type: 'action'; readonly action: string }
  /** A file of this type is attached (e.g. `proposal`, `contract`). */
  | { readonly type: 'attachment'; readonly attachmentType: string }
  /** At least `min` contacts of the account hold this decision-chain role. */
  | { readonly type: 'contact_role'; readonly role: DecisionRole; readonly min: number }
  /** The scorecard's weighted score is at least `min` (0–100). */
  | { readonly type: 'score'; readonly min: number };

export interface ApprovalRule {
  /** `manager`: the owner's team manager (falling back to an admin); or anyone with the role. */
  readonly approver: 'manager' | 'admin';
}

export interface StageRules {
  readonly entry: readonly Criterion[];
  readonly exit: readonly Criterion[];
  readonly actions: readonly KeyAction[];
  readonly materials: readonly SalesMaterial[];
  /** Entering this stage needs someone's sign-off. */
  readonly approval: ApprovalRule | null;
}

export const noRules: StageRules = {
  entry: [],
  exit: [],
  actions: [],
  materials: [],
  approval: null,
};
