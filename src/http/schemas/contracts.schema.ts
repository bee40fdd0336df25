import { z } from 'zod';
import {
  contractStatuses,
  deliveryStatuses,
  orderStatuses,
  recognitionStatuses,
} from '../../domain/contracts/contract.js';
import { installmentStatuses, receiptStatuses } from '../../domain/contracts/receivables.js';
import { MAX_AMOUNT_MINOR } from '../../domain/money.js';
import {
  Currency,
  DateOnly,
  Id,
  ListQueryBase,
  LongText,
  Name,
  ShortText,
  TimestampOut,
  Version,
  pageOf,
} from './common.js';

/** Contracts, orders (O2D), payment plans, receipts (回款), allocations (核销), recognition (确收). */

const PositiveMinor = z
  .number()
  .int()
  .min(1)
  .max(MAX_AMOUNT_MINOR)
  .describe('Amount in minor units (fen, cent), > 0');

const Plan = z
  .union([
    z.strictObject({
      installments: z
        .array(z.strictObject({ dueDate: DateOnly, amountMinor: PositiveMinor }))
        .min(1)
        .max(120)
        .describe(
          'Explicit installments in due-date order; they must add up to the contract amount',
        ),
    }),
    z.strictObject({
      generate: z
        .strictObject({
          count: z.number().int().min(1).max(120),
          everyMonths: z.number().int().min(0).max(24),
          firstDueDate: DateOnly,
        })
        .describe('n equal installments every k months; the remainder goes on the last'),
    }),
  ])
  .meta({ id: 'PaymentPlanInput' });

export const ContractCreate = z
  .strictObject({
    startDate: DateOnly,
    endDate: DateOnly,
    signedOn: DateOnly.nullable().optional(),
    notes: LongText.nullable().optional(),
    plan: Plan,
  })
  .meta({ id: 'ContractCreate' });

export const ContractPatch = z
  .strictObject({
    version: Version,
    startDate: DateOnly.optional(),
    endDate: DateOnly.optional(),
    signedOn: DateOnly.nullable().optional(),
    notes: LongText.nullable().optional(),
  })
  .meta({ id: 'ContractPatch' });

export const ContractVersion = z.strictObject({ version: Version }).meta({ id: 'ContractVersion' });

export const PaymentPlanReplace = z
  .strictObject({ version: Version, plan: Plan })
  .meta({ id: 'PaymentPlanReplace' });

export const ContractListQuery = z.strictObject({
  ...ListQueryBase,
  accountId: Id.optional(),
  ownerId: Id.optional(),
  status: z.enum(contractStatuses).optional(),
  endingBefore: DateOnly.optional().describe('Contracts whose end date is before this day'),
  sort: z.enum(['createdAt', '-createdAt', 'endDate', '-endDate', 'number', '-number']).optional(),
});

const Line = z.object({
  id: Id,
  position: z.number().int(),
  productId: Id.nullable(),
  name: z.string(),
  productType: z.string(),
  customisation: z.string(),
  quantity: z.number().int(),
  unitPriceMinor: z.number().int(),
  amountMinor: z.number().int().describe('Net of discounts, tax excluded'),
});

export const Installment = z
  .object({
    id: Id,
    contractId: Id,
    seq: z.number().int(),
    dueDate: DateOnly,
    amountMinor: z.number().int(),
    collectedMinor: z.number().int(),
    status: z.enum(installmentStatuses),
    paidOn: DateOnly.nullable().describe('received_on of the receipt that completed it'),
    lastRemindedOn: DateOnly.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Installment' });

export const Order = z
  .object({
    id: Id,
    contractId: Id,
    number: z.string(),
    description: z.string(),
    amountMinor: z.number().int(),
    status: z.enum(orderStatuses),
    plannedOn: DateOnly.nullable(),
    deliveredOn: DateOnly.nullable(),
    acceptedOn: DateOnly.nullable(),
    createdAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'Order' });

export const Recognition = z
  .object({
    id: Id,
    contractId: Id,
    orderId: Id.nullable(),
    recognisedOn: DateOnly,
    amountMinor: z.number().int(),
    createdBy: Id.nullable(),
    createdAt: TimestampOut,
  })
  .meta({ id: 'Recognition' });

const contractFields = {
  id: Id,
  number: z.string().describe('C-000042'),
  accountId: Id,
  opportunityId: Id,
  quoteId: Id.nullable(),
  ownerId: Id,
  currency: Currency,
  amountMinor: z.number().int(),
  startDate: DateOnly,
  endDate: DateOnly,
  signedOn: DateOnly.nullable(),
  status: z.enum(contractStatuses),
  deliveryStatus: z.enum(deliveryStatuses).describe('Derived from the orders'),
  recognisedMinor: z.number().int(),
  recognitionStatus: z.enum(recognitionStatuses),
  renewalOpportunityId: Id.nullable(),
  notes: z.string().nullable(),
  createdBy: Id.nullable(),
  createdAt: TimestampOut,
  updatedAt: TimestampOut,
  version: z.number().int(),
};

export const Contract = z.object(contractFields).meta({ id: 'Contract' });
export const ContractPage = pageOf(Contract, 'ContractPage');

export const ContractDetail = z
  .object({
    ...contractFields,
    lines: z.array(Line),
    installments: z.array(Installment),
    orders: z.array(Order),
    recognitions: z.array(Recognition),
  })
  .meta({ id: 'ContractDetail' });

export const OrderCreate = z
  .strictObject({
    description: Name,
    amountMinor: PositiveMinor,
    plannedOn: DateOnly.nullable().optional(),
  })
  .meta({ id: 'OrderCreate' });

export const OrderMove = z
  .strictObject({
    version: Version,
    status: z.enum(orderStatuses),
    on: DateOnly.nullable().optional().describe('Delivery or acceptance day (default: today)'),
  })
  .meta({ id: 'OrderMove' });

export const RecognitionCreate = z
  .strictObject({
    amountMinor: PositiveMinor,
    recognisedOn: DateOnly,
    orderId: Id.nullable().optional(),
  })
  .meta({ id: 'RecognitionCreate' });

export const ReceiptCreate = z
  .strictObject({
    accountId: Id,
    contractId: Id.nullable().optional(),
    currency: Currency,
    amountMinor: PositiveMinor,
    receivedOn: DateOnly,
    method: ShortText.min(1).nullable().optional().describe('bank_transfer, cheque, cash…'),
    reference: ShortText.min(1)
      .nullable()
      .optional()
      .describe(
        'Bank slip reference: unique per tenant; re-posting it with the same facts answers the first receipt',
      ),
    autoAllocate: z
      .boolean()
      .optional()
      .describe('Apply the money to the contract’s oldest open installments (needs contractId)'),
  })
  .meta({ id: 'ReceiptCreate' });

export const AllocationCreate = z
  .strictObject({
    allocations: z
      .array(z.strictObject({ installmentId: Id, amountMinor: PositiveMinor }))
      .min(1)
      .max(120),
  })
  .meta({ id: 'AllocationCreate' });

export const Allocation = z
  .object({
    id: Id,
    receiptId: Id,
    installmentId: Id,
    amountMinor: z.number().int(),
    allocatedAt: TimestampOut,
    allocatedBy: Id.nullable(),
    reversedAt: TimestampOut.nullable(),
    reversedBy: Id.nullable(),
  })
  .meta({ id: 'Allocation' });

const receiptFields = {
  id: Id,
  number: z.string().describe('R-000042'),
  accountId: Id,
  contractId: Id.nullable(),
  currency: Currency,
  amountMinor: z.number().int(),
  unappliedMinor: z.number().int().describe('Not allocated yet; usable for later installments'),
  receivedOn: DateOnly,
  method: z.string().nullable(),
  reference: z.string().nullable(),
  status: z.enum(receiptStatuses),
  createdBy: Id.nullable(),
  createdAt: TimestampOut,
  version: z.number().int(),
};

export const Receipt = z.object(receiptFields).meta({ id: 'Receipt' });
export const ReceiptPage = pageOf(Receipt, 'ReceiptPage');
export const ReceiptDetail = z
  .object({ ...receiptFields, allocations: z.array(Allocation) })
  .meta({ id: 'ReceiptDetail' });

export const ReceiptListQuery = z.strictObject({
  ...ListQueryBase,
  accountId: Id.optional(),
  contractId: Id.optional(),
  status: z.enum(receiptStatuses).optional(),
  unapplied: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: only receipts with money left to allocate'),
  sort: z.enum(['receivedOn', '-receivedOn', 'createdAt', '-createdAt']).optional(),
});

export const Reconciliation = z
  .object({
    contract: Contract,
    plannedMinor: z.number().int(),
    collectedMinor: z.number().int(),
    outstandingMinor: z.number().int(),
    overdueMinor: z.number().int(),
    installments: z.array(
      Installment.extend({
        outstandingMinor: z.number().int(),
        overdue: z.boolean(),
        allocations: z.array(
          Allocation.extend({ receiptNumber: z.string(), receivedOn: DateOnly }),
        ),
      }),
    ),
    unappliedReceipts: z.array(Receipt),
  })
  .meta({ id: 'Reconciliation' });
