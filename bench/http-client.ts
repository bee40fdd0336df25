import { Agent, request } from 'node:http';

export interface HttpResponse {
  readonly status: number;
  /** The whole body, read to the end (parsing is left to the caller, outside timings). */
  readonly text: string;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A lean HTTP/1.1 client for load: keep-alive sockets bounded by the load's concurrency, a
 * cookie jar (so each client is one signed-in user), the readable CSRF cookie echoed in
 * X-CSRF-Token on state-changing calls as the web UI does, no retries, no redirects.
 */
export class BenchClient {
  private readonly agent: Agent;
  private readonly cookies = new Map<string, string>();
  private cookieHeader: string | null = null;

  constructor(
    private readonly baseUrl: string,
    maxSockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  send(method: string, path: string, body?: unknown): Promise<HttpResponse> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.cookieHeader) headers.cookie = this.cookieHeader;
    const csrf = this.cookies.get('pw_csrf');
    if (csrf && UNSAFE.has(method)) headers['x-csrf-token'] = csrf;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(path, this.baseUrl),
        { method, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            this.keepCookies(res.headers['set-cookie'] ?? []);
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Sends and insists on `status`; anything else aborts the benchmark with the body. */
  async expect(status: number, method: string, path: string, body?: unknown): Promise<string> {
    const response = await this.send(method, path, body);
    if (response.status !== status) {
      throw new Error(
        `${method} ${path}: expected ${status}, got ${response.status}: ${response.text.slice(0, 500)}`,
      );
    }
    return response.text;
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.expect(200, 'POST', '/api/v1/auth/login', { email, password });
    if (this.cookies.size === 0) throw new Error('sign-in answered 200 without a cookie');
  }

  private keepCookies(setCookies: readonly string[]): void {
    if (setCookies.length === 0) return;
    for (const line of setCookies) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    this.cookieHeader =
      this.cookies.size === 0
        ? null
        : [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  close(): void {
    this.agent.destroy();
  }
}
