// `npm start` as an operator runs it (the supervisor scripts/start.ts, on free ports and a temporary
// data directory): a worker or API killed with kill -9 is started again and a case goes on; Ctrl-C
// (SIGINT) stops everything, leaving no process of it behind.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDemoUsers } from '../../scripts/demoUsers';
import { freePort } from '../../scripts/stack';
import { connectMongo, disconnectMongo } from '../../shared/db/connect';
import { getProfile } from '../../shared/profile/registry';
import { aSubmission } from '../fixtures/submission';
import { httpCaller } from '../integration/support/apiHarness';
import { driveCirebonCase, waitUntilWaitingFor } from './support/cirebonCase';

jest.setTimeout(15 * 60_000);
const repoRoot = resolve(__dirname, '../..');

let supervisor: ChildProcess;
let output = '';

/** Resolves with the time it took once the supervisor's output (from `from` on) matches. */
async function printed(pattern: RegExp, timeoutMs: number, from = 0): Promise<number> {
  const started = Date.now();
  while (!pattern.test(output.slice(from))) {
    if (supervisor.exitCode !== null) throw new Error(`npm start exited (${supervisor.exitCode}) before printing ${pattern}:\n${output.slice(-3000)}`);
    if (Date.now() - started > timeoutMs) throw new Error(`npm start did not print ${pattern} within ${timeoutMs / 1000}s:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - started;
}

function childrenOf(pid: number): { pid: number; command: string }[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)]).toString();
  return out.trim().split('\n').filter(Boolean).map((line) => {
    const [, p, command] = /^\s*(\d+)\s+(.*)$/.exec(line)!;
    return { pid: Number(p), command: command! };
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The process group of a live process (each child of the supervisor leads its own). */
function groupOf(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[2]);
}

function groupHasMembers(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

afterAll(() => {
  // Only if the test failed before its own SIGINT: do not leave a stack running.
  if (supervisor && supervisor.exitCode === null) supervisor.kill('SIGINT');
});

test('npm start restarts a killed worker and API, and Ctrl-C leaves no process behind', async () => {
  const [temporalPort, temporalUiPort, mongoPort, smtpPort, mailUiPort, apiPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
  const dataDir = mkdtempSync(join(tmpdir(), 'kolokasi-npm-start-'));
  supervisor = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: repoRoot,
    detached: true, // its own group, as a terminal gives it: a SIGINT to it reaches nothing else
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // The test run's shared services are given to jest in these; npm start must start its own.
      TEMPORAL_ADDRESS: '', MONGODB_URI: '', SMTP_URL: '', TEMPORAL_UI_URL: '', MAIL_UI_URL: '',
      KOLOKASI_DATA_DIR: dataDir,
      TEMPORAL_PORT: String(temporalPort), TEMPORAL_UI_PORT: String(temporalUiPort), MONGODB_PORT: String(mongoPort),
      SMTP_PORT: String(smtpPort), MAIL_UI_PORT: String(mailUiPort), API_PORT: String(apiPort),
    },
  });
  for (const stream of [supervisor.stdout!, supervisor.stderr!]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const supervisorExit = new Promise<number | null>((r) => supervisor.once('exit', (code) => r(code)));

  await printed(/Kolokasi is running/, 5 * 60_000);
  const children = childrenOf(supervisor.pid!);
  const pidOf = (entry: string): number => childrenOf(supervisor.pid!).find((c) => c.command.includes(entry))!.pid;
  expect(children.map((c) => c.command).join('\n')).toMatch(/worker\/main\.ts[\s\S]*api\/main\.ts|api\/main\.ts[\s\S]*worker\/main\.ts/);

  // A fresh installation: the demo users are there to sign in to the web app, which the API serves.
  expect(output).toContain('[kolokasi] created the demo users: dinkes@opd.example.go.id');
  expect(output).toContain(`Web app        http://localhost:${apiPort}/app/`);
  const shell = await fetch(`http://127.0.0.1:${apiPort}/app/`);
  expect(shell.status).toBe(200);
  expect(await shell.text()).toContain('<div id="app">');

  await connectMongo(`mongodb://127.0.0.1:${mongoPort}/kolokasi`);
  const tokens = Object.fromEntries((await createDemoUsers(getProfile('cirebon'))).map((u) => [u.role, u.token]));
  await disconnectMongo();
  const call = httpCaller(`http://127.0.0.1:${apiPort}`);
  const submitted = await call('POST', '/requests', { token: tokens.applicant, body: aSubmission() });
  expect(submitted.status).toBe(201);
  const no: string = submitted.body.requestNumber;

  // kill -9 the worker: it is started again, and the case takes its next decisions.
  const worker = pidOf('worker/main.ts');
  let mark = output.length;
  process.kill(worker, 'SIGKILL');
  const workerBackMs = await printed(/worker is running again[\s\S]*polling task queue/, 5 * 60_000, mark);
  expect(output.slice(mark)).toMatch(/\[kolokasi\] worker exited with code 137; restarting in 1 s \(attempt 1\)/);
  expect(pidOf('worker/main.ts')).not.toBe(worker);
  await driveCirebonCase(call, tokens, no, { deadline: Date.now() + 5 * 60_000, to: 1 });
  await waitUntilWaitingFor(call, tokens.dcStaff!, no, 'capacityCheck', 'dcStaff', Date.now() + 5 * 60_000);

  // kill -9 the API: it is started again and answers.
  const api = pidOf('api/main.ts');
  mark = output.length;
  process.kill(api, 'SIGKILL');
  const apiBackMs = await printed(/api is running again/, 3 * 60_000, mark);
  expect(output.slice(mark)).toMatch(/\[kolokasi\] api exited with code 137; restarting in 1 s \(attempt 1\)/);
  expect((await call('GET', `/requests/${no}`, { token: tokens.applicant })).body.waitingFor).toMatchObject({ kind: 'capacityCheck' });

  // Ctrl-C: everything it started stops, and it exits.
  const running = childrenOf(supervisor.pid!).map((c) => ({ ...c, group: groupOf(c.pid) }));
  expect(running.length).toBeGreaterThanOrEqual(5);
  const sigintAt = Date.now();
  process.kill(supervisor.pid!, 'SIGINT');
  expect(await supervisorExit).toBe(0);
  const stopMs = Date.now() - sigintAt;
  // Its own children are gone when it exits; tsx's esbuild helper (in its group) ends when its pipe closes.
  const leftovers = (): string[] => running.filter((c) => alive(c.pid) || groupHasMembers(c.group)).map((c) => c.command);
  for (let waited = 0; leftovers().length > 0 && waited < 5000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  expect(leftovers()).toEqual([]);

  console.log(`npm start: worker restarted ${(workerBackMs / 1000).toFixed(1)} s after kill -9 (polling again, case went on), API answering again after ${(apiBackMs / 1000).toFixed(1)} s; Ctrl-C stopped ${running.length} processes in ${(stopMs / 1000).toFixed(1)} s with none left`);
});
