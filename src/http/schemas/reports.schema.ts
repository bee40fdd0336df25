import { z } from 'zod';
import { Currency, DateOnly, Id } from './common.js';

/** The filters every report takes; each report adds its own options to these. */
export const ReportFilterQuery = z.strictObject({
  pipelineId: Id.optional().describe('Default: the tenant’s default pipeline'),
  from: DateOnly.optional().describe(
    'First day of the period, in the tenant’s time zone. Default: the first day of the month eleven months before `to`',
  ),
  to: DateOnly.optional().describe('Last day of the period, inclusive. Default: today'),
  teamId: Id.optional().describe('Only deals owned by members of this team or a team below it'),
  ownerId: Id.optional().describe('Only deals owned by this user'),
  currency: Currency.optional().describe(
    'Only deals in this currency (amounts are never added across currencies). Default: the tenant’s',
  ),
});

export const ReportList = z
  .object({
    items: z.array(
      z.object({
        name: z.string(),
        summary: z.string(),
        path: z.string().describe('The JSON endpoint; add `.csv` for the table as CSV'),
      }),
    ),
  })
  .meta({ id: 'ReportList' });
