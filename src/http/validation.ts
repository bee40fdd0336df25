import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { safeParse } from 'zod';
import type { $ZodIssue } from 'zod/v4/core';

/**
 * A request that does not match its schema. Keeps Zod's raw issues (with the offending
 * input) so the error handler can phrase them in the caller's language, then drops the
 * input before anything is sent back.
 */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  validationContext?: string;
  constructor(readonly issues: readonly $ZodIssue[]) {
    super('request validation failed');
    this.name = 'RequestValidationError';
  }
}

export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = safeParse(schema, data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(result.error.issues) };
  };
