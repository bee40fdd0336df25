/** Contract life-cycle, order-to-delivery (O2D) and revenue recognition (确收) states. */
export const contractStatuses = ['active', 'completed', 'terminated'] as const;
export type ContractStatus = (typeof contractStatuses)[number];

export const deliveryStatuses = ['not_started', 'in_progress', 'delivered', 'accepted'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const recognitionStatuses = ['unrecognised', 'partial', 'recognised'] as const;
export type RecognitionStatus = (typeof recognitionStatuses)[number];

export const orderStatuses = [
  'pending',
  'in_delivery',
  'delivered',
  'accepted',
  'cancelled',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** The moves an order may make; accepted and cancelled are final. */
const orderMoves: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['in_delivery', 'cancelled'],
  in_delivery: ['delivered', 'cancelled'],
  delivered: ['accepted'],
  accepted: [],
  cancelled: [],
};

export function canMoveOrder(from: OrderStatus, to: OrderStatus): boolean {
  return orderMoves[from].includes(to);
}

/**
 * The contract's delivery status from its orders (cancelled ones do not count): nothing
 * started until an order is under way; accepted when every order is accepted; delivered
 * when every order is at least delivered.
 */
export function deliveryStatusOf(orders: readonly { status: OrderStatus }[]): DeliveryStatus {
  const live = orders.filter((order) => order.status !== 'cancelled');
  if (live.length === 0 || live.every((order) => order.status === 'pending')) return 'not_started';
  if (live.every((order) => order.status === 'accepted')) return 'accepted';
  if (live.every((order) => order.status === 'delivered' || order.status === 'accepted'))
    return 'delivered';
  return 'in_progress';
}

export function recognitionStatusOf(
  recognisedMinor: number,
  amountMinor: number,
): RecognitionStatus {
  if (recognisedMinor <= 0) return 'unrecognised';
  return recognisedMinor >= amountMinor ? 'recognised' : 'partial';
}

export function formatContractNumber(prefix: 'C' | 'O' | 'R', sequence: number): string {
  return `${prefix}-${String(sequence).padStart(6, '0')}`;
}
