// The API on the real stack for HTTP tests: a worker in this process on its own task queue (the
// prebuilt workflow bundle), the Temporal dev server, FerretDB (one database per test file) and
// MailDev; the API listens on a free port and is called with fetch, as a client would.
import type { Client } from '@temporalio/client';
import mongoose from 'mongoose';
import { randomInt, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { seedDemoInventory } from '../../../activities/capacityInventory';
import { issueApiToken } from '../../../api/apiTokens/apiTokens';
import { ApiDeps, createApp } from '../../../api/app';
import { numberPrefix } from '../../../api/cases/procedures';
import { yearIn } from '../../../api/cases/requestNumbers';
import { serveApi } from '../../../api/server';
import type { OidcSettings } from '../../../shared/config';
import { Counter } from '../../../shared/db/counter';
import { User, UserRole, userRoles } from '../../../shared/db/user';
import { getProfile } from '../../../shared/profile/registry';
import { DevServerWorkerOptions, startDevServerWorker } from '../../support/devServerWorker';

// Response bodies are JSON checked with expect(); typing each one would only repeat the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface HttpResult<T = Json> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, for malformed JSON. */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Who the tests call as: every role, plus an applicant of another unit. */
export type TestUser = UserRole | 'otherApplicant';

export interface ApiHarness {
  /** Where the API listens; also its public address (API_PUBLIC_URL), which sign-in links point at. */
  baseUrl: string;
  client: Client;
  taskQueue: string;
  /** The deployment's SOP profile (cirebon unless the test asks for another). */
  profileId: string;
  applicantUnit: string;
  tokens: Record<TestUser, string>;
  /** The id and email of each seeded user. */
  users: Record<TestUser, { id: string; email: string }>;
  call<T = Json>(method: string, path: string, options?: CallOptions): Promise<HttpResult<T>>;
  /** Calls as a user by name. */
  as(user: TestUser): <T = Json>(method: string, path: string, options?: Omit<CallOptions, 'token'>) => Promise<HttpResult<T>>;
  close(): Promise<void>;
}

export const OTHER_UNIT = 'Dinas Pendidikan';

export function staffEmail(role: string, databaseName: string): string {
  return `${role.toLowerCase()}.${databaseName}@kominfo.test`;
}

export function testUserId(user: TestUser, databaseName: string): string {
  return `${databaseName}-${user}`;
}

async function seedUsers(databaseName: string, applicantUnit: string): Promise<Record<TestUser, string>> {
  const tokens = {} as Record<TestUser, string>;
  const users: { name: TestUser; role: UserRole; unitName?: string }[] = [
    ...userRoles.map((role) => ({ name: role, role, unitName: role === 'applicant' ? applicantUnit : undefined })),
    { name: 'otherApplicant', role: 'applicant', unitName: OTHER_UNIT },
  ];
  for (const u of users) {
    const token = `test-${u.name}-${randomUUID()}`;
    tokens[u.name] = token;
    const id = testUserId(u.name, databaseName);
    await User.create({ _id: id, name: `Uji ${u.name}`, email: staffEmail(u.name, databaseName), role: u.role, unitName: u.unitName, active: true, createdAt: new Date() });
    await issueApiToken({ userId: id, name: 'uji', expiresInDays: 30, token });
  }
  return tokens;
}

export async function startApiHarness(
  databaseName: string,
  options: { applicantUnit?: string; seedUsers?: boolean; smtpUrl?: string; profileId?: string; workerDeps?: DevServerWorkerOptions['deps']; oidc?: OidcSettings } = {},
): Promise<ApiHarness> {
  const applicantUnit = options.applicantUnit ?? 'Dinas Kesehatan';
  const profile = getProfile(options.profileId ?? 'cirebon');
  const w = await startDevServerWorker(databaseName, { smtpUrl: options.smtpUrl, deps: options.workerDeps });
  await mongoose.connection.dropDatabase();
  await seedDemoInventory();
  // Every test file has its own database but all share one Temporal server, where a request
  // number is a workflow id: start each file's numbering somewhere else.
  for (const procedure of profile.procedures) {
    await Counter.create({ _id: `${numberPrefix(profile, procedure)}-${yearIn(profile.timeZone, Date.now())}`, seq: randomInt(1000, 9000) * 100 });
  }
  const tokens = options.seedUsers === false ? ({} as Record<TestUser, string>) : await seedUsers(databaseName, applicantUnit);
  const { client, taskQueue, mailer } = w;

  const deps: ApiDeps = { temporal: client, taskQueue, profileId: profile.id, mailer, oidc: options.oidc, log: () => undefined };
  const server: Server = await serveApi(createApp(deps), 0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Known once it listens on its free port; the routes read deps on each request.
  deps.publicUrl = baseUrl;

  const call = httpCaller(baseUrl);

  return {
    baseUrl,
    client,
    taskQueue,
    profileId: profile.id,
    applicantUnit,
    tokens,
    users: Object.fromEntries(Object.keys(tokens).map((user) => [user, { id: testUserId(user as TestUser, databaseName), email: staffEmail(user, databaseName) }])) as ApiHarness['users'],
    call,
    as: (user) => (method, path, o = {}) => call(method, path, { ...o, token: tokens[user] }),
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await w.close();
    },
  };
}

/** Calls an API at `baseUrl` as a client would: JSON in and out, a bearer token if given. */
export function httpCaller(baseUrl: string) {
  return async function call<T = Json>(method: string, path: string, o: CallOptions = {}): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined;
    if (o.rawBody !== undefined || o.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = o.rawBody ?? JSON.stringify(o.body);
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    return { status: response.status, body: (isJson && text ? JSON.parse(text) : text) as T, headers: response.headers };
  };
}

/** Polls until `read()` gives a value `done` accepts; the read model trails the workflow by a moment. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last).slice(0, 1500)}`);
    await new Promise((r) => setTimeout(r, 150));
    last = await read();
  }
  return last;
}

/**
 * Submits a request as the applicant: the answer comes once the case waits for its first decision
 * (a disposition, in every procedure of every profile), so it can be sent at once.
 */
export async function submitAndWaitForFirstDecision(h: ApiHarness, body: unknown, token = h.tokens.applicant, path = '/requests'): Promise<string> {
  const submitted = await h.call('POST', path, { token, body });
  if (submitted.status !== 201) throw new Error(`submit answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
  if (submitted.body.waitingFor?.kind !== 'disposition') throw new Error(`submit answered before the first decision was due: ${JSON.stringify(submitted.body)}`);
  return submitted.body.requestNumber as string;
}
