// (b) One Cirebon case through the HTTP API, from submission to go-live, each decision by its
// role's token in the SOP's order (the README's curl walk-through), and the data it needs.
import { decisionSegments } from '../../api/decisionKinds';
import { cirebonWalkthrough, exampleSubmission } from '../../api/examples';
import type { ApiCall, Json } from './http';

export type Tokens = Record<string, string>;

export const DECISIONS_PER_CASE = cirebonWalkthrough.length;

/** A submission needing one rack unit (so the inventory the benchmark adds fits every case). */
export function benchSubmission(i: number): Json {
  return { ...exampleSubmission, form: { ...exampleSubmission.form, domain: `app${i}.dinkes.example.go.id` }, needs: { ...exampleSubmission.needs, rackUnits: 1 } };
}

export async function submitCase(call: ApiCall, tokens: Tokens, key: string, i: number): Promise<string | null> {
  const r = await call('POST', '/requests', 'POST /requests', { token: tokens.applicant!, body: benchSubmission(i), idempotencyKey: key });
  return r.status === 201 || r.status === 200 ? (r.body.requestNumber as string) : null;
}

/** Reads the case until it waits for `kind` (or has ended); bounded, like every loop here. */
async function waitFor(call: ApiCall, tokens: Tokens, no: string, kind: string): Promise<Json> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const r = await call('GET', `/requests/${no}`, 'GET /requests/{no}', { token: tokens.applicant! });
    if (r.status === 200 && (r.body.waitingFor?.kind === kind || r.body.status !== 'inProgress')) return r.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

/** Drives a submitted case to its end; returns its final status ('completed' when all went well). */
export async function driveCase(call: ApiCall, tokens: Tokens, no: string, runId: string): Promise<string> {
  let waiting: Json = (await waitFor(call, tokens, no, 'disposition'))?.waitingFor;
  for (const [index, d] of cirebonWalkthrough.entries()) {
    const segment = decisionSegments[d.kind];
    if (waiting?.kind !== d.kind || waiting?.role !== d.role) {
      const read = await waitFor(call, tokens, no, d.kind);
      if (!read || read.status !== 'inProgress') return read?.status ?? 'lost';
    }
    let answer = null;
    // A failed call is counted; the same Idempotency-Key makes the resend safe.
    for (let attempt = 0; attempt < 3 && answer?.status !== 200; attempt += 1) {
      answer = await call('POST', `/requests/${no}/decisions/${segment}`, `POST decisions/${segment}`, { token: tokens[d.role]!, body: d.body(no), idempotencyKey: `${runId}-${no}-${index}` });
    }
    if (answer?.status !== 200) return `failed at ${segment} (${answer?.status})`;
    waiting = answer.body.case?.waitingFor;
    if (answer.body.case?.status !== 'inProgress') return answer.body.case?.status as string;
  }
  return (await waitFor(call, tokens, no, 'none'))?.status ?? 'lost';
}

/** Room for `cases` more cases of one rack unit each: racks, pools and IP addresses, by the admin API. */
export async function addInventory(call: ApiCall, adminToken: string, cases: number, runId: string): Promise<void> {
  const racks = Math.ceil(cases / 40) + 1;
  for (let r = 0; r < racks; r += 1) {
    await call('PUT', `/capacity/racks/B${runId.slice(0, 6)}-${r}`, 'admin', { token: adminToken, body: { name: `Rak bench ${r}`, noc: 'NOC bench', location: 'Ruang Server', totalUnits: 42 } });
  }
  for (const kind of ['power', 'ups', 'genset', 'bandwidth']) {
    await call('PUT', `/capacity/pools/${kind}`, 'admin', { token: adminToken, body: { total: 100_000_000 } });
  }
  for (let block = 0; block * 100 < cases + 100; block += 1) {
    const [a, b] = [30 + Math.floor(block / 2), (block % 2) * 100 + 1];
    await call('POST', '/capacity/ip-addresses', 'admin', { token: adminToken, body: { addresses: `10.${a}.0.${b}-10.${a}.0.${b + 99}` } });
  }
}
