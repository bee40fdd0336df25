/**
 * A small HTTP client for the API suites: real requests over the loopback, with a cookie
 * jar of one (the session), so each client is one signed-in user.
 */
export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export interface RequestOptions {
  readonly headers?: Record<string, string>;
  /** Sent as-is (for malformed-body tests) instead of JSON-encoding `body`. */
  readonly rawBody?: string;
  /** A multipart form (file uploads); fetch sets the content type and boundary. */
  readonly form?: FormData;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class ApiClient {
  /** The cookie jar: name → value, as a browser would keep them for this origin. */
  private readonly cookies = new Map<string, string>();
  /** Set for token-authenticated clients (integrations) instead of a session. */
  bearer: string | null = null;

  constructor(
    readonly baseUrl: string,
    private readonly locale = 'en',
  ) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { 'accept-language': this.locale };
    if (this.cookies.size > 0)
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    // Like the web UI: echo the readable CSRF cookie on state-changing calls.
    const csrf = this.cookies.get('pw_csrf');
    if (csrf && UNSAFE.has(method)) headers['x-csrf-token'] = csrf;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    Object.assign(headers, options.headers);
    let payload: string | FormData | undefined = options.form ?? options.rawBody;
    if (payload === undefined && body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    const parsed: unknown = text && type.includes('json') ? JSON.parse(text) : text;
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = unknown>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, undefined, options);
  }
  post<T = unknown>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('POST', path, body, options);
  }
  patch<T = unknown>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PATCH', path, body, options);
  }
  put<T = unknown>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PUT', path, body, options);
  }
  delete<T = unknown>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, undefined, options);
  }

  /** Uploads one file as multipart/form-data field `file`. */
  upload<T = unknown>(
    path: string,
    fileName: string,
    content: string | Uint8Array,
    headers?: Record<string, string>,
  ) {
    const form = new FormData();
    form.append('file', new Blob([content]), fileName);
    return this.request<T>('POST', path, undefined, { form, ...(headers ? { headers } : {}) });
  }

  /** Uploads one file (field `file`) with text fields, e.g. an import and its mapping. */
  uploadWith<T = unknown>(
    path: string,
    file: { name: string; content: string | Uint8Array },
    fields: Record<string, string> = {},
    headers?: Record<string, string>,
  ) {
    return this.request<T>('POST', path, undefined, {
      form: importForm(file, fields),
      ...(headers ? { headers } : {}),
    });
  }

  async signIn(email: string, password: string): Promise<this> {
    const response = await this.post('/api/v1/auth/login', { email, password });
    if (response.status !== 200)
      throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
    return this;
  }
}

/** A multipart form with text fields first and the file last. */
export function importForm(
  file: { name: string; content: string | Uint8Array },
  fields: Record<string, string> = {},
): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([file.content]), file.name);
  return form;
}

/** The value of a cookie a client holds (for tests that replay or tamper with it). */
export function cookieOf(client: ApiClient, name: string): string | undefined {
  return (client as unknown as { cookies: Map<string, string> }).cookies.get(name);
}
