/** The few API calls this page makes; the server decides everything, the page shows it. */
export interface StageSummary {
  stageId: string;
  nameZh: string;
  nameEn: string;
  kind: 'open' | 'won' | 'lost';
  probability: number;
  count: number;
  amounts: { currency: string; amountMinor: number; weightedMinor: number }[];
}

export interface PipelineInfo {
  id: string;
  nameZh: string;
  nameEn: string;
  isDefault: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The server's CSRF token, from the readable cookie it set at sign-in. */
function csrfToken(): string {
  const match = /(?:^|;\s*)pw_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] ?? '';
}

async function call<T>(method: string, path: string, locale: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: {
      'accept-language': locale,
      ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken() }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    credentials: 'same-origin',
  });
  const payload: unknown = response.status === 204 ? null : await response.json();
  if (!response.ok) {
    const detail = (payload as { detail?: string } | null)?.detail ?? response.statusText;
    throw new ApiError(response.status, detail);
  }
  return payload as T;
}

export const api = {
  me: (locale: string) =>
    call<{ user: { name: string }; tenant: { name: string } }>('GET', '/api/v1/me', locale),
  signIn: (locale: string, email: string, password: string) =>
    call('POST', '/api/v1/auth/login', locale, { email, password }),
  signOut: (locale: string) => call('POST', '/api/v1/auth/logout', locale),
  pipelines: (locale: string) =>
    call<{ items: PipelineInfo[] }>('GET', '/api/v1/pipelines', locale),
  summary: (locale: string, id: string) =>
    call<{ stages: StageSummary[] }>('GET', `/api/v1/pipelines/${id}/summary`, locale),
};
