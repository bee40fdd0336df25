import { z } from 'zod';
import { dealKinds, expansionKinds } from '../../domain/lifecycle/deal-kind.js';
import { AmountMinor, DateOnly, Id, Name } from './common.js';
import { Opportunity } from './opportunity.schema.js';

export const ExpansionCreate = z
  .strictObject({
    kind: z
      .enum(expansionKinds)
      .describe('upsell (增购, more of the same) or cross_sell (交叉销售)'),
    name: Name,
    amountMinor: AmountMinor.min(0).describe('In the contract’s currency, minor units'),
    expectedCloseDate: DateOnly.nullable().optional(),
    ownerId: Id.optional().describe('Defaults to you'),
    primaryContactId: Id.nullable().optional(),
    nextStep: z.string().trim().max(1000).nullable().optional(),
  })
  .meta({ id: 'ExpansionCreate' });

export const ExpansionList = z
  .object({ items: z.array(Opportunity) })
  .meta({ id: 'ExpansionList' });

export const AccountLifetime = z
  .object({
    accountId: Id,
    currencies: z
      .array(
        z.object({
          currency: z.string(),
          contracts: z.number().int(),
          contractValueMinor: z.number().int(),
          collectedMinor: z
            .number()
            .int()
            .describe('Lifetime value: cash collected (reversed allocations excluded)'),
          firstPurchaseOn: z.string(),
          lastPurchaseOn: z.string(),
        }),
      )
      .readonly()
      .describe('Per currency: amounts are never added across currencies'),
    contracts: z.number().int(),
    firstPurchaseOn: z.string().nullable(),
    lastPurchaseOn: z.string().nullable(),
    repeatCustomer: z.boolean().describe('Two contracts or more'),
    deals: z
      .array(
        z.object({
          dealKind: z.enum(dealKinds),
          open: z.number().int(),
          won: z.number().int(),
          lost: z.number().int(),
        }),
      )
      .readonly(),
  })
  .meta({ id: 'AccountLifetime' });
