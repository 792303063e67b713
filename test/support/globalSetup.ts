// Starts, once per test run, the real services the tests use, on free ports in a temporary
// directory: Temporal dev server, FerretDB on SQLite and MailDev; provisions Temporal's Java
// time-skipping test server for workflow tests and the system Chromium for browser tests; bundles the
// workflows once. globalTeardown stops it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, Service, startFerretDB, startMailDev, startTemporal, stopAll } from '../../scripts/stack';
import { provisionAll } from '../../scripts/tools';
import { BUNDLE_ENV, writeWorkflowBundle } from './workflowBundle';

declare global {
  var kolokasiServices: Service[] | undefined;
}

export default async function setup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kolokasi-test-'));
  const logDir = join(dir, 'logs');
  const tools = await provisionAll();
  const [temporalPort, uiPort, mongoPort, smtpPort, mailWebPort, httpPort, metricsPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);

  const started = await Promise.allSettled([
    startTemporal({ binary: tools.temporal, port: temporalPort, uiPort, sidePorts: { http: httpPort, metrics: metricsPort }, dbFile: join(dir, 'temporal.db'), logDir }),
    startFerretDB({ binary: tools.ferretdb, port: mongoPort, dataDir: join(dir, 'ferretdb'), logDir }),
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

  Object.assign(process.env, {
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    MONGODB_URI: `mongodb://127.0.0.1:${mongoPort}/kolokasi`,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAILDEV_API_URL: `http://127.0.0.1:${mailWebPort}/api`,
    KOLOKASI_TEST_SERVER: tools.testServer,
    KOLOKASI_CHROMIUM: tools.chromium,
    KOLOKASI_PDFTOPPM: tools.pdftoppm,
    KOLOKASI_TEST_LOG_DIR: logDir,
    [BUNDLE_ENV]: await writeWorkflowBundle(dir),
  });
}
