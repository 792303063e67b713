// Integration tests run against the real stack, started here on free ports in a temporary
// directory: Temporal dev server, FerretDB on SQLite, MailDev. Teardown stops all of it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, Service, startFerretDB, stopAll, startMailDev, startTemporal } from '../../scripts/stack';
import { provisionFerretDB, provisionTemporal } from '../../scripts/tools';
import { BUNDLE_ENV, writeWorkflowBundle } from './workflowBundle';

declare global {
  var kolokasiServices: Service[] | undefined;
}

export default async function setup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kolokasi-it-'));
  const logDir = join(dir, 'logs');
  const [temporalBinary, ferretBinary] = [await provisionTemporal(), await provisionFerretDB()];
  const [temporalPort, uiPort, mongoPort, smtpPort, mailWebPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);

  const started = await Promise.allSettled([
    startTemporal({ binary: temporalBinary, port: temporalPort, uiPort, dbFile: join(dir, 'temporal.db'), logDir }),
    startFerretDB({ binary: ferretBinary, port: mongoPort, dataDir: join(dir, 'ferretdb'), logDir }),
    startMailDev({ smtpPort, webPort: mailWebPort, logDir }),
  ]);
  const services = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    // Jest skips globalTeardown when setup throws, so stop what did start here.
    await stopAll(services);
    throw failure.reason;
  }
  globalThis.kolokasiServices = services;
  const bundle = await writeWorkflowBundle(dir);

  Object.assign(process.env, {
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    MONGODB_URI: `mongodb://127.0.0.1:${mongoPort}/kolokasi`,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAILDEV_API_URL: `http://127.0.0.1:${mailWebPort}/api`,
    KOLOKASI_TEST_LOG_DIR: logDir,
    [BUNDLE_ENV]: bundle,
  });
}
