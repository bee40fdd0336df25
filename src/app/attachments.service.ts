import { createHash } from 'node:crypto';
import { checkContent } from '../domain/attachments/content-check.js';
import type { AttachmentType } from '../domain/attachments/content-check.js';
import { DomainError, notFound } from '../domain/errors.js';
import type { Principal } from '../domain/tenancy/principal.js';
import {
  findAttachment,
  insertAttachment,
  listAttachments,
  markAttachmentDeleted,
} from '../store/attachments.repo.js';
import type { Attachment } from '../store/attachments.repo.js';
import { authorize } from './access.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { getEntity } from './entity.js';
import { opportunityStore } from './opportunity-store.js';
import { dbFor, inTransaction } from './transaction.js';

export type { Attachment };

/**
 * Stores a file for a deal (a proposal, a contract…). The bytes are checked against the
 * name (a PDF must start like a PDF) and size limit, written to file storage first and the
 * row committed after, so a row never points at missing bytes; if the row fails, the
 * orphan bytes are removed.
 */
/** Checks the caller may attach to this deal, before the upload is even read. */
export async function assertCanAttach(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
): Promise<void> {
  authorize(principal, 'opportunities.write');
  await getEntity(ctx, principal, opportunityStore, opportunityId);
}

export async function attachToOpportunity(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
  input: { type: AttachmentType; fileName: string; content: Buffer },
): Promise<Attachment> {
  await assertCanAttach(ctx, principal, opportunityId);
  const check = checkContent(input.fileName, input.content);
  if (!check.ok) {
    throw new DomainError('validation_failed', {}, [
      { path: 'file', code: `file_${check.code}`, message: `file ${check.code.replace('_', ' ')}` },
    ]);
  }
  const id = ctx.newId();
  const storageKey = `${principal.tenantId}/${id}`;
  await ctx.files.put(storageKey, input.content);
  try {
    return await inTransaction(ctx, async (trx) => {
      const row = {
        tenant_id: principal.tenantId,
        id,
        opportunity_id: opportunityId,
        account_id: null,
        type: input.type,
        file_name: input.fileName,
        content_type: check.contentType,
        size_bytes: input.content.length,
        sha256: createHash('sha256').update(input.content).digest('hex'),
        storage_key: storageKey,
        uploaded_by: principal.userId,
        created_at: nowIso(ctx),
        deleted_at: null,
      };
      await insertAttachment(trx, row);
      const attachment = (await findAttachment(trx, principal.tenantId, id)) ?? null;
      if (!attachment) throw notFound('attachment');
      const { storageKey: _key, ...visible } = attachment;
      await recordAudit(trx, ctx, principal, {
        entityType: 'attachment',
        entityId: id,
        action: 'create',
        before: null,
        after: visible,
      });
      return visible;
    });
  } catch (error) {
    await ctx.files.delete(storageKey);
    throw error;
  }
}

export async function opportunityAttachments(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
): Promise<Attachment[]> {
  authorize(principal, 'opportunities.read');
  await getEntity(ctx, principal, opportunityStore, opportunityId);
  return listAttachments(dbFor(ctx), principal.tenantId, opportunityId);
}

async function visibleAttachment(ctx: AppContext, principal: Principal, id: string) {
  const attachment = await findAttachment(dbFor(ctx), principal.tenantId, id);
  if (!attachment || attachment.deletedAt !== null || !attachment.opportunityId)
    throw notFound('attachment');
  await getEntity(ctx, principal, opportunityStore, attachment.opportunityId);
  return attachment;
}

export async function attachmentContent(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<{ attachment: Attachment; content: Buffer }> {
  authorize(principal, 'opportunities.read');
  const { storageKey, ...attachment } = await visibleAttachment(ctx, principal, id);
  const content = await ctx.files.get(storageKey);
  if (!content) throw notFound('attachment');
  return { attachment, content };
}

/** Moves a file to the trash: the bytes stay so the audit trail can still point at them. */
export async function deleteAttachment(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<void> {
  authorize(principal, 'opportunities.write');
  await inTransaction(ctx, async (trx) => {
    const { storageKey: _key, ...attachment } = await visibleAttachment(ctx, principal, id);
    await markAttachmentDeleted(trx, principal.tenantId, id, nowIso(ctx));
    await recordAudit(trx, ctx, principal, {
      entityType: 'attachment',
      entityId: id,
      action: 'delete',
      before: attachment,
      after: null,
    });
  });
}
