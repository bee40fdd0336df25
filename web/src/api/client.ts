import createClient from 'openapi-fetch';
import type { Middleware } from 'openapi-fetch';
import { ApiProblem } from './problem';
import type { paths } from './schema';

/**
 * The one HTTP client of the web app, typed by the server's OpenAPI document
 * (schema.d.ts, `npm run api:types`). Same-origin cookies carry the session; every
 * state-changing call echoes the `pw_csrf` cookie as X-CSRF-Token; Accept-Language follows
 * the UI language so problem details and server-rendered texts come back translated.
 */
let apiLocale = 'zh-CN';

/** Called by LocaleProvider whenever the UI language changes. */
export function setApiLocale(locale: string): void {
  apiLocale = locale;
}

function csrfToken(): string {
  const match = /(?:^|;\s*)pw_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : '';
}

const headers: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', apiLocale);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      request.headers.set('X-CSRF-Token', csrfToken());
    }
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' });
api.use(headers);

type Result<D> = { data?: D; error?: unknown; response: Response };
type DataOf<R> = R extends { data: infer D } ? D : never;

/**
 * Awaits an `api.GET/POST/…` call and returns its typed body, or throws ApiProblem.
 * `const me = await unwrap(api.GET('/api/v1/me'))`.
 */
export async function unwrap<R extends Result<unknown>>(call: Promise<R>): Promise<DataOf<R>> {
  let result: R;
  try {
    result = await call;
  } catch (cause) {
    throw ApiProblem.network(cause);
  }
  if (!result.response.ok) throw ApiProblem.fromResponse(result.response, result.error);
  return result.data as DataOf<R>;
}
