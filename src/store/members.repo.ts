import type { Kysely } from 'kysely';
import type { MemberRole, OpportunityMember } from '../domain/opportunities/member.js';
import type { Database } from './schema.js';

export async function listMembers(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
): Promise<OpportunityMember[]> {
  const rows = await db
    .selectFrom('opportunity_members')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', opportunityId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    opportunityId: row.opportunity_id,
    userId: row.user_id,
    role: row.role as MemberRole,
    addedBy: row.added_by,
    createdAt: row.created_at,
  }));
}

export async function insertMember(
  db: Kysely<Database>,
  tenantId: string,
  member: OpportunityMember,
): Promise<void> {
  await db
    .insertInto('opportunity_members')
    .values({
      tenant_id: tenantId,
      id: member.id,
      opportunity_id: member.opportunityId,
      user_id: member.userId,
      role: member.role,
      added_by: member.addedBy,
      created_at: member.createdAt,
    })
    .execute();
}

export async function deleteMember(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
  userId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('opportunity_members')
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', opportunityId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
