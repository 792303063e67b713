// Drives a Cirebon case through the HTTP API the way a patient client does while something is down:
// each decision waits until the case waits for it, and is resent with the same Idempotency-Key after
// a timeout, an outage answer or a lost connection, so it is applied once whatever happened.
import { decisionPath } from '../../../api/decisionKinds';
import { cirebonWalkthrough } from '../../../api/examples';
import type { CallOptions, HttpResult } from '../../integration/support/apiHarness';

export type Call = (method: string, path: string, options?: CallOptions) => Promise<HttpResult>;

export const CIREBON_STEPS = cirebonWalkthrough;

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A call that answers with a status; a refused or dropped connection counts as 0. */
async function attempt(call: Call, method: string, path: string, options: CallOptions): Promise<HttpResult> {
  try {
    return await call(method, path, options);
  } catch {
    return { status: 0, body: null, headers: new Headers() };
  }
}

export interface DriveOptions {
  deadline: number;
  /** Runs the decisions from step `from` to step `to` (inclusive), e.g. to serialise a stretch. */
  from?: number;
  to?: number;
  /** Told each time a decision is accepted (200). */
  onAccepted?: () => void;
}

/** Until the read model says the case waits for `kind` by `role` (or has closed). */
export async function waitUntilWaitingFor(call: Call, token: string, no: string, kind: string, role: string, deadline: number): Promise<void> {
  for (;;) {
    const read = await attempt(call, 'GET', `/requests/${no}`, { token });
    const waiting = read.status === 200 ? read.body.waitingFor : undefined;
    if (waiting?.kind === kind && waiting.role === role) return;
    if (read.status === 200 && read.body.status !== 'inProgress') throw new Error(`${no} closed as ${read.body.status} while waiting for ${kind} by ${role}`);
    if (Date.now() > deadline) throw new Error(`${no} never waited for ${kind} by ${role}; last read ${read.status} ${JSON.stringify(read.body)?.slice(0, 400)}`);
    await pause(500);
  }
}

/** Sends each decision until one answer is 200; returns how many answers were not (timeouts, outages). */
export async function driveCirebonCase(call: Call, tokens: Record<string, string>, no: string, o: DriveOptions): Promise<number> {
  let retries = 0;
  const steps = CIREBON_STEPS.slice(o.from ?? 0, (o.to ?? CIREBON_STEPS.length - 1) + 1);
  for (const [index, step] of steps.entries()) {
    const token = tokens[step.role]!;
    await waitUntilWaitingFor(call, token, no, step.kind, step.role, o.deadline);
    const options = { token, body: step.body(no), headers: { 'Idempotency-Key': `fault-${no}-${(o.from ?? 0) + index}` } };
    for (;;) {
      const answer = await attempt(call, 'POST', decisionPath(no, step.kind), options);
      if (answer.status === 200) {
        o.onAccepted?.();
        break;
      }
      // 0: API down; 5xx: a service down or the worker gone (504 TIMEOUT). Anything else is a real refusal.
      if (answer.status !== 0 && answer.status < 500) throw new Error(`${step.kind} by ${step.role} on ${no} answered ${answer.status} ${JSON.stringify(answer.body)}`);
      if (Date.now() > o.deadline) throw new Error(`${step.kind} by ${step.role} on ${no} still answered ${answer.status} at the deadline`);
      retries++;
      await pause(1000);
    }
  }
  return retries;
}
