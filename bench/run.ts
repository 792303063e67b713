// `npm run bench`: figures for the hot paths of a case. Printed, never asserted: compare runs.
//   - working-time deadlines (every step start and every SLA timer computes one)
//   - profile snapshot loading (once per case start: profile + holidays of three years, from the
//     working calendar in the store: a FerretDB of its own in a temporary directory)
//   - the size of a case's recorded state (sent to MongoDB at every transition, kept in history)
//   - the start of a workflow run in the worker's sandbox (each new case, each replay after an eviction)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createProfileActivities } from '../activities/profile';
import { freePort, startFerretDB } from '../scripts/stack';
import { provisionFerretDB } from '../scripts/tools';
import { connectMongo, disconnectMongo } from '../shared/db/connect';
import { addWorkingDuration, workingCalendar, workingMinutesBetween } from '../shared/workingTime';
import { aSubmission } from '../test/fixtures/submission';
import { measureWorkflowRunStart } from './workflowRunStart';

function measure(label: string, iterations: number, run: (i: number) => void): void {
  for (let i = 0; i < Math.min(iterations, 1000); i += 1) run(i); // warm-up
  const started = performance.now();
  for (let i = 0; i < iterations; i += 1) run(i);
  const ms = performance.now() - started;
  console.log(`${label.padEnd(48)} ${Math.round((iterations / ms) * 1000).toLocaleString('en').padStart(12)} ops/s  (${(ms / iterations * 1000).toFixed(2)} µs/op)`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kolokasi-bench-'));
  const port = await freePort();
  const store = await startFerretDB({ binary: await provisionFerretDB(), port, dataDir: join(dir, 'ferretdb'), logDir: dir });
  try {
    await connectMongo(`mongodb://127.0.0.1:${port}/kolokasi_bench`);
    await measureAll();
  } finally {
    await disconnectMongo();
    await store.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureAll(): Promise<void> {
  const { loadProfileSnapshot } = createProfileActivities();
  const years = [2026, 2027, 2028];
  const started = performance.now();
  const snapshot = await loadProfileSnapshot({ profileId: 'sumbar', years });
  console.log(`${'first profile snapshot (reads files, holidays)'.padEnd(48)} ${(performance.now() - started).toFixed(1).padStart(12)} ms`);
  const warm = performance.now();
  for (let i = 0; i < 200; i += 1) await loadProfileSnapshot({ profileId: 'cirebon', years });
  console.log(`${'profile snapshot, warm (per case start)'.padEnd(48)} ${((performance.now() - warm) / 200).toFixed(2).padStart(12)} ms`);

  const calendar = workingCalendar(snapshot);
  const base = Date.parse('2026-01-01T00:00:00Z');
  const hour = 3_600_000;
  measure('addWorkingDuration 15 menit', 200_000, (i) => addWorkingDuration(base + ((i * 7919) % 8760) * hour, { amount: 15, unit: 'menit' }, calendar));
  measure('addWorkingDuration 5 hari (grace period)', 200_000, (i) => addWorkingDuration(base + ((i * 7919) % 8760) * hour, { amount: 5, unit: 'hari' }, calendar));
  measure('workingMinutesBetween over 30 days', 100_000, (i) => workingMinutesBetween(base + ((i * 7919) % 8000) * hour, base + (((i * 7919) % 8000) + 720) * hour, calendar));

  const stateBytes = Buffer.byteLength(JSON.stringify({ submission: aSubmission(), steps: snapshot.profile.procedures[0]!.activities, decisions: [] }));
  console.log(`${'case state at start (bytes per recorded write)'.padEnd(48)} ${stateBytes.toLocaleString('en').padStart(12)} B`);
  const memoryBefore = process.memoryUsage().heapUsed;
  const states = Array.from({ length: 1000 }, () => structuredClone({ submission: aSubmission(), steps: snapshot.profile.procedures[0]!.activities }));
  console.log(`${'heap per 1000 case states'.padEnd(48)} ${((process.memoryUsage().heapUsed - memoryBefore) / 1024 / 1024).toFixed(1).padStart(12)} MiB (${states.length} held)`);

  const runStart = await measureWorkflowRunStart(200);
  console.log(`${'start of a workflow run (loads our modules)'.padEnd(48)} ${runStart.wallMs.toFixed(2).padStart(12)} ms (${runStart.cpuMs.toFixed(2)} ms CPU)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
