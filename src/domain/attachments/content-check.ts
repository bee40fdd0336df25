/**
 * What may be uploaded: office documents, PDFs, images and plain text, each recognised by
 * its leading bytes rather than by the name or the content type the client claims, so a
 * renamed executable is refused.
 */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export const attachmentTypes = [
  'proposal',
  'quote',
  'contract',
  'questionnaire',
  'presentation',
  'other',
] as const;
export type AttachmentType = (typeof attachmentTypes)[number];

interface Format {
  readonly contentType: string;
  readonly extensions: readonly string[];
  readonly magic: (bytes: Buffer) => boolean;
}

const startsWith = (bytes: Buffer, signature: readonly number[]) =>
  signature.every((byte, i) => bytes[i] === byte);
const zip = (bytes: Buffer) => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);

const formats: readonly Format[] = [
  {
    contentType: 'application/pdf',
    extensions: ['pdf'],
    magic: (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]),
  },
  {
    contentType: 'image/png',
    extensions: ['png'],
    magic: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47]),
  },
  {
    contentType: 'image/jpeg',
    extensions: ['jpg', 'jpeg'],
    magic: (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    magic: zip,
  },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    magic: zip,
  },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
    magic: zip,
  },
  { contentType: 'text/plain', extensions: ['txt', 'md', 'csv'], magic: (b) => isText(b) },
];

function isText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export type ContentCheck =
  | { ok: true; contentType: string }
  | { ok: false; code: 'too_large' | 'empty' | 'unsupported_type' };

/** The content type we store and serve, decided from the name's extension and the bytes. */
export function checkContent(fileName: string, bytes: Buffer): ContentCheck {
  if (bytes.length === 0) return { ok: false, code: 'empty' };
  if (bytes.length > MAX_ATTACHMENT_BYTES) return { ok: false, code: 'too_large' };
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  const format = formats.find((candidate) => candidate.extensions.includes(extension));
  if (!format || !format.magic(bytes)) return { ok: false, code: 'unsupported_type' };
  return { ok: true, contentType: format.contentType };
}
