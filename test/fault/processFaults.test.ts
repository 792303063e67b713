// Faults on a private Kolokasi whose worker and API are real child processes: kill -9 of the worker
// in the middle of a burst of decisions, the store (FerretDB) killed and started again, the Temporal
// dev server killed and started again on its SQLite file. After each: every case goes on to the end,
// each email arrives once, and no rack unit or address is held twice. Each test prints what it measured.
import { Client, Connection } from '@temporalio/client';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataConverterFromEnv } from '../../shared/dataConverter';
import { seedDemoInventory } from '../../activities/capacityInventory';
import { createDemoUsers } from '../../scripts/demoUsers';
import { connectMongo, disconnectMongo } from '../../shared/db/connect';
import { getProfile } from '../../shared/profile/registry';
import { sopCaseWorkflowId } from '../../shared/contracts/sopCase';
import { aSubmission } from '../fixtures/submission';
import { eventually, httpCaller } from '../integration/support/apiHarness';
import { listEmails, waitForEmails } from '../support/mailbox';
import { Call, CIREBON_STEPS, driveCirebonCase } from './support/cirebonCase';
import { checkBookings, countEmails } from './support/invariants';
import { ProcessStack, startProcessStack } from '../../scripts/processStack';
import { FERRETDB_ENV, GO_SERVICE_ENV } from '../../scripts/stack';

// Until another change shortens the activities' timeouts, an activity cut off by a kill is retried
// only after its 2-minute start-to-close timeout: the deadlines leave room for two of those.
const CASE_DEADLINE_MS = 6 * 60_000;
jest.setTimeout(20 * 60_000);

let stack: ProcessStack;
let call: Call;
let tokens: Record<string, string>;
let temporal: Client;
let temporalConnection: Connection;

beforeAll(async () => {
  stack = await startProcessStack('faults');
  await connectMongo(stack.env.MONGODB_URI);
  tokens = Object.fromEntries((await createDemoUsers(getProfile('cirebon'))).map((u) => [u.role, u.token]));
  await seedDemoInventory();
  await Promise.all([stack.start('worker'), stack.start('api')]);
  call = httpCaller(stack.apiUrl);
  temporalConnection = await Connection.connect({ address: stack.env.TEMPORAL_ADDRESS });
  temporal = new Client({ connection: temporalConnection, dataConverter: dataConverterFromEnv() });
});

afterAll(async () => {
  await temporalConnection?.close();
  await disconnectMongo();
  await stack?.close();
});

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function submit(subject: string): Promise<string> {
  const body = aSubmission();
  body.letter.subject = subject;
  // A submission can meet an outage too: resent with its key, it is still one request.
  const headers = { 'Idempotency-Key': `fault-submit-${subject.replace(/\W+/g, '-')}` };
  const deadline = Date.now() + CASE_DEADLINE_MS;
  for (;;) {
    const answer = await call('POST', '/requests', { token: tokens.applicant, body, headers }).catch(() => ({ status: 0, body: null }));
    if (answer.status === 201) return answer.body.requestNumber;
    if ((answer.status !== 0 && answer.status < 500) || Date.now() > deadline) throw new Error(`submission answered ${answer.status} ${JSON.stringify(answer.body)}`);
    await pause(1000);
  }
}

async function completed(no: string): Promise<void> {
  await eventually(() => call('GET', `/requests/${no}`, { token: tokens.applicant }).catch(() => ({ status: 0, body: null })), (r) => r.body?.status === 'completed', `${no} to complete`, CASE_DEADLINE_MS);
}

const goLiveSubject = (no: string): string => `[${no}] Server dan hosting aplikasi sudah dapat diakses`;

/** The invariants every test ends with; returns a summary for its line. */
async function expectNothingDoubled(numbers: string[]): Promise<string> {
  // The outbox dispatcher sends shortly after the case commits: wait for every go-live email first.
  const goLive = new Set(numbers.map(goLiveSubject));
  await waitForEmails((e) => goLive.has(e.subject), numbers.length, 60_000, stack.mailApiUrl);
  const emails = await countEmails(stack.mailApiUrl);
  expect(emails.duplicated).toEqual([]);
  const received = await listEmails(stack.mailApiUrl);
  for (const no of numbers) expect(received.filter((e) => e.subject === goLiveSubject(no))).toHaveLength(1);
  const bookings = await checkBookings();
  expect(bookings.doubleBooked).toEqual([]);
  return `${emails.total} emails, none twice; ${bookings.holding} reservations, no unit or address held twice`;
}

test('a worker killed with kill -9 during a burst of decisions: every case completes, each email once, no double booking', async () => {
  const N = 6;
  const numbers = await Promise.all(Array.from({ length: N }, (_, i) => submit(`Uji kill worker ${i + 1}`)));
  const deadline = Date.now() + CASE_DEADLINE_MS;
  let accepted = 0;
  let burstUnderWay!: () => void;
  const killTime = new Promise<void>((r) => (burstUnderWay = r));
  const onAccepted = (): void => {
    if (++accepted === N + 2) burstUnderWay();
  };
  const driving = numbers.map((no) => driveCirebonCase(call, tokens, no, { deadline, onAccepted }));

  await killTime;
  const killAt = Date.now();
  const back = stack.restarted('worker');
  const pidBefore = stack.pid('worker');
  await stack.kill('worker');
  await back;
  const workerBackMs = Date.now() - killAt;
  expect(stack.pid('worker')).not.toBe(pidBefore);
  const resends = (await Promise.all(driving)).reduce((a, b) => a + b, 0);
  await Promise.all(numbers.map(completed));
  const allDoneMs = Date.now() - killAt;

  const summary = await expectNothingDoubled(numbers);
  console.log(`worker kill -9 after ${N + 2} of ${N * CIREBON_STEPS.length} decisions: a new worker polled after ${seconds(workerBackMs)}, all ${N} cases completed ${seconds(allDoneMs)} after the kill (${resends} decision resends); ${summary}`);
});

test('the store (FerretDB) killed mid-run and started again on its data: cases go on, nothing is lost', async () => {
  const numbers = await Promise.all([submit('Uji store 1'), submit('Uji store 2')]);
  const deadline = Date.now() + CASE_DEADLINE_MS;
  let accepted = 0;
  let reachedTwo!: () => void;
  const twoAccepted = new Promise<void>((r) => (reachedTwo = r));
  const driving = numbers.map((no) => driveCirebonCase(call, tokens, no, { deadline, onAccepted: () => ++accepted === 2 && reachedTwo() }));

  await twoAccepted;
  const killAt = Date.now();
  await stack.kill('ferretdb');
  await pause(5000);
  await stack.start('ferretdb');
  const storeBackMs = Date.now() - killAt;
  const resends = (await Promise.all(driving)).reduce((a, b) => a + b, 0);
  await Promise.all(numbers.map(completed));
  const allDoneMs = Date.now() - killAt;

  for (const no of numbers) {
    const record = await call('GET', `/requests/${no}`, { token: tokens.applicant });
    expect(record.body.timeline.map((d: { kind: string }) => d.kind)).toEqual(CIREBON_STEPS.map((s) => s.kind));
    const assets = await call('GET', `/assets?requestNumber=${no}`, { token: tokens.applicant });
    expect(assets.body.items).toHaveLength(1);
  }
  const summary = await expectNothingDoubled(numbers);
  console.log(`FerretDB kill -9 after 2 decisions, down ${seconds(storeBackMs)} until it listened again: both cases completed ${seconds(allDoneMs)} after the kill with every decision, record and asset (${resends} decision resends); ${summary}`);
});

/** Timers the workflow started that have neither fired nor been cancelled: its SLA deadlines. */
async function pendingTimers(no: string): Promise<string[]> {
  const history = await temporal.workflow.getHandle(sopCaseWorkflowId('colocation', no)).fetchHistory();
  const started = new Set<string>();
  for (const event of history.events ?? []) {
    const id = event.timerStartedEventAttributes?.timerId;
    if (id) started.add(id);
    const ended = event.timerFiredEventAttributes?.timerId ?? event.timerCanceledEventAttributes?.timerId;
    if (ended) started.delete(ended);
  }
  return [...started].sort();
}

test('the Temporal dev server killed and started again on its SQLite file: open cases and their SLA timers survive, decisions go on', async () => {
  const [moving, waiting] = await Promise.all([submit('Uji temporal 1'), submit('Uji temporal 2')]);
  const deadline = Date.now() + CASE_DEADLINE_MS;
  await driveCirebonCase(call, tokens, moving!, { deadline, to: 1 });
  await eventually(() => pendingTimers(moving!), (t) => t.length > 0, 'the capacity check step to start its SLA timer');
  const timersBefore = { moving: await pendingTimers(moving!), waiting: await pendingTimers(waiting!) };
  // The server writes ahead to its log (scripts/stack.ts): the kill below is what that log must survive.
  expect(existsSync(join(stack.dir, 'temporal.db-wal'))).toBe(true);
  // Both Go services run with the stack's garbage collector setting.
  for (const part of ['temporal', 'ferretdb'] as const) {
    expect([part, readFileSync(`/proc/${stack.pid(part)}/environ`, 'utf8').split('\0')]).toEqual([part, expect.arrayContaining([`GOGC=${GO_SERVICE_ENV.GOGC}`])]);
  }
  // And FerretDB on one core.
  expect(readFileSync(`/proc/${stack.pid('ferretdb')}/environ`, 'utf8').split('\0')).toContain(`GOMAXPROCS=${FERRETDB_ENV.GOMAXPROCS}`);

  const killAt = Date.now();
  await stack.kill('temporal');
  await pause(3000);
  await stack.start('temporal');
  const temporalBackMs = Date.now() - killAt;

  for (const no of [moving!, waiting!]) {
    expect((await temporal.workflow.getHandle(sopCaseWorkflowId('colocation', no)).describe()).status.name).toBe('RUNNING');
  }
  expect({ moving: await pendingTimers(moving!), waiting: await pendingTimers(waiting!) }).toEqual(timersBefore);

  const resends = await driveCirebonCase(call, tokens, moving!, { deadline, from: 2 });
  await completed(moving!);
  const allDoneMs = Date.now() - killAt;
  const stillWaiting = await call('GET', `/requests/${waiting}`, { token: tokens.kabid });
  expect(stillWaiting.body).toMatchObject({ status: 'inProgress', waitingFor: { kind: 'disposition', role: 'kabid' } });
  expect((await call('POST', `/requests/${waiting}/decisions/disposition`, { token: tokens.kabid, body: {} })).status).toBe(200);

  const summary = await expectNothingDoubled([moving!]);
  const timerCount = timersBefore.moving.length + timersBefore.waiting.length;
  console.log(`Temporal dev server kill -9, answering again ${seconds(temporalBackMs)} later: 2 open cases still running with their ${timerCount} pending SLA timers; the moved case completed ${seconds(allDoneMs)} after the kill (${resends} decision resends), the waiting one took its next decision; ${summary}`);
});
