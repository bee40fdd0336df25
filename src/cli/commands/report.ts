import type { Command } from 'commander';
import type { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { reportCsv } from '../../app/analytics/report-csv.js';
import { listAllPipelines } from '../../app/pipelines.service.js';
import { reports } from '../../app/analytics/registry.js';
import type { Report } from '../../app/analytics/report.js';
import type { ReportFilter } from '../../app/analytics/report-scope.js';
import { listTeamsPage } from '../../app/teams.service.js';
import { listUsersPage } from '../../app/users.service.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { cliLocale, UsageError } from '../io.js';
import type { Io } from '../io.js';
import { formatTable } from '../table.js';
import { inTenant } from '../tenant-scope.js';

interface CommonOptions {
  tenant?: string;
  pipeline?: string;
  from?: string;
  to?: string;
  team?: string;
  owner?: string;
  currency?: string;
  json?: boolean;
  csv?: boolean;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
const camel = (name: string) =>
  name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** Pages through a list, bounded like every CLI listing. */
async function everything<T>(
  fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const result = await fetch(cursor);
    all.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return all;
}

/** Pipelines by key, teams by name, owners by e-mail; ids work everywhere too. */
async function filterFor(
  ctx: AppContext,
  principal: Principal,
  options: CommonOptions,
): Promise<ReportFilter> {
  const filter: { -readonly [K in keyof ReportFilter]: ReportFilter[K] } = {};
  if (options.pipeline !== undefined) {
    const pipelines = await listAllPipelines(ctx, principal, { includeArchived: true });
    const found = pipelines.find((p) => p.key === options.pipeline || p.id === options.pipeline);
    if (!found)
      throw new UsageError(
        `no pipeline "${options.pipeline}" (${pipelines.map((p) => p.key).join(', ') || 'none'})`,
      );
    filter.pipelineId = found.id;
  }
  if (options.team !== undefined) {
    const teams = await everything((cursor) =>
      listTeamsPage(ctx, principal, {}, { limit: 200, ...(cursor ? { cursor } : {}) }),
    );
    const found = teams.find((team) => team.name === options.team || team.id === options.team);
    if (!found) throw new UsageError(`no team "${options.team}"`);
    filter.teamId = found.id;
  }
  if (options.owner !== undefined) {
    const wanted = options.owner.toLowerCase();
    const users = await everything((cursor) =>
      listUsersPage(ctx, principal, {}, { limit: 200, ...(cursor ? { cursor } : {}) }),
    );
    const found = users.find((user) => user.email === wanted || user.id === options.owner);
    if (!found) throw new UsageError(`no user "${options.owner}"`);
    filter.ownerId = found.id;
  }
  if (options.from !== undefined) filter.from = options.from;
  if (options.to !== undefined) filter.to = options.to;
  if (options.currency !== undefined) filter.currency = options.currency.toUpperCase();
  return filter;
}

function reportCommand(parent: Command, io: Io, report: Report): void {
  const command = parent
    .command(report.name)
    .description(report.summary)
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--pipeline <key|id>', 'pipeline (default: the tenant’s default pipeline)')
    .option('--from <date>', 'first day of the period, YYYY-MM-DD (tenant time zone)')
    .option('--to <date>', 'last day of the period, inclusive (default: today)')
    .option('--team <name|id>', 'only deals owned by this team and the teams below it')
    .option('--owner <email|id>', 'only deals owned by this user')
    .option('--currency <code>', 'only deals in this currency (default: the tenant’s)')
    .option('--json', 'print the report as JSON')
    .option('--csv', 'print the table as CSV');
  const own = Object.entries(report.options.shape);
  for (const [name, schema] of own)
    command.option(`--${kebab(name)} <value>`, (schema as z.ZodType).description ?? name);
  command.action(async (options: CommonOptions & Record<string, unknown>, self: Command) => {
    if (options.json && options.csv) throw new UsageError('choose one of --json and --csv');
    const extra = Object.fromEntries(
      own.flatMap(([name]) => {
        const value = options[camel(kebab(name))];
        return value === undefined ? [] : [[name, value]];
      }),
    );
    const locale = cliLocale();
    const outcome = await inTenant(self, options.tenant, async (ctx, principal) =>
      report.execute(ctx, principal, await filterFor(ctx, principal, options), extra),
    );
    if (options.json) {
      io.out(JSON.stringify(outcome.json, null, 2));
      return;
    }
    const table = outcome.table(locale);
    if (options.csv) {
      io.out(reportCsv(table, { bom: false }).trimEnd());
      return;
    }
    for (const line of formatTable(
      table.headers,
      table.rows.map((row) => row.map((cell) => (cell === null ? '-' : String(cell)))),
    ))
      io.out(line);
  });
}

/** `pipewright report <name>`: every report of the API, as a table, JSON or CSV. */
export function reportCommands(program: Command, io: Io): void {
  const parent = program
    .command('report')
    .description('Analytics reports: funnel, conversion, dwell, win rate, forecast and more');
  for (const report of reports) reportCommand(parent, io, report);
}
