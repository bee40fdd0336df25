import type { CurrencyCode } from '../money.js';
import type { ContractStatus, DeliveryStatus, OrderStatus, RecognitionStatus } from './contract.js';
import type { InstallmentStatus, ReceiptStatus } from './receivables.js';

/** What contracts, orders and receivables look like to the rest of the program. */
export interface ContractLine {
  readonly id: string;
  readonly position: number;
  readonly productId: string | null;
  readonly name: string;
  readonly productType: string;
  readonly customisation: string;
  readonly quantity: number;
  readonly unitPriceMinor: number;
  readonly amountMinor: number;
}

export interface Contract {
  readonly id: string;
  readonly number: string;
  readonly accountId: string;
  readonly opportunityId: string;
  readonly quoteId: string | null;
  readonly ownerId: string;
  readonly currency: CurrencyCode;
  readonly amountMinor: number;
  readonly startDate: string;
  readonly endDate: string;
  readonly signedOn: string | null;
  readonly status: ContractStatus;
  readonly deliveryStatus: DeliveryStatus;
  readonly recognisedMinor: number;
  readonly recognitionStatus: RecognitionStatus;
  readonly renewalOpportunityId: string | null;
  readonly notes: string | null;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export interface Installment {
  readonly id: string;
  readonly contractId: string;
  readonly seq: number;
  readonly dueDate: string;
  readonly amountMinor: number;
  readonly collectedMinor: number;
  readonly status: InstallmentStatus;
  readonly paidOn: string | null;
  readonly lastRemindedOn: string | null;
  readonly version: number;
}

export interface Order {
  readonly id: string;
  readonly contractId: string;
  readonly number: string;
  readonly description: string;
  readonly amountMinor: number;
  readonly status: OrderStatus;
  readonly plannedOn: string | null;
  readonly deliveredOn: string | null;
  readonly acceptedOn: string | null;
  readonly createdAt: string;
  readonly version: number;
}

export interface Receipt {
  readonly id: string;
  readonly number: string;
  readonly accountId: string;
  readonly contractId: string | null;
  readonly currency: CurrencyCode;
  readonly amountMinor: number;
  readonly unappliedMinor: number;
  readonly receivedOn: string;
  readonly method: string | null;
  readonly reference: string | null;
  readonly status: ReceiptStatus;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly version: number;
}

export interface Allocation {
  readonly id: string;
  readonly receiptId: string;
  readonly installmentId: string;
  readonly amountMinor: number;
  readonly allocatedAt: string;
  readonly allocatedBy: string | null;
  readonly reversedAt: string | null;
  readonly reversedBy: string | null;
}

export interface Recognition {
  readonly id: string;
  readonly contractId: string;
  readonly orderId: string | null;
  readonly recognisedOn: string;
  readonly amountMinor: number;
  readonly createdBy: string | null;
  readonly createdAt: string;
}
