// `npm start`: the whole system on the embedded default — Temporal dev server, FerretDB, MailDev,
// the worker and the API — with data kept in one directory across runs. A service whose address is
// given in the environment (TEMPORAL_ADDRESS, MONGODB_URI, SMTP_URL) is used as is, not started.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../shared/config';
import { seedInventoryIfEmpty } from './seedInventory';
import { Service, startFerretDB, startMailDev, startTemporal, stopAll, supervise } from './stack';
import { MissingToolError, provisionFerretDB, provisionTemporal } from './tools';

const repoRoot = resolve(__dirname, '..');
const PORTS = { temporal: 7233, temporalUi: 8233, mongo: 27017, smtp: 1025, mailUi: 1080 };

function startNodeProcess(name: string, entry: string, env: NodeJS.ProcessEnv, logDir: string): Service {
  const log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  const child = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), [entry], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    stream.pipe(log);
    stream.on('data', (chunk: Buffer) => process.stdout.write(chunk.toString().replace(new RegExp(`^(?=.)(?!\\[${name}\\])`, 'gm'), `[${name}] `)));
  }
  return supervise(name, child);
}

async function waitForApi(url: string, api: Service): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (api.process.exitCode !== null) throw new Error('the API exited during start; see its log');
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the API did not report healthy within 120s');
}

async function main(): Promise<void> {
  const given = { temporal: !!process.env.TEMPORAL_ADDRESS, mongo: !!process.env.MONGODB_URI, smtp: !!process.env.SMTP_URL };
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(2);
  }
  const dataDir = resolve(repoRoot, config.KOLOKASI_DATA_DIR);
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });

  const services: Service[] = [];
  let stopping = false;
  const shutdown = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      console.log('\n[kolokasi] stopping...');
      await stopAll(services);
      console.log('[kolokasi] stopped');
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    if (!given.temporal) {
      const binary = await provisionTemporal();
      console.log('[kolokasi] starting Temporal dev server...');
      const uiCodecEndpoint = `${config.API_PUBLIC_URL ?? `http://localhost:${config.API_PORT}`}/codec`;
      services.push(await startTemporal({ binary, port: PORTS.temporal, uiPort: PORTS.temporalUi, dbFile: join(dataDir, 'temporal', 'temporal.db'), logDir, uiCodecEndpoint }));
    }
    if (!given.mongo) {
      const binary = await provisionFerretDB();
      console.log('[kolokasi] starting FerretDB (SQLite)...');
      services.push(await startFerretDB({ binary, port: PORTS.mongo, dataDir: join(dataDir, 'ferretdb'), logDir }));
    }
    if (!given.smtp) {
      console.log('[kolokasi] starting MailDev...');
      services.push(await startMailDev({ smtpPort: PORTS.smtp, webPort: PORTS.mailUi, mailDir: join(dataDir, 'mail'), logDir }));
    }

    if (await seedInventoryIfEmpty(config.MONGODB_URI)) console.log('[kolokasi] seeded the demo capacity inventory (racks R01-R02, power, UPS, genset, bandwidth, IP 10.20.1.10-60)');

    const env = {
      TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
      MONGODB_URI: config.MONGODB_URI,
      SMTP_URL: config.SMTP_URL,
    };
    services.push(startNodeProcess('worker', 'worker/main.ts', env, logDir));
    const api = startNodeProcess('api', 'api/main.ts', env, logDir);
    services.push(api);
    const apiUrl = config.API_PUBLIC_URL ?? `http://localhost:${config.API_PORT}`;
    await waitForApi(apiUrl, api);

    for (const service of services) {
      service.process.once('exit', (code) => {
        if (stopping) return;
        console.error(`[kolokasi] ${service.name} stopped unexpectedly (exit ${code}); stopping everything. Logs: ${logDir}`);
        void shutdown(1);
      });
    }

    console.log([
      '',
      'Kolokasi is running. Press Ctrl-C to stop.',
      `  API            ${apiUrl}   (health: ${apiUrl}/health, docs: ${apiUrl}/docs)`,
      `  Temporal UI    ${config.TEMPORAL_UI_URL}`,
      `  Mail (MailDev) ${config.MAIL_UI_URL}`,
      `  Temporal gRPC  ${config.TEMPORAL_ADDRESS}`,
      `  MongoDB        ${config.MONGODB_URI}`,
      `  Data and logs  ${dataDir}`,
      '',
      `Demo users and their tokens: npm run demo-users -- --profile ${config.KOLOKASI_PROFILE}   (README: a whole case with curl)`,
      '',
    ].join('\n'));
  } catch (error) {
    if (error instanceof MissingToolError) console.error(`[kolokasi] ${error.message}`);
    else console.error('[kolokasi] failed to start:', error);
    await shutdown(1);
  }
}

void main();
