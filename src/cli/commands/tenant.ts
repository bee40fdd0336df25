import type { Command } from 'commander';
import { randomUUID } from 'node:crypto';
import { allTenants, createTenant } from '../../app/tenants.service.js';
import { isCurrencyCode } from '../../domain/money.js';
import { isValidTimeZone, locales, TENANT_SLUG_PATTERN } from '../../domain/tenancy/tenant.js';
import type { Locale } from '../../domain/tenancy/tenant.js';
import { openRuntime } from '../../runtime.js';
import { databaseTarget } from '../database-option.js';
import { UsageError } from '../io.js';
import type { Io } from '../io.js';

interface CreateOptions {
  adminEmail: string;
  adminPassword: string;
  adminName?: string;
  name?: string;
  locale: string;
  timeZone: string;
  currency: string;
}

function validate(slug: string, options: CreateOptions): void {
  if (!TENANT_SLUG_PATTERN.test(slug)) {
    throw new UsageError(`invalid slug "${slug}": use 1–40 lower-case letters, digits and dashes`);
  }
  if (!(locales as readonly string[]).includes(options.locale)) {
    throw new UsageError(`invalid --locale "${options.locale}": use ${locales.join(' or ')}`);
  }
  if (!isValidTimeZone(options.timeZone))
    throw new UsageError(`unknown --time-zone "${options.timeZone}"`);
  if (!isCurrencyCode(options.currency))
    throw new UsageError(`unsupported --currency "${options.currency}"`);
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(options.adminEmail)) {
    throw new UsageError(`invalid --admin-email "${options.adminEmail}"`);
  }
}

export function tenantCommand(program: Command, io: Io): void {
  const tenant = program.command('tenant').description('Manage tenants (companies)');

  tenant
    .command('create <slug>')
    .description('Create a tenant with its first admin, a public pool and the default pipeline')
    .requiredOption('--admin-email <email>', 'e-mail of the first admin')
    .requiredOption(
      '--admin-password <password>',
      'password of the first admin (at least 10 characters)',
    )
    .option('--admin-name <name>', 'display name of the first admin')
    .option('--name <name>', 'company name (defaults to the slug)')
    .option('--locale <locale>', 'zh-CN or en', 'zh-CN')
    .option('--time-zone <zone>', 'IANA time zone for reports', 'Asia/Shanghai')
    .option('--currency <code>', 'default currency (ISO 4217)', 'CNY')
    .action(async (slug: string, options: CreateOptions, command: Command) => {
      validate(slug, options);
      const runtime = await openRuntime(databaseTarget(command));
      try {
        const { tenant: created, admin } = await createTenant(
          runtime.ctx,
          {
            slug,
            name: options.name ?? slug,
            locale: options.locale as Locale,
            timeZone: options.timeZone,
            defaultCurrency: isCurrencyCode(options.currency) ? options.currency : 'CNY',
            admin: {
              email: options.adminEmail,
              password: options.adminPassword,
              ...(options.adminName ? { name: options.adminName } : {}),
            },
          },
          `cli-${randomUUID()}`,
        );
        io.out(`Created tenant ${created.slug} (${created.id}); admin ${admin.email}.`);
      } finally {
        await runtime.close();
      }
    });

  tenant
    .command('list')
    .description('List tenants')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const runtime = await openRuntime(databaseTarget(command));
      try {
        const tenants = await allTenants(runtime.ctx);
        if (options.json) io.out(JSON.stringify(tenants, null, 2));
        else
          for (const t of tenants)
            io.out(`${t.slug}\t${t.name}\t${t.locale}\t${t.defaultCurrency}\t${t.id}`);
      } finally {
        await runtime.close();
      }
    });
}
