import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { $ZodIssue } from 'zod/v4/core';
import { DomainError } from '../domain/errors.js';
import type { ErrorCode, FieldIssue } from '../domain/errors.js';
import type { Locale } from '../domain/tenancy/tenant.js';
import { translate } from '../i18n/messages.js';
import { translateIssue } from '../i18n/issues.js';
import { RequestValidationError } from './validation.js';

export function statusFor(code: ErrorCode): number {
  switch (code) {
    case 'validation_failed':
    case 'invalid_cursor':
      return 400;
    case 'unauthenticated':
    case 'invalid_credentials':
      return 401;
    case 'forbidden':
    case 'csrf_failed':
      return 403;
    case 'too_many_attempts':
      return 429;
    case 'not_found':
    case 'route_not_found':
      return 404;
    case 'version_conflict':
    case 'duplicate':
    case 'has_dependents':
    case 'not_deleted':
    case 'stage_in_use':
    case 'pipeline_archived':
    case 'opportunity_closed':
    case 'quote_status':
    case 'quote_already_accepted':
    case 'quote_expired':
    case 'idempotency_in_progress':
    case 'lead_disqualified':
    case 'lead_converted':
    case 'ownership_refused':
    case 'silenced':
    case 'contact_cap_reached':
    case 'no_eligible_assignee':
    case 'pair_resolved':
    case 'pair_not_mergeable':
    case 'delivery_in_flight':
    case 'experiment_overlap':
    case 'experiment_state':
    case 'contract_exists':
    case 'payment_plan_locked':
    case 'receipt_duplicate':
    case 'allocation_conflict':
    case 'receipt_allocated':
    case 'order_state':
    case 'contract_state':
    case 'default_price_book_exists':
      return 409;
    case 'record_merged':
      return 410;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'reference_not_found':
    case 'reference_mismatch':
    case 'cycle_detected':
    case 'ownership_conflict':
    case 'stage_not_in_pipeline':
    case 'pipeline_invalid':
    case 'splits_invalid':
    case 'backward_move_needs_reason':
    case 'currency_mismatch':
    case 'invalid_range':
    case 'idempotency_key_reused':
    case 'lead_status_not_allowed':
    case 'bant_incomplete':
    case 'disqualify_reason_required':
    case 'gate_failed':
    case 'review_required':
    case 'discount_approval_required':
    case 'delegation_to_self':
    case 'delegation_cycle':
    case 'current_password_incorrect':
    case 'transfer_target_required':
    case 'contract_requires_won_deal':
    case 'payment_plan_invalid':
    case 'recognition_exceeds_amount':
    case 'product_not_in_price_book':
    case 'product_inactive':
    case 'price_book_inactive':
    case 'volume_tiers_invalid':
      return 422;
    case 'internal_error':
      return 500;
  }
}

const locales: Record<Locale, { zod: ReturnType<typeof z.locales.en> }> = {
  en: { zod: z.locales.en() },
  'zh-CN': { zod: z.locales.zhCN() },
};

function zodIssue(issue: $ZodIssue, context: string | undefined, locale: Locale): FieldIssue {
  // Body fields are named plainly, as the domain names them; query and path fields get a prefix.
  const prefix = context === 'querystring' ? 'query' : context === 'body' ? undefined : context;
  const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('/');
  const message = locales[locale].zod.localeError(
    issue as Parameters<ReturnType<typeof z.locales.en>['localeError']>[0],
  );
  const text = typeof message === 'string' ? message : (message?.message ?? issue.message);
  return { path, code: issue.code, message: text };
}

/** One `errors[]` item: what the client may see of a FieldIssue, with its file position if any. */
function problemIssue({ path, code, message, line, column }: FieldIssue) {
  return {
    path,
    code,
    message,
    ...(line !== undefined ? { line } : {}),
    ...(column !== undefined ? { column } : {}),
  };
}

export function problemBody(
  request: FastifyRequest,
  code: ErrorCode,
  detail: string,
  errors: readonly FieldIssue[] = [],
  details: Readonly<Record<string, unknown>> = {},
) {
  const status = statusFor(code);
  return {
    type: `https://pipewright.dev/problems/${code.replaceAll('_', '-')}`,
    title: code.charAt(0).toUpperCase() + code.slice(1).replaceAll('_', ' '),
    status,
    code,
    detail,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: request.id,
    ...(errors.length > 0 ? { errors: errors.map(problemIssue) } : {}),
    ...details,
  };
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  params: Record<string, string | number> = {},
  errors: readonly FieldIssue[] = [],
  details: Readonly<Record<string, unknown>> = {},
): FastifyReply {
  const body = problemBody(request, code, translate(code, request.locale, params), errors, details);
  // RFC 9110: tell a throttled client when it may try again.
  if (code === 'too_many_attempts' && params.retryAfter !== undefined) {
    void reply.header('retry-after', String(params.retryAfter));
  }
  return reply.code(body.status).type('application/problem+json').send(body);
}

/** Fastify's own 4xx errors, by their codes, in our vocabulary. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'validation_failed',
  FST_ERR_CTP_INVALID_JSON_BODY: 'validation_failed',
};

/**
 * The one place errors become responses: every failure leaves as RFC 9457 problem+json
 * with a stable code and a translated message, and nothing internal (stack, SQL) leaks.
 */
export function handleError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof RequestValidationError) {
    const issues = error.issues.map((issue) =>
      zodIssue(issue, error.validationContext, request.locale),
    );
    return sendProblem(request, reply, 'validation_failed', {}, issues);
  }
  if (error instanceof DomainError) {
    const issues = error.issues.map((issue) => ({
      ...issue,
      message: translateIssue(issue, request.locale),
    }));
    return sendProblem(request, reply, error.code, error.params, issues, error.details);
  }
  const fastifyError = error as FastifyError;
  const mapped = fastifyError.code ? fastifyCodes[fastifyError.code] : undefined;
  if (mapped) return sendProblem(request, reply, mapped);
  if (
    fastifyError.statusCode !== undefined &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    if (fastifyError.statusCode === 404) return sendProblem(request, reply, 'route_not_found');
    return sendProblem(request, reply, 'validation_failed', {}, [
      { path: '', code: fastifyError.code ?? 'bad_request', message: fastifyError.message },
    ]);
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(request, reply, 'internal_error');
}
