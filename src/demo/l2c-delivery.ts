import { deliveryStatusOf, recognitionStatusOf } from '../domain/contracts/contract.js';
import type { OrderStatus } from '../domain/contracts/contract.js';
import type { Contract, Order, Recognition } from '../domain/contracts/records.js';
import { idAt } from './ids.js';
import type { DemoContractLine } from './l2c-contracts.js';
import { addDays, atOn, daysFrom, maxDate, minDate } from './l2c-dates.js';
import type { L2cClock } from './l2c-dates.js';
import type { Random } from './random.js';

export interface DemoDelivery {
  /** The contract with its delivery and recognition figures. */
  readonly contract: Contract;
  /** Numbered later, in contract order. */
  readonly orders: Order[];
  readonly recognitions: Recognition[];
}

/**
 * Order-to-delivery for one contract: one order, or two when it sold several things (the
 * first line, then the rest), together worth the contract amount. How far an order got
 * depends on how long ago it was planned — recent ones pending or under way, older ones
 * delivered or accepted, now and then one cancelled — so every status shows. Some accepted
 * orders have their revenue recognised on the day of acceptance.
 */
export function deliverContract(
  random: Random,
  contract: Contract,
  lines: readonly DemoContractLine[],
  clock: L2cClock,
): DemoDelivery {
  const [first, ...others] = lines;
  const split = first && others.length > 0 && random.chance(0.6);
  const parts = split
    ? [
        { description: `${first.name} 交付`, amountMinor: first.amountMinor },
        {
          description: `${others.map((line) => line.name).join('、')} 交付`,
          amountMinor: contract.amountMinor - first.amountMinor,
        },
      ]
    : [{ description: `${first?.name ?? '项目'} 交付`, amountMinor: contract.amountMinor }];
  const orders: Order[] = [];
  const recognitions: Recognition[] = [];
  let plannedOn = contract.startDate;
  for (const part of parts) {
    if (part.amountMinor <= 0) continue;
    plannedOn = addDays(plannedOn, random.int(20, 60));
    const order = progress(random, contract, plannedOn, clock);
    orders.push({
      ...order,
      id: idAt(random, Date.parse(contract.createdAt)),
      contractId: contract.id,
      number: '',
      description: part.description,
      amountMinor: part.amountMinor,
      createdAt: contract.createdAt,
      version: order.status === 'pending' ? 1 : 2,
    });
    if (order.status === 'accepted' && order.acceptedOn && random.chance(0.3)) {
      const at = atOn(order.acceptedOn, 16, clock);
      recognitions.push({
        id: idAt(random, Date.parse(at)),
        contractId: contract.id,
        orderId: orders.at(-1)?.id ?? null,
        recognisedOn: order.acceptedOn,
        amountMinor: part.amountMinor,
        createdBy: contract.ownerId,
        createdAt: at,
      });
    }
  }
  const recognisedMinor = recognitions.reduce((sum, r) => sum + r.amountMinor, 0);
  return {
    contract: {
      ...contract,
      deliveryStatus: deliveryStatusOf(orders),
      recognisedMinor,
      recognitionStatus: recognitionStatusOf(recognisedMinor, contract.amountMinor),
    },
    orders,
    recognitions,
  };
}

type Progress = Pick<Order, 'status' | 'plannedOn' | 'deliveredOn' | 'acceptedOn'>;

function progress(
  random: Random,
  contract: Contract,
  plannedOn: string,
  clock: L2cClock,
): Progress {
  const age = daysFrom(plannedOn, clock.today);
  const status: OrderStatus =
    age < -10
      ? 'pending'
      : age < 20
        ? random.weighted<OrderStatus>([
            ['pending', 1],
            ['in_delivery', 3],
          ])
        : age < 60
          ? random.weighted<OrderStatus>([
              ['in_delivery', 2],
              ['delivered', 2],
              ['accepted', 2],
            ])
          : random.weighted<OrderStatus>([
              ['delivered', 1],
              ['accepted', 8],
              ['cancelled', 0.4],
            ]);
  if (status !== 'delivered' && status !== 'accepted')
    return { status, plannedOn, deliveredOn: null, acceptedOn: null };
  const deliveredOn = maxDate(
    contract.startDate,
    minDate(clock.today, addDays(plannedOn, random.int(-5, 15))),
  );
  const acceptedOn =
    status === 'accepted' ? minDate(clock.today, addDays(deliveredOn, random.int(3, 20))) : null;
  return { status, plannedOn, deliveredOn, acceptedOn };
}
