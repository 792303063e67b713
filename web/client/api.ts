// The web app speaks only the public HTTP API, as any integration does: same paths, same error shape.
// It is signed in by the session cookie; every call that changes something carries the CSRF token.

export interface WaitingFor {
  stepId: string;
  sopStep: string;
  action: string;
  role: string;
  roleTitle: string;
}

/** An API refusal as people read it: its message, and one message per wrong field. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly waitingFor?: WaitingFor | null,
  ) {
    super(message);
  }
}

let csrfToken: string | undefined;

export function useCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

const UNREACHABLE = 'Server tidak dapat dihubungi. Periksa jaringan, lalu coba lagi.';

export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { Accept: 'application/json', ...headers } };
  if (method !== 'GET' && csrfToken) (init.headers as Record<string, string>)['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) {
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiFailure(0, 'UNREACHABLE', UNREACHABLE);
  }
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const error = (json as { error?: { code?: string; message?: string; fields?: Record<string, string>; waitingFor?: WaitingFor | null } } | null)?.error;
    throw new ApiFailure(res.status, error?.code ?? 'HTTP_' + res.status, error?.message ?? `Permintaan gagal (HTTP ${res.status}).`, error?.fields, error?.waitingFor);
  }
  return json as T;
}

/** A key per thing a person means to send once: a double click or a retry after a network error sends the same key. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
