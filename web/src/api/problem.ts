import type { components } from './schema';

export type ProblemBody = components['schemas']['Problem'];
export type FieldIssue = components['schemas']['FieldIssue'];

/**
 * An API error as the UI sees it: the RFC 9457 body's status, stable `code` (branch on it),
 * translated `detail` (show it) and per-field `errors`. A request that never reached the
 * server has status 0 and code `network`; QueryState shows its own translated text then.
 */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: readonly FieldIssue[];
  readonly body: ProblemBody | null;

  constructor(status: number, code: string, detail: string, body: ProblemBody | null) {
    super(detail);
    this.name = 'ApiProblem';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.errors = body?.errors ?? [];
    this.body = body;
  }

  static fromResponse(response: Response, body: unknown): ApiProblem {
    if (isProblem(body)) return new ApiProblem(body.status, body.code, body.detail, body);
    return new ApiProblem(response.status, 'http_error', response.statusText, null);
  }

  static network(cause: unknown): ApiProblem {
    return new ApiProblem(0, 'network', cause instanceof Error ? cause.message : '', null);
  }
}

function isProblem(body: unknown): body is ProblemBody {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { code?: unknown }).code === 'string' &&
    typeof (body as { detail?: unknown }).detail === 'string' &&
    typeof (body as { status?: unknown }).status === 'number'
  );
}
