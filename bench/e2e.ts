// `npm run bench:e2e`: the end-to-end benchmark of issue 7, on its own stack (free ports, a temporary
// directory, stopped at the end). Prints side by side:
//   (a) raw Temporal on the same server: workflows of 10 no-op activities, and of 10 no-op Updates, C at a time;
//   (b) Kolokasi: N Cirebon cases driven to go-live through the HTTP API by C concurrent clients;
//   (c) K open cases waiting at their first step: inbox and list latency, worker and API memory;
// and the targets beside the figures. Parameters: flags (--n 100) or env (BENCH_N=100).
import { Client, Connection } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { dataConverterFromEnv } from '../shared/dataConverter';
import { connectMongo, disconnectMongo } from '../shared/db/connect';
import { getProfile } from '../shared/profile/registry';
import { sopCaseWorkflowId } from '../shared/contracts/sopCase';
import { createDemoUsers } from '../scripts/demoUsers';
import { addInventory, driveCase, submitCase, Tokens } from './e2e/cirebonCase';
import { apiClient } from './e2e/http';
import { openCases, timeReads } from './e2e/openCases';
import { RawFigures, startRawTemporal } from './e2e/rawTemporal';
import { BenchStack, cpuSeconds, residentMiB, startBenchStack } from './e2e/stack';
import { EndpointFigures, Latencies, pool } from './e2e/stats';
import { countStoreCommands, storeFigures, StoreFigures } from './e2e/storeCommands';

function param(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  if (i >= 0 && args[i + 1]) return args[i + 1]!;
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3) ?? process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`] ?? fallback;
}

const N = Number(param('n', '100'));
const LEVELS = param('c', '25,10').split(',').map(Number);
const K = Number(param('k', '10000'));
const K_CLIENTS = Number(param('k-clients', '8'));
const READS = Number(param('reads', '200'));
const log = (line: string): void => console.log(`[bench] ${line}`);

interface CaseFigures {
  concurrency: number;
  cases: number;
  completed: number;
  outcomes: Record<string, number>;
  seconds: number;
  casesPerSecond: number;
  decisionsPerSecond: number;
  eventsPerCase: number;
  maxEventsPerCase: number;
  eventsPerSecond: number;
  failed: number;
  latencies: Latencies;
  store: StoreFigures;
  /** CPU milliseconds each process of the stack spent per completed case. */
  cpuPerCase: Record<string, number>;
}

const storeCounts = countStoreCommands();
/** Longer than the processes take to write their counts. */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 1500));

function cpuOf(pids: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(pids).map(([part, pid]) => [part, cpuSeconds(pid)]));
}

async function runCases(stack: BenchStack, call: ReturnType<typeof apiClient>, latencies: Latencies, tokens: Tokens, temporal: Client, concurrency: number, runId: string): Promise<CaseFigures> {
  await settle();
  const countsBefore = storeCounts.read();
  const cpuBefore = cpuOf(stack.pids());
  const outcomes: Record<string, number> = {};
  const numbers: string[] = [];
  const started = performance.now();
  await pool(N, concurrency, async (i) => {
    const no = await submitCase(call, tokens, `${runId}-c${concurrency}-${i}`, concurrency * 10_000 + i);
    const outcome = no ? await driveCase(call, tokens, no, runId) : 'not submitted';
    if (no) numbers.push(no);
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  });
  const seconds = (performance.now() - started) / 1000;
  const lengths = await Promise.all(numbers.map(async (no) => (await temporal.workflow.getHandle(sopCaseWorkflowId('colocation', no)).describe()).historyLength));
  const events = lengths.reduce((a, b) => a + b, 0);
  const decided = latencies.merged('POST decisions/', '').calls - latencies.merged('POST decisions/', '').failed;
  const completed = outcomes.completed ?? 0;
  await settle();
  const store = storeFigures(countsBefore, storeCounts.read(), Math.max(1, numbers.length));
  const cpuAfter = cpuOf(stack.pids());
  const cpuPerCase = Object.fromEntries(Object.entries(cpuAfter).map(([part, s]) => [part, (1000 * (s - cpuBefore[part]!)) / Math.max(1, completed)]));
  return {
    concurrency, cases: N, completed, outcomes, seconds, casesPerSecond: completed / seconds, decisionsPerSecond: decided / seconds,
    eventsPerCase: events / Math.max(1, lengths.length), maxEventsPerCase: Math.max(0, ...lengths), eventsPerSecond: events / seconds, failed: latencies.failed, latencies, store, cpuPerCase,
  };
}

const ms = (v: number): string => (Number.isFinite(v) ? v.toFixed(v < 10 ? 1 : 0) : '-');
const num = (v: number, digits = 1): string => (Number.isFinite(v) ? v.toFixed(digits) : '-');
const verdict = (met: boolean): string => (met ? 'met' : 'NOT MET');

function printEndpoints(title: string, rows: EndpointFigures[]): void {
  console.log(`\n${title}`);
  console.log(`  ${'endpoint'.padEnd(34)}${'calls'.padStart(7)}${'failed'.padStart(8)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}`);
  for (const r of rows) console.log(`  ${r.endpoint.padEnd(34)}${String(r.calls).padStart(7)}${String(r.failed).padStart(8)}${ms(r.p50).padStart(9)}${ms(r.p95).padStart(9)}${ms(r.p99).padStart(9)}`);
}

async function main(): Promise<void> {
  const runId = randomBytes(4).toString('hex');
  log(`N=${N} cases per level, C=${LEVELS.join(',')} clients, K=${K} open cases by ${K_CLIENTS} clients, ${READS} timed reads`);
  const running: { stack?: BenchStack } = {};
  let stopping = false;
  const stop = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      await running.stack?.stop();
      storeCounts.remove();
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(130));
  process.on('SIGTERM', () => void stop(143));
  try {
    await measure((running.stack = await startBenchStack(log)), runId);
  } catch (error) {
    console.error('[bench] failed:', error);
    await stop(1);
  }
  await stop(0);
}

async function measure(stack: BenchStack, runId: string): Promise<void> {
  const workerAtStart = residentMiB(stack.workerPid());
  await connectMongo(stack.mongoUri);
  const tokens: Tokens = Object.fromEntries((await createDemoUsers(getProfile('cirebon'))).map((u) => [u.role, u.token]));
  await disconnectMongo();
  const setup = new Latencies();
  const setupCall = apiClient(stack.apiUrl, setup);
  await addInventory(setupCall, tokens.admin!, N * LEVELS.length, runId);
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const temporal = new Client({ connection, dataConverter: dataConverterFromEnv() });

  log('bundling the raw Temporal yardstick');
  const raw = await startRawTemporal(stack.temporalAddress, runId);
  const rows: { raw: RawFigures; cases: CaseFigures }[] = [];
  for (const c of LEVELS) {
    log(`(a) raw Temporal: ${N} workflows of 10 no-op activities, then ${N} of 10 no-op Updates, ${c} at a time`);
    const rawFigures = await raw.run(N, c);
    log(`(b) Kolokasi: ${N} Cirebon cases to go-live by ${c} clients`);
    const latencies = new Latencies();
    const cases = await runCases(stack, apiClient(stack.apiUrl, latencies), latencies, tokens, temporal, c, runId);
    log(`    ${cases.completed}/${N} completed in ${cases.seconds.toFixed(1)} s; outcomes ${JSON.stringify(cases.outcomes)}`);
    rows.push({ raw: rawFigures, cases });
  }
  await raw.close();

  log(`(c) ${K} open cases waiting at their first step, submitted by ${K_CLIENTS} clients`);
  const opened = await openCases(setupCall, tokens, K, K_CLIENTS, runId, log);
  const reads = new Latencies();
  await timeReads(apiClient(stack.apiUrl, reads), tokens, reads, 5); // warm-up: the API loads its index once
  const timed = new Latencies();
  await timeReads(apiClient(stack.apiUrl, timed), tokens, timed, READS);
  const workerMemory = residentMiB(stack.workerPid());
  const apiMemory = residentMiB(stack.apiPid());
  const services = (['temporal', 'ferretdb', 'maildev'] as const).map((part) => `${part} ${num(residentMiB(stack.pids()[part]).now, 0)}`).join(', ');
  await connection.close();

  // ---- the table ----
  console.log('\n=== Kolokasi end-to-end benchmark ===');
  console.log(`(a) raw Temporal vs (b) Kolokasi, ${N} workflows / cases per row`);
  console.log(`  ${'clients'.padStart(7)} | ${'raw act/s'.padStart(9)} ${'raw ev/s'.padStart(9)} ${'ev/wf'.padStart(6)} ${'raw upd/s'.padStart(9)} | ${'cases/s'.padStart(7)} ${'dec/s'.padStart(6)} ${'dec/s:act/s'.padStart(11)} ${'ev/case'.padStart(7)} ${'max'.padStart(5)} ${'ev/s'.padStart(6)} ${'done'.padStart(7)} ${'failed'.padStart(6)}`);
  for (const { raw: r, cases: k } of rows) {
    console.log(`  ${String(k.concurrency).padStart(7)} | ${num(r.activitiesPerSecond).padStart(9)} ${num(r.eventsPerSecond).padStart(9)} ${num(r.eventsPerWorkflow, 0).padStart(6)} ${num(r.updatesPerSecond).padStart(9)} | ${num(k.casesPerSecond, 2).padStart(7)} ${num(k.decisionsPerSecond).padStart(6)} ${`${num((100 * k.decisionsPerSecond) / r.activitiesPerSecond, 0)}%`.padStart(11)} ${num(k.eventsPerCase, 0).padStart(7)} ${String(k.maxEventsPerCase).padStart(5)} ${num(k.eventsPerSecond, 0).padStart(6)} ${`${k.completed}/${k.cases}`.padStart(7)} ${String(k.failed).padStart(6)}`);
  }
  console.log('  (raw upd/s: workflows that each take ten no-op Updates, one after another, each answered after a no-op local activity:');
  console.log('   what the engine alone allows decisions shaped as a case\'s, with nothing done in them)');
  console.log('\n(b) store commands per case (worker and API), and the collections read and written most');
  const most = (rows: [string, number][]): string => rows.map(([what, n]) => `${what} ${num(n)}`).join(', ');
  for (const { cases: k } of rows) {
    console.log(`  ${String(k.concurrency).padStart(3)} clients: ${num(k.store.readsPerCase, 0)} reads (${most(k.store.topReads)})`);
    console.log(`  ${' '.repeat(11)}${num(k.store.writesPerCase, 0)} writes (${most(k.store.topWrites)})`);
  }
  console.log('\n(b) CPU time per completed case, by process (the machine has 2 cores)');
  for (const { cases: k } of rows) {
    const parts = Object.entries(k.cpuPerCase).map(([part, ms]) => `${part} ${num(ms, 0)} ms`).join(', ');
    console.log(`  ${String(k.concurrency).padStart(3)} clients: ${parts}; total ${num(Object.values(k.cpuPerCase).reduce((a, b) => a + b, 0), 0)} ms`);
  }
  for (const { cases: k } of rows) {
    printEndpoints(`(b) latency per endpoint at ${k.concurrency} clients`, [...k.latencies.endpoints().map((e) => k.latencies.figures(e)), k.latencies.merged('POST decisions/', 'all decisions')]);
  }
  const inbox = timed.figures('GET /inbox');
  const list = timed.figures('GET /requests');
  printEndpoints(`(c) ${opened.open} open cases (submitted in ${opened.submitSeconds.toFixed(0)} s, ${(opened.open / opened.submitSeconds).toFixed(1)}/s), reads one after another`, [inbox, list, setup.figures('POST /requests')]);
  console.log(`  RSS: worker ${num(workerMemory.now, 0)} MiB (peak ${num(workerMemory.peak, 0)}, ${num(workerAtStart.now, 0)} once started), API ${num(apiMemory.now, 0)} MiB (peak ${num(apiMemory.peak, 0)}); ${services} MiB`);

  const top = rows.find((r) => r.cases.concurrency === Math.max(...LEVELS))?.cases;
  const at10 = rows.find((r) => r.cases.concurrency === 10)?.cases;
  const targets: [string, string, boolean | undefined][] = [
    [`every case completes, no failed call, at ${top?.concurrency} clients`, `${top?.completed}/${top?.cases}, ${top?.failed} failed`, top && top.completed === top.cases && top.failed === 0],
    ['history events per Cirebon case <= 120', `max ${Math.max(...rows.map((r) => r.cases.maxEventsPerCase))}`, rows.every((r) => r.cases.maxEventsPerCase <= 120 && r.cases.maxEventsPerCase > 0)],
    ...rows.map(({ raw: r, cases: k }): [string, string, boolean] => [`decisions/s >= 50% of raw activities/s at ${k.concurrency} clients`, `${num(k.decisionsPerSecond)} vs ${num(r.activitiesPerSecond)}`, k.decisionsPerSecond >= 0.5 * r.activitiesPerSecond]),
    ['at 10 clients: decision p95 < 500 ms', at10 ? `${ms(at10.latencies.merged('POST decisions/', '').p95)} ms` : 'not run', at10 && at10.latencies.merged('POST decisions/', '').p95 < 500],
    ['at 10 clients: submission p95 < 1 s', at10 ? `${ms(at10.latencies.figures('POST /requests').p95)} ms` : 'not run', at10 && at10.latencies.figures('POST /requests').p95 < 1000],
    [`with ${opened.open} open cases: worker RSS < 512 MiB`, `${num(workerMemory.now, 0)} MiB`, workerMemory.now < 512],
    [`with ${opened.open} open cases: inbox p99 < 100 ms`, `${ms(inbox.p99)} ms`, inbox.p99 < 100],
    [`with ${opened.open} open cases: list p99 < 100 ms`, `${ms(list.p99)} ms`, list.p99 < 100],
  ];
  console.log('\nTargets (issue 7)');
  for (const [what, value, met] of targets) console.log(`  ${what.padEnd(58)} ${value.padEnd(22)} ${met === undefined ? 'not measured' : verdict(met)}`);
  if (K < 10_000) console.log(`  (K=${K}: the memory and read targets are for 10,000 open cases)`);
  const failures = [...rows.flatMap((r) => r.cases.latencies.examples), ...setup.examples, ...timed.examples];
  if (failures.length) console.log(`\nFirst failed calls:\n  ${failures.slice(0, 8).join('\n  ')}`);
}

void main();
