import { z } from 'zod';
import { currencyCodes, MAX_AMOUNT_MINOR } from '../../domain/money.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../app/listing.js';
import { Id } from '../../app/schema-primitives.js';

export { Id, Name } from '../../app/schema-primitives.js';

/** E-mail addresses are compared case-insensitively; surrounding spaces are a paste accident. */
export const Email = z.string().trim().toLowerCase().pipe(z.email().max(254));
export const IdParams = z.strictObject({ id: Id });

export const ShortText = z.string().trim().max(200);
export const LongText = z.string().max(10_000);
export const Nullable = <T extends z.ZodType>(schema: T) => schema.nullable();

export const Timestamp = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value).toISOString())
  .describe('Instant, ISO-8601 (stored and returned in UTC)');
export const TimestampOut = z.string().describe('Instant, ISO-8601 in UTC');
export const DateOnly = z.iso.date().describe('Calendar date, YYYY-MM-DD');

export const Currency = z.enum(currencyCodes).describe('ISO 4217 currency code');
export const AmountMinor = z
  .number()
  .int()
  .min(-MAX_AMOUNT_MINOR)
  .max(MAX_AMOUNT_MINOR)
  .describe('Amount in the currency minor unit (fen, cent): 12345 CNY = ¥123.45');

export const Money = z
  .strictObject({ amountMinor: AmountMinor, currency: Currency })
  .meta({ id: 'Money', description: 'Money as integer minor units plus currency; never a float.' });

export const Version = z
  .number()
  .int()
  .min(1)
  .describe('The version you edited (optimistic concurrency)');

export const FieldIssue = z
  .object({
    path: z.string(),
    code: z.string(),
    message: z.string(),
    line: z.number().int().optional().describe('1-based line in the submitted file'),
    column: z.number().int().optional().describe('1-based column in the submitted file'),
  })
  .meta({ id: 'FieldIssue' });

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('Stable machine-readable error code'),
    detail: z.string().describe('Message in the language of Accept-Language (zh-CN or en)'),
    instance: z.string(),
    requestId: z.string(),
    errors: z.array(FieldIssue).optional(),
    unmet: z
      .array(
        z.object({
          stageId: z.string(),
          stageKey: z.string(),
          reason: z.record(z.string(), z.unknown()),
        }),
      )
      .optional()
      .describe(
        'gate_failed: every unmet criterion, machine-readable (errors[] has the same in words)',
      ),
    mergedInto: z
      .object({ entityType: z.enum(['lead', 'account', 'contact']), id: z.string() })
      .optional()
      .describe('record_merged: the record this one was merged into'),
    conversion: z
      .object({
        accountId: z.string(),
        contactId: z.string().nullable(),
        opportunityId: z.string(),
        convertedAt: z.string(),
      })
      .optional()
      .describe('lead_converted: what the lead became when it was converted'),
    explanation: z
      .object({
        rule: z.string().nullable(),
        strategy: z.string(),
        considered: z.number().int(),
        skipped: z.array(z.object({ userId: z.string(), why: z.string() })),
        why: z.string(),
      })
      .optional()
      .describe('no_eligible_assignee: the routing rule, and why each rep was skipped'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

/** Documents the error answers of an operation; every error body is a Problem. */
export function problems(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: problemDescriptions[status] ?? 'Error',
        content: { 'application/problem+json': { schema: Problem } },
      },
    ]),
  );
}

const problemDescriptions: Record<number, string> = {
  400: 'Malformed request (wrong types, unknown fields, values out of range)',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found (or not visible to you)',
  409: 'Conflict: stale version, duplicate, or state that forbids the change',
  413: 'Body too large',
  415: 'Body is not JSON',
  410: 'Gone: the record was merged into another (mergedInto names it)',
  422: 'Well-formed but refers to records that do not exist or breaks a business rule',
  429: 'Too many requests: wait the seconds in Retry-After',
  500: 'Unexpected server error (logged; the body carries the request id)',
};

export const ListQueryBase = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE).optional(),
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
};

export const DeletedFilter = z
  .enum(['exclude', 'only', 'include'])
  .default('exclude')
  .describe('exclude: live records (default); only: the trash; include: both');

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({ items: z.array(item), nextCursor: z.string().nullable() })
    .meta({ id, description: 'A page of results; pass nextCursor as cursor to get the next one' });
}

export const NoContent = z.undefined().describe('Done, nothing to return');
