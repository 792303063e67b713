// Starts the real services Kolokasi runs on — Temporal dev server, FerretDB, MailDev — as child
// processes, and waits until each one answers. Used by `npm start` and by the integration tests.
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { searchAttributeCliArgs } from '../shared/searchAttributes';

const repoRoot = resolve(__dirname, '..');

export interface Service {
  name: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
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
    if (service.process.exitCode !== null || service.process.signalCode !== null) {
      throw new Error(`${service.name} exited during start (code ${service.process.exitCode}); see ${logFile}`);
    }
    if (await ready()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  await service.stop();
  throw new Error(`${service.name} was not ready within ${timeoutMs / 1000}s; see ${logFile}`);
}

function launch(name: string, command: string, args: string[], logDir: string, env: NodeJS.ProcessEnv = {}): { service: Service; logFile: string } {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return { service: supervise(name, child), logFile };
}

/** A child process as a Service: stop() asks it to end, and kills it if it does not within 10 s. */
export function supervise(name: string, child: ChildProcess): Service {
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    name,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

export interface TemporalOptions {
  binary: string;
  port: number;
  uiPort: number;
  dbFile: string;
  logDir: string;
  /** Where the Web UI decodes encrypted payloads (the API's /codec), as the browser reaches it. */
  uiCodecEndpoint?: string;
}

export async function startTemporal(o: TemporalOptions): Promise<Service> {
  mkdirSync(join(o.dbFile, '..'), { recursive: true });
  const { service, logFile } = launch('temporal', o.binary, [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(o.port),
    '--ui-port', String(o.uiPort),
    '--db-filename', o.dbFile,
    '--log-level', 'warn',
    '--dynamic-config-value', 'frontend.enableServerVersionCheck=false',
    ...searchAttributeCliArgs(),
    ...(o.uiCodecEndpoint ? ['--ui-codec-endpoint', o.uiCodecEndpoint] : []),
  ], o.logDir, { TEMPORAL_VERSION_CHECK_DISABLED: '1' });
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
  const { service, logFile } = launch('ferretdb', o.binary, [
    '--listen-addr', `127.0.0.1:${o.port}`,
    '--data-dir', o.dataDir,
    '--log-level', 'warn',
  ], o.logDir);
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
