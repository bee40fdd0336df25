import type { Command } from 'commander';
import type { AppContext } from '../../app/context.js';
import { getOpportunity } from '../../app/opportunities.service.js';
import {
  acceptQuote,
  expireLapsedQuotes,
  sendQuote,
} from '../../app/quotes/quote-lifecycle.service.js';
import { createQuote, getQuote, listDealQuotes } from '../../app/quotes/quotes.service.js';
import type { QuoteLineInput } from '../../app/quotes/quote-lines.js';
import type { CurrencyCode } from '../../domain/money.js';
import { formatMinor, isCurrencyCode, parseDecimalToMinor } from '../../domain/money.js';
import { productTypes } from '../../domain/opportunities/opportunity.js';
import type { ProductType } from '../../domain/opportunities/opportunity.js';
import type { Quote } from '../../domain/quotes/quote.js';
import { UsageError } from '../io.js';
import type { Io } from '../io.js';
import { inTenant, printRows } from '../tenant-scope.js';

/** "12.5" (percent, two decimals at most) → 1250 basis points. */
function basisPoints(text: string | undefined, what: string): number | undefined {
  if (text === undefined || text === '') return undefined;
  const bp = parseDecimalToMinor(text, 'CNY');
  if (bp === undefined || bp < 0 || bp > 10_000)
    throw new UsageError(`not a percentage: ${what} ${text}`);
  return bp;
}

/**
 * A free line: `name;type;quantity;unit price[;discount %[;tax %]]`, e.g.
 * `"Sales cloud seat;cornerstone;3;1980.00;10;6"`. A catalogue line: `product:<id>;quantity
 * [;discount %[;tax %]]` (priced through --price-book).
 */
function parseLine(text: string, currency: CurrencyCode): QuoteLineInput {
  const parts = text.split(';').map((part) => part.trim());
  const [head = '', ...rest] = parts;
  if (head.startsWith('product:')) {
    const [quantity = '', discount, tax] = rest;
    const discountBp = basisPoints(discount, 'discount');
    const taxRateBp = basisPoints(tax, 'tax');
    return {
      productId: head.slice('product:'.length),
      quantity: Number(quantity),
      ...(discountBp === undefined ? {} : { discountBp }),
      ...(taxRateBp === undefined ? {} : { taxRateBp }),
    };
  }
  const [type = '', quantity = '', price = '', discount, tax] = rest;
  if (!(productTypes as readonly string[]).includes(type))
    throw new UsageError(`line "${text}": type is one of ${productTypes.join(', ')}`);
  const unitPriceMinor = parseDecimalToMinor(price, currency);
  if (unitPriceMinor === undefined) throw new UsageError(`line "${text}": not a price: ${price}`);
  const discountBp = basisPoints(discount, 'discount');
  const taxRateBp = basisPoints(tax, 'tax');
  return {
    name: head,
    productType: type as ProductType,
    quantity: Number(quantity),
    unitPriceMinor,
    ...(discountBp === undefined ? {} : { discountBp }),
    ...(taxRateBp === undefined ? {} : { taxRateBp }),
  };
}

function summary(quote: Quote): Record<string, string | number | null> {
  return {
    id: quote.id,
    number: quote.number,
    revision: quote.revision,
    status: quote.status,
    net: formatMinor(quote.netMinor, quote.currency),
    tax: formatMinor(quote.taxMinor, quote.currency),
    total: formatMinor(quote.totalMinor, quote.currency),
    currency: quote.currency,
    validUntil: quote.validUntil,
    version: quote.version,
  };
}

function describe(io: Io, quote: Quote): void {
  const money = (minor: number) => formatMinor(minor, quote.currency);
  io.out(
    `${quote.number} r${quote.revision} (${quote.status}) — ${quote.currency}, id ${quote.id}`,
  );
  for (const line of quote.lines) {
    io.out(
      `  ${line.position + 1}. ${line.name} × ${line.quantity} @ ${money(line.unitPriceMinor)}: net ${money(line.netMinor)} + tax ${money(line.taxMinor)} = ${money(line.totalMinor)}`,
    );
  }
  io.out(
    `Subtotal ${money(quote.subtotalMinor)} − line discounts ${money(quote.lineDiscountMinor)} − overall ${money(quote.overallDiscountMinor)} = net ${money(quote.netMinor)}; tax ${money(quote.taxMinor)}; total ${money(quote.totalMinor)}.`,
  );
}

async function withQuote<T>(
  command: Command,
  tenant: string | undefined,
  id: string,
  work: (ctx: AppContext, principal: Parameters<typeof getQuote>[1], quote: Quote) => Promise<T>,
): Promise<T> {
  return inTenant(command, tenant, async (ctx, principal) =>
    work(ctx, principal, await getQuote(ctx, principal, id)),
  );
}

/** `pipewright quote list|show|create|send|accept` (docs/l2c/quotes.md). */
export function quoteCommand(program: Command, io: Io): void {
  const quote = program.command('quote').description('Quotes of an opportunity');

  quote
    .command('list')
    .description('Every quote and revision of a deal')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .requiredOption('--deal <id>', 'opportunity id')
    .option('--json', 'print JSON')
    .action(
      async (options: { tenant?: string; deal: string; json?: boolean }, command: Command) => {
        const quotes = await inTenant(command, options.tenant, (ctx, principal) =>
          listDealQuotes(ctx, principal, options.deal),
        );
        printRows(io, quotes.map(summary), options.json === true);
      },
    );

  quote
    .command('show <id>')
    .description('One quote revision with its lines and totals')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { tenant?: string; json?: boolean }, command: Command) => {
      const found = await withQuote(command, options.tenant, id, (_ctx, _p, q) =>
        Promise.resolve(q),
      );
      if (options.json === true) io.out(JSON.stringify(found, null, 2));
      else describe(io, found);
    });

  quote
    .command('create')
    .description('Draft a quote for an open deal')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .requiredOption('--deal <id>', 'opportunity id')
    .requiredOption(
      '--line <spec...>',
      'name;type;quantity;unit price[;discount %[;tax %]] or product:<id>;quantity[;discount %[;tax %]]',
    )
    .option('--currency <code>', "ISO currency (default: the deal's)")
    .option('--price-book <id>', 'price book for catalogue lines')
    .option('--discount <percent>', 'overall discount in percent, e.g. 5')
    .option('--valid-until <date>', 'last valid day, YYYY-MM-DD')
    .action(
      async (
        options: {
          tenant?: string;
          deal: string;
          line: string[];
          currency?: string;
          priceBook?: string;
          discount?: string;
          validUntil?: string;
        },
        command: Command,
      ) => {
        const given = options.currency;
        if (given !== undefined && !isCurrencyCode(given))
          throw new UsageError(`unknown currency ${given}`);
        const currency: CurrencyCode | undefined = given;
        const saved = await inTenant(command, options.tenant, async (ctx, principal) => {
          // Prices are typed in the quote's currency: the deal's unless --currency says.
          const inCurrency =
            currency ?? (await getOpportunity(ctx, principal, options.deal)).amount.currency;
          const overallDiscountBp = basisPoints(options.discount, 'discount');
          return createQuote(ctx, principal, options.deal, {
            currency: inCurrency,
            ...(options.priceBook ? { priceBookId: options.priceBook } : {}),
            ...(options.validUntil ? { validUntil: options.validUntil } : {}),
            ...(overallDiscountBp === undefined ? {} : { overallDiscountBp }),
            lines: options.line.map((spec) => parseLine(spec, inCurrency)),
          });
        });
        describe(io, saved);
      },
    );

  for (const [verb, run, help] of [
    ['send', sendQuote, 'Send a draft (a deep discount goes to approval first)'],
    ['accept', acceptQuote, "The customer accepted a sent quote: the deal's amount follows it"],
  ] as const) {
    quote
      .command(`${verb} <id>`)
      .description(help)
      .requiredOption('--tenant <slug>', 'tenant slug')
      .action(async (id: string, options: { tenant?: string }, command: Command) => {
        const done = await withQuote(command, options.tenant, id, (ctx, principal, current) =>
          run(ctx, principal, id, current.version),
        );
        io.out(`${done.number} r${done.revision}: ${done.status} (version ${done.version}).`);
      });
  }

  quote
    .command('expire-lapsed')
    .description('Mark every quote past its validity date as expired')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .action(async (options: { tenant?: string }, command: Command) => {
      const count = await inTenant(command, options.tenant, (ctx, principal) =>
        expireLapsedQuotes(ctx, principal),
      );
      io.out(`${count} quote(s) expired.`);
    });
}
