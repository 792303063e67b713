// The API when what it depends on is not there: no worker polling, Temporal unreachable, MongoDB
// killed. It answers fast and honestly — 201 without a first step when no worker runs (the
// Update-with-Start that waits for it gives up at the API's Temporal deadline), 503
// SERVICE_UNAVAILABLE with Retry-After when a service is down — and /health tells the public only
// which component is down, an admin also why. This file runs its own FerretDB, so killing it
// touches no other test.
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSmtpMailer, Mailer } from '../../activities/mailer';
import { createApp } from '../../api/app';
import { TEMPORAL_CALL_MS } from '../../api/cases/temporalDeadline';
import { serveApi } from '../../api/server';
import { apiConnectionOptions } from '../../api/temporalConnection';
import { issueApiToken } from '../../api/apiTokens/apiTokens';
import { dataConverterFromEnv } from '../../shared/dataConverter';
import { connectMongo, disconnectMongo } from '../../shared/db/connect';
import { User, UserRole } from '../../shared/db/user';
import { sopCaseWorkflowId } from '../../shared/contracts/sopCase';
import { freePort, Service, startFerretDB } from '../../scripts/stack';
import { provisionFerretDB } from '../../scripts/tools';
import { aSubmissionFrom } from '../fixtures/submission';

const UNIT = 'Dinas Uji Gangguan';
let ferret: Service;
let temporal: Client;
let temporalConnection: Connection;
let mailer: Mailer;
const tokens = {} as Record<UserRole, string>;
const servers: Server[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kolokasi-outage-'));
  const port = await freePort();
  ferret = await startFerretDB({ binary: await provisionFerretDB(), port, dataDir: join(dir, 'ferretdb'), logDir: join(dir, 'logs') });
  await connectMongo(`mongodb://127.0.0.1:${port}/kolokasi_outage`);
  for (const role of ['applicant', 'kabid', 'kasi', 'admin'] as const) {
    tokens[role] = `test-${role}-${randomUUID()}`;
    await User.create({ _id: `outage-${role}`, name: `Uji ${role}`, email: `${role}@outage.test`, role, unitName: role === 'applicant' ? UNIT : undefined, active: true, createdAt: new Date() });
    await issueApiToken({ userId: `outage-${role}`, name: 'uji', expiresInDays: 30, token: tokens[role] });
  }
  temporalConnection = await Connection.connect(apiConnectionOptions(process.env.TEMPORAL_ADDRESS!));
  temporal = new Client({ connection: temporalConnection, dataConverter: dataConverterFromEnv() });
  mailer = createSmtpMailer(process.env.SMTP_URL!, 'Kolokasi <kolokasi@test.local>');
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  mailer?.close();
  await temporalConnection?.close();
  await disconnectMongo().catch(() => undefined);
  await ferret?.stop();
});

// Response bodies are JSON checked with expect(), as in the harness.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { status: number; body: any; headers: Headers; ms: number };

/** An API on its own port, with the given Temporal client and a task queue no worker polls. */
async function apiWith(client: Client): Promise<(method: string, path: string, o?: { token?: string; body?: unknown }) => Promise<Answer>> {
  const server = await serveApi(createApp({ temporal: client, mailer, taskQueue: `nobody-${randomUUID()}`, profileId: 'cirebon', log: () => undefined }), 0, '127.0.0.1');
  servers.push(server);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return async (method, path, o = {}) => {
    const started = Date.now();
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(o.token ? { authorization: `Bearer ${o.token}` } : {}) };
    const response = await fetch(`${base}${path}`, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : text, headers: response.headers, ms: Date.now() - started };
  };
}

const submission = () => aSubmissionFrom(UNIT);

test('with no worker running, a submission answers 201 inProgress without a first step, and does not hang', async () => {
  const api = await apiWith(temporal);
  const submitted = await api('POST', '/requests', { token: tokens.applicant, body: submission() });
  console.log(`[outage] no worker: POST /requests answered ${submitted.status} in ${submitted.ms} ms`);
  try {
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'inProgress', requestNumber: expect.any(String), waitingFor: null });
    expect(submitted.ms).toBeLessThan(TEMPORAL_CALL_MS + 3_000);
    const read = await api('GET', `/requests/${submitted.body.requestNumber}`, { token: tokens.applicant });
    console.log(`[outage] no worker: GET /requests/{no} answered ${read.status} in ${read.ms} ms`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'inProgress', currentStep: null, waitingFor: null });
  } finally {
    if (submitted.body.requestNumber) await temporal.workflow.getHandle(sopCaseWorkflowId('colocation', submitted.body.requestNumber)).terminate('test cleanup').catch(() => undefined);
  }
}, 25_000);

describe('with Temporal unreachable', () => {
  let api: Awaited<ReturnType<typeof apiWith>>;
  beforeAll(async () => {
    // Nothing listens on this port: every call is refused, as when the server is down.
    const deadPort = await freePort();
    api = await apiWith(new Client({ connection: Connection.lazy(apiConnectionOptions(`127.0.0.1:${deadPort}`)), dataConverter: dataConverterFromEnv() }));
  });

  test('a submission and a read answer 503 SERVICE_UNAVAILABLE with Retry-After', async () => {
    const submitted = await api('POST', '/requests', { token: tokens.applicant, body: submission() });
    const read = await api('GET', '/requests/CRB-2026-0042', { token: tokens.kabid });
    const decided = await api('POST', '/requests/CRB-2026-0042/decisions/disposition', { token: tokens.kabid, body: {} });
    console.log(`[outage] Temporal down: POST /requests ${submitted.status} in ${submitted.ms} ms, GET ${read.status} in ${read.ms} ms, decision ${decided.status} in ${decided.ms} ms`);
    for (const answer of [submitted, read, decided]) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(answer.body).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) } });
    }
  }, 60_000);

  test('/health shows the public which component is down, and only an admin why', async () => {
    const publicAnswer = await api('GET', '/health');
    expect(publicAnswer.status).toBe(503);
    expect(publicAnswer.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(publicAnswer.body).toEqual({ status: 'degraded', checks: { temporal: { ok: false }, mongodb: { ok: true }, smtp: { ok: true } } });
    const staff = await api('GET', '/health', { token: tokens.kabid });
    expect(staff.body.checks.temporal).toEqual({ ok: false });
    const admin = await api('GET', '/health', { token: tokens.admin });
    expect(admin.body.checks.temporal).toEqual({ ok: false, error: expect.any(String) });
  });
});

test('with MongoDB killed, calls answer 503 SERVICE_UNAVAILABLE with Retry-After', async () => {
  const api = await apiWith(temporal);
  expect((await api('GET', '/me', { token: tokens.kabid })).status).toBe(200);
  ferret.process.kill('SIGKILL');
  await new Promise((r) => ferret.process.once('exit', r));

  // A token first seen now cannot be checked; Kabid's, checked a moment ago, is still known, but
  // the case he reads is in the store.
  const me = await api('GET', '/me', { token: tokens.kasi });
  const read = await api('GET', '/requests/CRB-2026-0042', { token: tokens.kabid });
  const health = await api('GET', '/health');
  console.log(`[outage] MongoDB killed: GET /me ${me.status} in ${me.ms} ms, GET /requests/{no} ${read.status} in ${read.ms} ms, GET /health ${health.status} in ${health.ms} ms`);
  for (const answer of [me, read]) {
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(answer.body).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) } });
  }
  expect(health.status).toBe(503);
  expect(health.body).toEqual({ status: 'degraded', checks: { temporal: { ok: true }, mongodb: { ok: false }, smtp: { ok: true } } });
}, 60_000);
