// The benchmark's own stack, like `npm start` but on free ports in a temporary directory: Temporal
// dev server, FerretDB, MailDev, then the worker and the API as child processes. stop() ends them all.
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, Service, startFerretDB, startMailDev, startTemporal, stopAll, supervise } from '../../scripts/stack';
import { provisionFerretDB, provisionTemporal } from '../../scripts/tools';

const repoRoot = resolve(__dirname, '..', '..');

export interface BenchStack {
  dir: string;
  temporalAddress: string;
  mongoUri: string;
  apiUrl: string;
  worker: ChildProcess;
  api: ChildProcess;
  stop(): Promise<void>;
}

/** One node process per service (tsx as a loader, not a wrapper process), so its RSS is the service's. */
function startNode(name: string, entry: string, env: NodeJS.ProcessEnv, logDir: string): Service {
  const log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return supervise(name, child);
}

async function waitForHealth(url: string, api: Service, logDir: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (api.process.exitCode !== null) throw new Error(`the API exited during start; see ${join(logDir, 'api.log')}`);
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the API was not healthy within 180 s');
}

/** Waits until a service's log says it is ready (the worker bundles its workflows first). */
async function waitForLine(file: string, text: string, service: Service, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.process.exitCode !== null) throw new Error(`the ${service.name} exited during start; see ${file}`);
    let content = '';
    try {
      content = readFileSync(file, 'utf8');
    } catch {
      // not written yet
    }
    if (content.includes(text)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the ${service.name} was not ready within ${timeoutMs / 1000} s; see ${file}`);
}

export async function startBenchStack(log: (line: string) => void): Promise<BenchStack> {
  const dir = mkdtempSync(join(tmpdir(), 'kolokasi-bench-'));
  const logDir = join(dir, 'logs');
  const temporalBinary = await provisionTemporal();
  const ferretBinary = await provisionFerretDB();
  const [temporalPort, uiPort, mongoPort, smtpPort, mailWebPort, apiPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
  const services: Service[] = [];
  const stop = async (): Promise<void> => {
    await stopAll(services);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    log(`starting Temporal, FerretDB and MailDev in ${dir}`);
    const started = await Promise.allSettled([
      startTemporal({ binary: temporalBinary, port: temporalPort, uiPort, dbFile: join(dir, 'temporal.db'), logDir }),
      startFerretDB({ binary: ferretBinary, port: mongoPort, dataDir: join(dir, 'ferretdb'), logDir }),
      startMailDev({ smtpPort, webPort: mailWebPort, logDir }),
    ]);
    for (const s of started) if (s.status === 'fulfilled') services.push(s.value);
    const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) throw failure.reason;

    const env = {
      TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
      MONGODB_URI: `mongodb://127.0.0.1:${mongoPort}/kolokasi`,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      API_PORT: String(apiPort),
      KOLOKASI_PROFILE: 'cirebon',
      LOG_LEVEL: 'warn',
    };
    log('starting the worker and the API');
    const worker = startNode('worker', 'worker/main.ts', env, logDir);
    services.push(worker);
    const api = startNode('api', 'api/main.ts', env, logDir);
    services.push(api);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitForHealth(apiUrl, api, logDir);
    await waitForLine(join(logDir, 'worker.log'), 'polling task queue', worker, 180_000);
    return { dir, temporalAddress: env.TEMPORAL_ADDRESS, mongoUri: env.MONGODB_URI, apiUrl, worker: worker.process, api: api.process, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resident memory of a process, from /proc (Linux), in MiB; `peak` is its high-water mark. */
export function residentMiB(pid: number | undefined): { now: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return { now: NaN, peak: NaN };
  }
}
