import type { Command } from 'commander';
import { setEntry } from '../../app/catalog/price-book-entries.service.js';
import { createPriceBook, priceBooks } from '../../app/catalog/price-books.service.js';
import {
  createProduct,
  productByCode,
  products,
  setProductActive,
} from '../../app/catalog/products.service.js';
import type { AppContext } from '../../app/context.js';
import { getTenant } from '../../app/tenants.service.js';
import { formatMinor, isCurrencyCode, parseDecimalToMinor } from '../../domain/money.js';
import type { CurrencyCode } from '../../domain/money.js';
import { productCustomisations, productTypes } from '../../domain/opportunities/opportunity.js';
import type { ProductCustomisation, ProductType } from '../../domain/opportunities/opportunity.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { UsageError } from '../io.js';
import type { Io } from '../io.js';
import { inTenant, printRows } from '../tenant-scope.js';

const oneOf = <T extends string>(value: string, allowed: readonly T[], what: string): T => {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${what} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
};

async function productOf(ctx: AppContext, principal: Principal, code: string) {
  const product = await productByCode(ctx, principal, code);
  if (!product) throw new UsageError(`no product with code "${code}"`);
  return product;
}

/** A book by id or exact name (names are what people remember). */
async function bookOf(ctx: AppContext, principal: Principal, nameOrId: string) {
  const all = (await priceBooks(ctx, principal, { limit: 200, sort: 'name' })).items;
  const found = all.filter((book) => book.id === nameOrId || book.name === nameOrId);
  if (found.length !== 1) {
    throw new UsageError(
      found.length === 0
        ? `no price book "${nameOrId}" (see: pipewright price-book list)`
        : `several price books are called "${nameOrId}": give the id`,
    );
  }
  return found[0] as (typeof found)[number];
}

/** `--tier 10=90.00 --tier 50=80.00` → volume tiers in minor units. */
function parseTiers(specs: readonly string[], currency: CurrencyCode) {
  return specs.map((spec) => {
    const match = /^(\d+)=(.+)$/.exec(spec);
    const price = match?.[2] === undefined ? undefined : parseDecimalToMinor(match[2], currency);
    if (!match || price === undefined) {
      throw new UsageError(`a tier is <minQuantity>=<unit price>, e.g. 10=90.00; got "${spec}"`);
    }
    return { minQuantity: Number(match[1]), unitPriceMinor: price };
  });
}

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * `pipewright product list|add|archive` and `pipewright price-book list|add|set-price`: the
 * catalogue from the command line, through the same services (and audit) as the API.
 */
export function catalogCommands(program: Command, io: Io): void {
  const product = program.command('product').description('The product catalogue');

  product
    .command('list')
    .description('List products (active ones unless --all)')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--search <text>', 'part of the code or name')
    .option('--series <series>', 'only this product line')
    .option('--all', 'include archived products')
    .option('--json', 'print JSON')
    .action(
      async (
        options: {
          tenant?: string;
          search?: string;
          series?: string;
          all?: boolean;
          json?: boolean;
        },
        command: Command,
      ) => {
        const items = await inTenant(command, options.tenant, async (ctx, principal) => {
          const page = await products(ctx, principal, {
            q: options.search,
            series: options.series,
            active: options.all ? undefined : true,
            sort: 'code',
            limit: 200,
          });
          return page.items;
        });
        printRows(
          io,
          items.map((p) => ({
            code: p.code,
            name: p.name,
            series: p.series,
            productType: p.productType,
            customisation: p.customisation,
            unit: p.unit,
            active: p.active ? 'active' : 'archived',
            id: p.id,
          })),
          options.json === true,
        );
      },
    );

  product
    .command('add')
    .description('Add a product')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .requiredOption('--code <code>', 'SKU, unique in the tenant')
    .requiredOption('--name <name>', 'name')
    .requiredOption('--type <type>', `product type: ${productTypes.join(' | ')}`)
    .option('--series <series>', 'product line')
    .option('--customisation <kind>', productCustomisations.join(' | '), 'standard')
    .option('--unit <unit>', 'unit, e.g. seat')
    .option('--description <text>', 'description')
    .action(
      async (
        options: {
          tenant?: string;
          code: string;
          name: string;
          type: string;
          series?: string;
          customisation: string;
          unit?: string;
          description?: string;
        },
        command: Command,
      ) => {
        const productType = oneOf<ProductType>(options.type, productTypes, '--type');
        const customisation = oneOf<ProductCustomisation>(
          options.customisation,
          productCustomisations,
          '--customisation',
        );
        const saved = await inTenant(command, options.tenant, (ctx, principal) =>
          createProduct(ctx, principal, {
            code: options.code,
            name: options.name,
            productType,
            customisation,
            series: options.series ?? null,
            unit: options.unit ?? null,
            description: options.description ?? null,
          }),
        );
        io.out(`Product ${saved.code} "${saved.name}" added (${saved.id}).`);
      },
    );

  product
    .command('archive')
    .description('Archive a product: it stays on old quotes and price books, but cannot be quoted')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .requiredOption('--code <code>', 'the product’s code')
    .action(async (options: { tenant?: string; code: string }, command: Command) => {
      const saved = await inTenant(command, options.tenant, async (ctx, principal) => {
        const current = await productOf(ctx, principal, options.code);
        return setProductActive(ctx, principal, current.id, current.version, false);
      });
      io.out(`Product ${saved.code} archived.`);
    });

  const book = program.command('price-book').description('Price books and their prices');

  book
    .command('list')
    .description('List price books')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--currency <code>', 'only this currency')
    .option('--json', 'print JSON')
    .action(
      async (options: { tenant?: string; currency?: string; json?: boolean }, command: Command) => {
        const items = await inTenant(command, options.tenant, async (ctx, principal) => {
          const page = await priceBooks(ctx, principal, {
            currency: options.currency,
            sort: 'name',
            limit: 200,
          });
          return page.items;
        });
        printRows(
          io,
          items.map((b) => ({
            name: b.name,
            currency: b.currency,
            channel: b.channel,
            customerTier: b.customerTier,
            default: b.isDefault ? 'default' : '',
            active: b.active ? 'active' : 'archived',
            validFrom: b.validFrom,
            validTo: b.validTo,
            id: b.id,
          })),
          options.json === true,
        );
      },
    );

  book
    .command('add')
    .description('Add a price book')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .requiredOption('--name <name>', 'name')
    .option('--currency <code>', "ISO currency (default: the tenant's)")
    .option('--channel <channel>', 'only for this sales channel')
    .option('--customer-tier <tier>', 'only for accounts of this value tier')
    .option('--default', "the currency's default book")
    .option('--from <date>', 'valid from, YYYY-MM-DD')
    .option('--to <date>', 'valid to, YYYY-MM-DD (inclusive)')
    .action(
      async (
        options: {
          tenant?: string;
          name: string;
          currency?: string;
          channel?: string;
          customerTier?: string;
          default?: boolean;
          from?: string;
          to?: string;
        },
        command: Command,
      ) => {
        const saved = await inTenant(command, options.tenant, async (ctx, principal) => {
          const currency = options.currency ?? (await getTenant(ctx, principal)).defaultCurrency;
          if (!isCurrencyCode(currency)) throw new UsageError(`unknown currency ${currency}`);
          return createPriceBook(ctx, principal, {
            name: options.name,
            currency,
            channel: options.channel ?? null,
            customerTier: options.customerTier ?? null,
            isDefault: options.default === true,
            validFrom: options.from ?? null,
            validTo: options.to ?? null,
          });
        });
        io.out(`Price book "${saved.name}" (${saved.currency}) added (${saved.id}).`);
      },
    );

  book
    .command('set-price')
    .description('Set a product’s unit price (and volume tiers) in a price book')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .requiredOption('--book <name|id>', 'the price book')
    .requiredOption('--product <code>', 'the product’s code')
    .requiredOption('--price <decimal>', 'base unit price, e.g. 1200.00')
    .option('--tier <min=price>', 'volume tier, repeatable: --tier 10=1100.00', collect, [])
    .action(
      async (
        options: { tenant?: string; book: string; product: string; price: string; tier: string[] },
        command: Command,
      ) => {
        const saved = await inTenant(command, options.tenant, async (ctx, principal) => {
          const target = await bookOf(ctx, principal, options.book);
          const item = await productOf(ctx, principal, options.product);
          const unitPriceMinor = parseDecimalToMinor(options.price, target.currency);
          if (unitPriceMinor === undefined) throw new UsageError(`not a price: ${options.price}`);
          const { entry } = await setEntry(ctx, principal, target.id, item.id, {
            unitPriceMinor,
            volumeTiers: parseTiers(options.tier, target.currency),
          });
          return { entry, currency: target.currency };
        });
        const tiers = saved.entry.volumeTiers
          .map((t) => `${t.minQuantity}+: ${formatMinor(t.unitPriceMinor, saved.currency)}`)
          .join(', ');
        io.out(
          `${options.product} in "${options.book}": ${formatMinor(saved.entry.unitPriceMinor, saved.currency)} ${saved.currency}${tiers ? ` (${tiers})` : ''} (version ${saved.entry.version}).`,
        );
      },
    );
}
