// A private Kolokasi, for the fault tests and the end-to-end benchmark: its own Temporal dev server,
// FerretDB and MailDev on free ports in a temporary directory (not the test run's shared services,
// which other test files use meanwhile), and the worker and the API as real child processes, so a
// test can kill -9 any of them and start it again on the same port and data, and a benchmark can
// read each one's memory.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, hasExited, keepAlive, KeptService, launchNode, launchWorker, Service, startFerretDB, startMailDev, startTemporal, stopAll, stopStragglers } from './stack';
import { provisionFerretDB, provisionTemporal } from './tools';

export type Part = 'temporal' | 'ferretdb' | 'maildev' | 'worker' | 'api';
const ORDER: Part[] = ['temporal', 'ferretdb', 'maildev', 'worker', 'api'];

export interface ProcessStack {
  dir: string;
  logDir: string;
  apiUrl: string;
  mailApiUrl: string;
  /** What the worker and the API are given. */
  env: Record<'TEMPORAL_ADDRESS' | 'TEMPORAL_TASK_QUEUE' | 'MONGODB_URI' | 'SMTP_URL' | 'API_PORT' | 'KOLOKASI_PROFILE' | 'LOG_LEVEL', string>;
  /** The running process of a part. */
  pid(part: Part): number;
  start(part: Part): Promise<void>;
  /**
   * kill -9 (or another signal) and wait until it has exited. The worker and the API are kept running
   * as `npm start` keeps them (restarted after 1 s); the services stay down until start() is called.
   */
  kill(part: Part, signal?: NodeJS.Signals): Promise<void>;
  /** Resolves when the worker or the API is running again after a kill. */
  restarted(part: 'worker' | 'api'): Promise<void>;
  close(): Promise<void>;
}

/** Resolves when `text` appears in the child's output. */
function outputContains(service: Service, text: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = service.process;
    let seen = '';
    const timer = setTimeout(() => done(new Error(`${service.name} did not print "${text}" within ${timeoutMs / 1000}s`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      seen = (seen + chunk.toString()).slice(-4096);
      if (seen.includes(text)) done();
    };
    const onExit = (): void => done(new Error(`${service.name} exited (code ${child.exitCode}, ${child.signalCode}) before it printed "${text}"`));
    function done(error?: Error): void {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

async function untilAnswers(url: string, service: Service, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited(service.process)) throw new Error(`${service.name} exited during start`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(3000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  throw new Error(`${service.name} did not answer ${url} within ${timeoutMs / 1000}s`);
}

export async function startProcessStack(name: string): Promise<ProcessStack> {
  const dir = mkdtempSync(join(tmpdir(), `kolokasi-${name}-`));
  const logDir = join(dir, 'logs');
  const [temporalBinary, ferretBinary] = await Promise.all([provisionTemporal(), provisionFerretDB()]);
  const [temporalPort, temporalUiPort, mongoPort, smtpPort, mailWebPort, apiPort, httpPort, metricsPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
  const env = {
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    TEMPORAL_TASK_QUEUE: 'kolokasi',
    MONGODB_URI: `mongodb://127.0.0.1:${mongoPort}/kolokasi`,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    API_PORT: String(apiPort),
    KOLOKASI_PROFILE: 'cirebon',
    LOG_LEVEL: 'warn',
  };
  const apiUrl = `http://127.0.0.1:${apiPort}`;

  const starters: Record<Part, () => Promise<Service>> = {
    temporal: () => startTemporal({ binary: temporalBinary, port: temporalPort, uiPort: temporalUiPort, sidePorts: { http: httpPort, metrics: metricsPort }, dbFile: join(dir, 'temporal.db'), logDir }),
    ferretdb: () => startFerretDB({ binary: ferretBinary, port: mongoPort, dataDir: join(dir, 'ferretdb'), logDir }),
    maildev: () => startMailDev({ smtpPort, webPort: mailWebPort, mailDir: join(dir, 'mail'), logDir }),
    async worker() {
      const worker = launchWorker(logDir, { env });
      // It bundles the workflows first: slow on a loaded machine.
      await outputContains(worker, 'polling task queue', 180_000);
      return worker;
    },
    async api() {
      const api = launchNode('api', 'api/main.ts', logDir, { env });
      await untilAnswers(`${apiUrl}/health`, api, 120_000);
      return api;
    },
  };
  const running = new Map<Part, Service>();

  const stack: ProcessStack = {
    dir,
    logDir,
    apiUrl,
    mailApiUrl: `http://127.0.0.1:${mailWebPort}/api`,
    env,
    pid(part) {
      const service = running.get(part);
      if (!service?.process.pid) throw new Error(`${part} is not running`);
      return service.process.pid;
    },
    async start(part) {
      const kept = part === 'worker' || part === 'api';
      running.set(part, kept ? await keepAlive(part, starters[part], { log: () => undefined }) : await starters[part]());
    },
    restarted(part) {
      const service = running.get(part) as KeptService | undefined;
      if (!service?.onRestart) throw new Error(`${part} is not kept running`);
      return new Promise((resolve) => service.onRestart(() => resolve()));
    },
    async kill(part, signal = 'SIGKILL') {
      const service = running.get(part);
      if (!service) throw new Error(`${part} is not running`);
      const child = service.process;
      const exited = new Promise((r) => (hasExited(child) ? r(undefined) : child.once('exit', r)));
      child.kill(signal);
      await exited;
      if (!('restarts' in service)) running.delete(part);
    },
    async close() {
      await stopAll(ORDER.flatMap((part) => running.get(part) ?? []));
      running.clear();
      await stopStragglers();
    },
  };
  try {
    await Promise.all((['temporal', 'ferretdb', 'maildev'] as const).map((part) => stack.start(part)));
  } catch (error) {
    await stack.close();
    throw error;
  }
  return stack;
}
