import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** What one lead became, and which of those records its conversion created. */
export interface LeadConversionRecord {
  readonly id: string;
  readonly leadId: string;
  readonly accountId: string;
  readonly contactId: string | null;
  readonly opportunityId: string;
  readonly created: {
    readonly account: boolean;
    readonly contact: boolean;
    readonly opportunity: boolean;
  };
  readonly convertedBy: string | null;
  readonly convertedAt: string;
}

export async function insertLeadConversion(
  db: Kysely<Database>,
  tenantId: string,
  record: LeadConversionRecord,
): Promise<void> {
  await db
    .insertInto('lead_conversions')
    .values({
      tenant_id: tenantId,
      id: record.id,
      lead_id: record.leadId,
      account_id: record.accountId,
      contact_id: record.contactId,
      opportunity_id: record.opportunityId,
      account_created: record.created.account ? 1 : 0,
      contact_created: record.created.contact ? 1 : 0,
      opportunity_created: record.created.opportunity ? 1 : 0,
      converted_by: record.convertedBy,
      converted_at: record.convertedAt,
    })
    .execute();
}

export async function findLeadConversion(
  db: Kysely<Database>,
  tenantId: string,
  leadId: string,
): Promise<LeadConversionRecord | undefined> {
  const row = await db
    .selectFrom('lead_conversions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('lead_id', '=', leadId)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      leadId: row.lead_id,
      accountId: row.account_id,
      contactId: row.contact_id,
      opportunityId: row.opportunity_id,
      created: {
        account: row.account_created === 1,
        contact: row.contact_created === 1,
        opportunity: row.opportunity_created === 1,
      },
      convertedBy: row.converted_by,
      convertedAt: row.converted_at,
    }
  );
}
