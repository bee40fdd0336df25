import { api } from './client';
import type { operations } from './schema';

/** The attachment types a user can upload (gates may require one, e.g. a proposal). */
export const ATTACHMENT_TYPES = [
  'proposal',
  'quote',
  'contract',
  'questionnaire',
  'presentation',
  'other',
] as const satisfies readonly operations['uploadOpportunityAttachment']['parameters']['query']['type'][];
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export function isAttachmentType(value: string): value is AttachmentType {
  return (ATTACHMENT_TYPES as readonly string[]).includes(value);
}

/** Uploads one file for a deal: multipart/form-data with the field "file", `type` in the query. */
export function uploadAttachment(dealId: string, type: AttachmentType, file: File) {
  const form = new FormData();
  form.append('file', file);
  return api.POST('/api/v1/opportunities/{id}/attachments', {
    params: { path: { id: dealId }, query: { type } },
    // The route reads multipart itself, so the OpenAPI document declares no body;
    // openapi-fetch passes FormData through and the browser sets the boundary.
    body: form as never,
    bodySerializer: () => form,
  });
}
