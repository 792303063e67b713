// `npm start`: the whole system on the embedded default — Temporal dev server, FerretDB, MailDev,
// the worker and the API — with data kept in one directory across runs. A service whose address is
// given in the environment (TEMPORAL_ADDRESS, MONGODB_URI, SMTP_URL) is used as is, not started.
// Each process it starts is kept running: one that dies is restarted with a growing pause, so one
// crash is one log line, not an outage. Ctrl-C or SIGTERM stops everything, children first.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { apiPublicUrl, ConfigError, loadConfig } from '../shared/config';
import { getProfile, UnknownProfileError } from '../shared/profile/registry';
import { seedDemoDataIfEmpty } from './seedDemoData';
import { hasExited, keepAlive, killEverything, launchNode, launchWorker, runChildrenInOwnGroups, Service, startFerretDB, startMailDev, startTemporal, stopAll, stopStragglers } from './stack';
import { MissingToolError, provisionFerretDB, provisionTemporal } from './tools';

const repoRoot = resolve(__dirname, '..');
const DEMO_SIGN_IN_EXAMPLES = 'dinkes@opd.example.go.id (pemohon), kabid@kominfo.example.go.id, admin@kominfo.example.go.id';

/** Until the API answers HTTP at all (/health may say a dependency is down: the API itself is up). */
async function waitForApi(url: string, api: Service): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (hasExited(api.process)) throw new Error('the API exited during start; see its log');
    try {
      await fetch(`${url}/health`, { signal: AbortSignal.timeout(5000) });
      return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await api.stop();
  throw new Error('the API did not answer within 120s');
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
  let profile;
  try {
    profile = getProfile(config.KOLOKASI_PROFILE);
  } catch (error) {
    if (!(error instanceof UnknownProfileError)) throw error;
    console.error(`Invalid configuration:\n  KOLOKASI_PROFILE=${JSON.stringify(config.KOLOKASI_PROFILE)}: ${error.message}`);
    process.exit(2);
  }
  const dataDir = resolve(repoRoot, config.KOLOKASI_DATA_DIR);
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const apiUrl = apiPublicUrl(config);
  // Where the services are: as given, or where this command starts them. The worker gets the API's
  // public address too, for the links in the emails it writes.
  const env = {
    API_PUBLIC_URL: apiUrl,
    TEMPORAL_ADDRESS: given.temporal ? config.TEMPORAL_ADDRESS : `127.0.0.1:${config.TEMPORAL_PORT}`,
    MONGODB_URI: given.mongo ? config.MONGODB_URI : `mongodb://127.0.0.1:${config.MONGODB_PORT}/kolokasi`,
    SMTP_URL: given.smtp ? config.SMTP_URL : `smtp://127.0.0.1:${config.SMTP_PORT}`,
    TEMPORAL_UI_URL: process.env.TEMPORAL_UI_URL || `http://localhost:${config.TEMPORAL_UI_PORT}`,
    MAIL_UI_URL: process.env.MAIL_UI_URL || `http://localhost:${config.MAIL_UI_PORT}`,
  };

  runChildrenInOwnGroups();
  const services: Service[] = [];
  let stopped: Promise<void> | undefined;
  const shutdown = async (code: number): Promise<never> => {
    stopped ??= (async () => {
      console.log('\n[kolokasi] stopping...');
      await stopAll(services);
      await stopStragglers();
      console.log('[kolokasi] stopped');
    })();
    await stopped;
    process.exit(code);
  };
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    // The same Ctrl-C can arrive twice (from the terminal and relayed by a launcher such as tsx): only
    // a second press, a moment later, means "do not wait".
    if (stopped && Date.now() - firstSignalAt < 1000) return;
    firstSignalAt ||= Date.now();
    if (stopped) {
      console.log(`[kolokasi] ${signal} again: killing everything now`);
      killEverything();
      process.exit(130);
    }
    void shutdown(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    if (!given.temporal) {
      const binary = await provisionTemporal();
      console.log('[kolokasi] starting Temporal dev server...');
      const dbFile = join(dataDir, 'temporal', 'temporal.db');
      const uiCodecEndpoint = `${apiUrl}/codec`;
      services.push(await keepAlive('temporal', () => startTemporal({ binary, port: config.TEMPORAL_PORT, uiPort: config.TEMPORAL_UI_PORT, dbFile, logDir, uiCodecEndpoint })));
    }
    if (!given.mongo) {
      const binary = await provisionFerretDB();
      console.log('[kolokasi] starting FerretDB (SQLite)...');
      services.push(await keepAlive('ferretdb', () => startFerretDB({ binary, port: config.MONGODB_PORT, dataDir: join(dataDir, 'ferretdb'), logDir })));
    }
    if (!given.smtp) {
      console.log('[kolokasi] starting MailDev...');
      services.push(await keepAlive('maildev', () => startMailDev({ smtpPort: config.SMTP_PORT, webPort: config.MAIL_UI_PORT, mailDir: join(dataDir, 'mail'), logDir })));
    }

    const seeded = await seedDemoDataIfEmpty(env.MONGODB_URI, profile);
    if (seeded.inventory) console.log('[kolokasi] seeded the demo capacity inventory (racks R01-R02, power, UPS, genset, bandwidth, IP 10.20.1.10-60)');
    if (seeded.users.length) console.log(`[kolokasi] created the demo users: ${seeded.users.map((u) => u.email).join(', ')}`);

    services.push(await keepAlive('worker', async () => launchWorker(logDir, { env, echo: true })));
    services.push(await keepAlive('api', async () => {
      const api = launchNode('api', 'api/main.ts', logDir, { env, echo: true });
      await waitForApi(apiUrl, api);
      return api;
    }));

    console.log([
      '',
      'Kolokasi is running. Press Ctrl-C to stop.',
      `  Web app        ${apiUrl}/app/`,
      `  API            ${apiUrl}   (health: ${apiUrl}/health, docs: ${apiUrl}/docs)`,
      `  Temporal UI    ${env.TEMPORAL_UI_URL}`,
      `  Mail (MailDev) ${env.MAIL_UI_URL}`,
      `  Temporal gRPC  ${env.TEMPORAL_ADDRESS}`,
      `  MongoDB        ${env.MONGODB_URI}`,
      `  Data and logs  ${dataDir}`,
      '',
      `Open the web app at ${apiUrl}/app/ and sign in with a demo user's address, e.g. ${DEMO_SIGN_IN_EXAMPLES}:`,
      `the sign-in link arrives in MailDev (${env.MAIL_UI_URL}). API tokens for curl: npm run demo-users -- --profile ${config.KOLOKASI_PROFILE}`,
      '',
    ].join('\n'));
  } catch (error) {
    if (stopped) return;
    if (error instanceof MissingToolError) console.error(`[kolokasi] ${error.message}`);
    else console.error('[kolokasi] failed to start:', error);
    await shutdown(1);
  }
}

void main();
