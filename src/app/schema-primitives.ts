import { z } from 'zod';

/**
 * The smallest shared building blocks of request and file schemas. They live in the app
 * layer because pipeline files are validated here as well as in the HTTP shell.
 */

/** Ids are UUIDs (v7 for the ones we mint); anything else is a malformed request. */
export const Id = z.uuid().describe('Record id (UUID)');

/** Short single-line text: trimmed, never empty, bounded so no one stores a novel in a name. */
export const Name = z.string().trim().min(1).max(200);
