// The benchmark's HTTP client: every call timed under an endpoint name, failures counted.
import { Latencies } from './stats';

// Answers are JSON read field by field; typing each one would only repeat the API's schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Answer {
  status: number;
  body: Json;
}

export interface CallOptions {
  token: string;
  body?: unknown;
  idempotencyKey?: string;
  /** Statuses that are an expected answer, not a failure (besides 2xx). */
  expected?: number[];
}

export function apiClient(baseUrl: string, latencies: Latencies) {
  return async function call(method: string, path: string, endpoint: string, o: CallOptions): Promise<Answer> {
    const headers: Record<string, string> = { authorization: `Bearer ${o.token}` };
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey;
    const started = performance.now();
    try {
      const response = await fetch(`${baseUrl}${path}`, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body), signal: AbortSignal.timeout(120_000) });
      const text = await response.text();
      const ok = response.ok || (o.expected ?? []).includes(response.status);
      latencies.record(endpoint, performance.now() - started, ok, `${response.status} ${text}`);
      return { status: response.status, body: text ? JSON.parse(text) : null };
    } catch (error) {
      latencies.record(endpoint, performance.now() - started, false, String(error));
      return { status: 0, body: null };
    }
  };
}

export type ApiCall = ReturnType<typeof apiClient>;
