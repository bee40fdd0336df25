import type { FieldIssue } from '../errors.js';

/**
 * What a deal is to the customer relationship: a first purchase, the renewal of a contract
 * that ends, or more business grown from a contract — more of the same (upsell, 增购) or
 * something else (cross-sell, 交叉销售).
 */
export const dealKinds = ['new', 'renewal', 'upsell', 'cross_sell'] as const;
export type DealKind = (typeof dealKinds)[number];

/** The kinds a person starts from a contract by hand (renewals come from the sweep). */
export const expansionKinds = ['upsell', 'cross_sell'] as const;
export type ExpansionKind = (typeof expansionKinds)[number];

/** A deal's lineage as stored: its kind and the contract it grows from, if any. */
export interface DealLineage {
  readonly dealKind: DealKind;
  readonly originContractId: string | null;
}

/** The facts about the origin contract the lineage rules need. */
export interface OriginContractFacts {
  readonly accountId: string;
}

/**
 * Lineage rules, checked on create: a new deal grows from no contract; a deal that does
 * grow from one belongs to the contract's customer (an upsell for another account would
 * credit the wrong customer's lifetime value). Renewals and expansions may lack an origin
 * (business that predates the system).
 */
export function lineageIssues(
  lineage: DealLineage,
  accountId: string,
  origin: OriginContractFacts | null,
): FieldIssue[] {
  if (lineage.originContractId === null) return [];
  if (lineage.dealKind === 'new')
    return [
      {
        path: 'originContractId',
        code: 'origin_needs_kind',
        message: 'a deal with an origin contract is a renewal, upsell or cross_sell',
        messages: {
          en: 'A deal that grows from a contract is a renewal, upsell or cross-sell',
          'zh-CN': '源自合同的商机须为续约、增购或交叉销售',
        },
      },
    ];
  if (origin !== null && origin.accountId !== accountId)
    return [
      {
        path: 'originContractId',
        code: 'origin_other_account',
        message: 'the origin contract belongs to another account',
        messages: {
          en: 'The origin contract belongs to another account',
          'zh-CN': '源合同属于其他客户',
        },
      },
    ];
  return [];
}
