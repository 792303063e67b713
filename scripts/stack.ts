// Starts the real services Kolokasi runs on — Temporal dev server, FerretDB, MailDev — as child
// processes, and waits until each one answers; keeps a service running when its process dies.
// Used by `npm start`, the integration tests and the fault tests.
import { ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { constants as osConstants } from 'node:os';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { searchAttributeCliArgs } from '../shared/searchAttributes';

const repoRoot = resolve(__dirname, '..');

export interface Service {
  name: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Listens on `port` (0: any the kernel picks) and closes again; answers the port, or undefined if it is taken. */
function tryListen(port: number): Promise<number | undefined> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolvePort(undefined) : reject(error)));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The first port of the kernel's ephemeral range, from which every bind to port 0 and every outgoing connection draws. */
function ephemeralPortsFrom(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 0;
  } catch {
    return 0;
  }
}

const LOWEST_PORT = 10_000;
const EPHEMERAL_FROM = ephemeralPortsFrom();
const handedOut = new Set<number>();

/**
 * A port nobody listens on, for a service about to be started on it. Taken below the kernel's
 * ephemeral range: a port from that range, free when handed out, may be taken before its service
 * starts by any program that binds to port 0 (the Temporal dev server picks its internal ports so,
 * and once took MailDev's in a test run). Random, so that test files running side by side rarely
 * try the same one, and never the same one twice in a process.
 */
export async function freePort(): Promise<number> {
  const below = EPHEMERAL_FROM;
  if (below - LOWEST_PORT >= 1000) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const port = randomInt(LOWEST_PORT, below);
      if (handedOut.has(port)) continue;
      handedOut.add(port); // before the await: a concurrent call must not try it too
      if ((await tryListen(port)) !== undefined) return port;
    }
  }
  const port = await tryListen(0);
  if (port === undefined) throw new Error('no free port');
  return port;
}

function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolveOpen) => {
    const socket = new Socket();
    const done = (open: boolean): void => {
      socket.destroy();
      resolveOpen(open);
    };
    socket.setTimeout(1000);
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

/** Another program on the port would answer the readiness check in the service's place. */
async function assertPortsFree(name: string, ...ports: number[]): Promise<void> {
  for (const port of ports) {
    if (await portOpen(port)) throw new Error(`${name}: port ${port} is already in use by another program`);
  }
}

async function httpOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.status < 500;
  } catch {
    return false;
  }
}

/** Polls `ready` until it holds, failing early if the process dies first. */
async function waitUntil(service: Service, ready: () => Promise<boolean>, timeoutMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited(service.process)) {
      throw new Error(`${service.name} exited during start (code ${service.process.exitCode}); see ${logFile}`);
    }
    if (await ready()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  await service.stop();
  throw new Error(`${service.name} was not ready within ${timeoutMs / 1000}s; see ${logFile}`);
}

/** Every child launched here that has not exited yet, whichever service it belongs to now. */
const live = new Set<ChildProcess>();

// Whether children get process groups of their own. The supervisor (`npm start`) wants that: a
// terminal's Ctrl-C then reaches only it, and it stops the children in order, each with whatever it
// started. Tests keep the default, so a Ctrl-C of `npm test` still reaches the services directly.
let ownGroups = false;
export function runChildrenInOwnGroups(): void {
  ownGroups = true;
}
const grouped = new WeakSet<ChildProcess>();

export interface LaunchOptions {
  env?: NodeJS.ProcessEnv;
  /** Also echo the output to this process's stdout, each line prefixed with `[name] `. */
  echo?: boolean;
}

/** Spawns a child, output appended to `<logDir>/<name>.log`; in its own process group if so set. */
export function launch(name: string, command: string, args: string[], logDir: string, o: LaunchOptions = {}): { service: Service; logFile: string } {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...o.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: ownGroups });
  if (ownGroups) grouped.add(child);
  for (const stream of [child.stdout, child.stderr]) {
    // Two sources share the log: neither may end it; it is closed once the child's pipes are.
    stream?.pipe(log, { end: false });
    if (o.echo) stream?.on('data', (chunk: Buffer) => process.stdout.write(chunk.toString().replace(new RegExp(`^(?=.)(?!\\[${name}\\])`, 'gm'), `[${name}] `)));
  }
  child.once('close', () => log.end());
  live.add(child);
  child.once('exit', () => live.delete(child));
  return { service: supervise(name, child), logFile };
}

/** A TypeScript entry point of this repository (the worker, the API) as a child node process. */
export function launchNode(name: string, entry: string, logDir: string, o: LaunchOptions = {}): Service {
  // node --import tsx rather than the tsx launcher: one process, so its pid is the program's own.
  return launch(name, process.execPath, ['--import', 'tsx', entry], logDir, o).service;
}

/** The worker's main thread heap limit, for the same reason as the workflow thread's (worker/workflowHeap.ts). */
export const WORKER_MAIN_HEAP_MB = 256;

/** NODE_OPTIONS with the worker's heap limit, unless the operator's own NODE_OPTIONS sets one. */
export function withWorkerHeapLimit(options = process.env.NODE_OPTIONS ?? ''): string {
  return /--max-old-space-size\b/.test(options) ? options : `${options} --max-old-space-size=${WORKER_MAIN_HEAP_MB}`.trim();
}

/**
 * Two malloc arenas instead of glibc's default of eight per core: the worker's threads (workflows,
 * Temporal's core) otherwise each fragment an arena of their own, which kept about 50 MiB more
 * resident with 1,000 open cases (measured), for no gain in speed. And a limit on the main thread's
 * heap, which V8 otherwise lets fill with garbage up to a quarter of the machine's memory: its live
 * data is about 100 MiB with 1,000 open cases; with the limit the worker held 465 MiB instead of
 * 496 (peak 478 instead of 501) in the same benchmark, for no more CPU.
 */
export const WORKER_PROCESS_ENV = { MALLOC_ARENA_MAX: '2', NODE_OPTIONS: withWorkerHeapLimit() };

/** The worker (worker/main.ts) as a child node process, with its process settings. */
export function launchWorker(logDir: string, o: LaunchOptions = {}): Service {
  return launchNode('worker', 'worker/main.ts', logDir, { ...o, env: { ...WORKER_PROCESS_ENV, ...o.env } });
}

/** Signals the child's process group when it has its own, else the child. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (grouped.has(child)) process.kill(-child.pid!, signal);
    else if (!hasExited(child)) child.kill(signal);
  } catch {
    // Gone already.
  }
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** The exit as a shell would print it: a code, or 128 + the signal's number. */
export function exitCodeOf(child: ChildProcess): number {
  if (child.exitCode !== null) return child.exitCode;
  return 128 + (child.signalCode ? (osConstants.signals[child.signalCode] ?? 0) : 0);
}

/**
 * A child process as a Service: stop() asks it (its process group) to end with SIGTERM, kills it if
 * it has not within `graceMs`, and returns once the child has exited.
 */
export function supervise(name: string, child: ChildProcess, graceMs = 10_000): Service {
  const exited = new Promise<void>((r) => (hasExited(child) ? r() : child.once('exit', () => r())));
  // Whatever the leader of a group left behind (a grandchild) goes with it.
  if (grouped.has(child)) void exited.then(() => signalGroup(child, 'SIGKILL'));
  return {
    name,
    process: child,
    async stop() {
      if (!hasExited(child)) {
        signalGroup(child, 'SIGTERM');
        const killer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
        await exited;
        clearTimeout(killer);
      }
    },
  };
}

export interface KeepAliveOptions {
  /** First pause before a restart; it doubles with each restart in a row, up to maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** A process that stayed up this long counts as healthy again: the next restart starts at firstDelayMs. */
  stableMs?: number;
  log?: (line: string) => void;
}

export interface KeptService extends Service {
  /** How many times it was restarted. */
  readonly restarts: number;
  /** Called each time a restarted process is up again. */
  onRestart(listener: (service: Service) => void): void;
}

/**
 * Starts a service and keeps it running: when its process exits (a crash, kill -9, OOM), it is started
 * again after a pause that grows 1 s, 2 s, 4 s ... up to 30 s, so a service that cannot start does
 * not spin. stop() ends it for good. The first start's failure is thrown, as before.
 */
export async function keepAlive(name: string, start: () => Promise<Service>, o: KeepAliveOptions = {}): Promise<KeptService> {
  const firstDelayMs = o.firstDelayMs ?? 1000;
  const maxDelayMs = o.maxDelayMs ?? 30_000;
  const stableMs = o.stableMs ?? 60_000;
  const log = o.log ?? ((line: string) => console.log(line));
  const listeners: ((service: Service) => void)[] = [];
  let current = await start();
  let startedAt = Date.now();
  let attempt = 0;
  let restarts = 0;
  let stopping = false;
  let pending: { timer: NodeJS.Timeout; wake: () => void } | undefined;
  let starting: Promise<unknown> | undefined;

  const pause = (ms: number): Promise<void> =>
    new Promise<void>((wake) => {
      pending = { timer: setTimeout(wake, ms), wake };
    }).then(() => {
      pending = undefined;
    });

  const restart = async (why: string): Promise<void> => {
    if (stopping) return;
    attempt = Date.now() - startedAt >= stableMs ? 1 : attempt + 1;
    const delay = Math.min(firstDelayMs * 2 ** (attempt - 1), maxDelayMs);
    log(`[kolokasi] ${name} ${why}; restarting in ${delay / 1000} s (attempt ${attempt})`);
    await pause(delay);
    if (stopping) return;
    try {
      const next = start();
      starting = next.catch(() => undefined);
      current = await next;
    } catch (error) {
      startedAt = Date.now();
      return restart(`did not come back (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    }
    startedAt = Date.now();
    restarts++;
    if (stopping) return current.stop();
    log(`[kolokasi] ${name} is running again (pid ${current.process.pid})`);
    watch(current);
    for (const listener of listeners) listener(current);
  };

  function watch(service: Service): void {
    service.process.once('exit', () => void restart(`exited with code ${exitCodeOf(service.process)}`));
  }
  watch(current);

  return {
    name,
    get process() {
      return current.process;
    },
    get restarts() {
      return restarts;
    },
    onRestart(listener) {
      listeners.push(listener);
    },
    async stop() {
      stopping = true;
      if (pending) {
        clearTimeout(pending.timer);
        pending.wake();
      }
      // A start under way would otherwise leave its process running after stop() returned.
      if (starting) await starting;
      await current.stop();
    },
  };
}

/**
 * The Go services (the Temporal dev server, FerretDB) collect garbage once their heap has grown by
 * 400% instead of Go's default 100%: both keep a small live heap and allocate a lot per request, so
 * at the default they collected far more often than they needed to (measured with the end-to-end
 * benchmark: FerretDB 536 → 321 ms and Temporal 298 → 228 ms of CPU per case). A GOGC set in the
 * environment wins.
 */
export const GO_SERVICE_ENV = { GOGC: process.env.GOGC ?? '400' };

/**
 * FerretDB runs Go on one core: SQLite takes its writes one at a time anyway, and on two cores the
 * Go scheduler spent its time waking and parking threads around each commit (a `perf` profile of
 * FerretDB under updates: over half its CPU in the kernel, much of it scheduling). Measured with
 * `bench/groupedWrites.ts`: an update by `_id` 1.52 → 1.23 ms of FerretDB CPU, ten to a command
 * 0.66 → 0.50 ms a write, an insert 0.38 → 0.33 ms. A GOMAXPROCS set in the environment wins.
 */
export const FERRETDB_ENV = { ...GO_SERVICE_ENV, GOMAXPROCS: process.env.GOMAXPROCS ?? '1' };

export interface TemporalOptions {
  binary: string;
  port: number;
  uiPort: number;
  dbFile: string;
  logDir: string;
  /** Where the Web UI decodes encrypted payloads (the API's /codec), as the browser reaches it. */
  uiCodecEndpoint?: string;
  /**
   * The HTTP API and metrics ports. Left out, the dev server picks random free ones as it starts,
   * which can be a port another service of the same stack was just given: a stack that chooses all
   * its ports up front passes these too.
   */
  sidePorts?: { http: number; metrics: number };
}

export async function startTemporal(o: TemporalOptions): Promise<Service> {
  mkdirSync(join(o.dbFile, '..'), { recursive: true });
  await assertPortsFree('temporal', o.port, o.uiPort);
  const { service, logFile } = launch('temporal', o.binary, [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(o.port),
    '--ui-port', String(o.uiPort),
    '--db-filename', o.dbFile,
    // A write-ahead log instead of SQLite's rollback journal (the dev server's default): each commit
    // appends to one file instead of copying pages to a journal it then deletes, just as durable.
    // Measured with the end-to-end benchmark: Temporal's CPU per case 228-267 -> 168 ms.
    '--sqlite-pragma', 'journal_mode=wal',
    '--log-level', 'warn',
    '--dynamic-config-value', 'frontend.enableServerVersionCheck=false',
    ...searchAttributeCliArgs(),
    ...(o.uiCodecEndpoint ? ['--ui-codec-endpoint', o.uiCodecEndpoint] : []),
    ...(o.sidePorts ? ['--http-port', String(o.sidePorts.http), '--metrics-port', String(o.sidePorts.metrics)] : []),
  ], o.logDir, { env: { ...GO_SERVICE_ENV, TEMPORAL_VERSION_CHECK_DISABLED: '1' } });
  await waitUntil(service, async () => (await portOpen(o.port)) && httpOk(`http://127.0.0.1:${o.uiPort}/`), 90_000, logFile);
  return service;
}

export interface FerretOptions {
  binary: string;
  port: number;
  dataDir: string;
  logDir: string;
}

export async function startFerretDB(o: FerretOptions): Promise<Service> {
  await assertPortsFree('ferretdb', o.port);
  const { service, logFile } = launch('ferretdb', o.binary, [
    '--listen-addr', `127.0.0.1:${o.port}`,
    '--data-dir', o.dataDir,
    '--log-level', 'warn',
  ], o.logDir, { env: FERRETDB_ENV });
  await waitUntil(service, () => portOpen(o.port), 30_000, logFile);
  return service;
}

export interface MailOptions {
  smtpPort: number;
  webPort: number;
  mailDir?: string;
  logDir: string;
}

export async function startMailDev(o: MailOptions): Promise<Service> {
  await assertPortsFree('maildev', o.smtpPort, o.webPort);
  const bin = join(repoRoot, 'node_modules', '.bin', 'maildev');
  const { service, logFile } = launch('maildev', bin, [
    '--smtp', String(o.smtpPort),
    '--web', String(o.webPort),
    '--ip', '127.0.0.1',
    '--web-ip', '127.0.0.1',
    ...(o.mailDir ? ['--mail-directory', o.mailDir] : []),
  ], o.logDir);
  await waitUntil(service, async () => (await portOpen(o.smtpPort)) && httpOk(`http://127.0.0.1:${o.webPort}/api/healthz`), 30_000, logFile);
  return service;
}

export async function stopAll(services: Service[]): Promise<void> {
  for (const service of [...services].reverse()) await service.stop();
}

/**
 * After the services are stopped in order: any child still running (one being started or restarted
 * at that moment) is asked to end, then killed, so nothing outlives the supervisor.
 */
export async function stopStragglers(graceMs = 10_000): Promise<void> {
  await Promise.all([...live].map((child) => supervise('straggler', child, graceMs).stop()));
}

/** A second Ctrl-C: no more waiting. */
export function killEverything(): void {
  for (const child of live) signalGroup(child, 'SIGKILL');
}
