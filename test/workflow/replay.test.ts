// Replays committed histories of real cases against today's workflow code: a change that would
// break cases already running (non-determinism) fails here, before it reaches a worker.
//
// Two generations are kept: the four histories without a `lean-` prefix were recorded before the
// lean path (patch "lean-case-commits") and can no longer be recorded; they stay as they are, so
// cases started before it keep replaying. The `lean-*` ones cover each branch of the lean path.
// To record histories after an intended, versioned change (docs/VERSIONING.md), all or some:
//   KOLOKASI_RECORD_HISTORIES=1 npx jest --selectProjects workflow -- test/workflow/replay.test.ts
//   KOLOKASI_RECORD_HISTORIES=lean-cirebon-cancelled,lean-kaltim-expired npx jest ...
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataConverterFromEnv } from '../../shared/dataConverter';
import { LEAN_CASE_PATCH } from '../../workflows/colocationRequest';
import { aSubmission } from '../fixtures/submission';
import { workflowBundleFromEnv } from '../support/workflowBundle';
import { createHarness, driveToEnd, driveUntil, Harness, pendingKind } from './support/caseHarness';

const dir = join(__dirname, '..', 'histories');
const recordOnly = process.env.KOLOKASI_RECORD_HISTORIES;

type Recorded = { fetchHistory(): Promise<unknown>; result(): Promise<unknown> };
const mismatchOnce = () => {
  let mismatches = 0;
  return (kind: string) => (kind === 'specVerification' && mismatches++ === 0 ? { result: 'mismatch' as const, reasons: ['Serial number berbeda'] } : undefined);
};

/** One representative case per branch of the lean path. */
const scenarios: Record<string, (h: Harness) => Promise<Recorded>> = {
  'lean-cirebon-completed': async (h) => {
    const handle = await h.start('cirebon');
    await driveToEnd(h, handle);
    return handle;
  },
  'lean-cirebon-mismatch-then-completed': async (h) => {
    const handle = await h.start('cirebon');
    await driveToEnd(h, handle, mismatchOnce());
    return handle;
  },
  'lean-jateng-rejected-by-kadis': async (h) => {
    const handle = await h.start('jateng');
    await driveUntil(h, handle, (s) => pendingKind(s) === 'approval' && s.currentStep?.pending?.by === 'kadis');
    await h.decide(handle, 'approval', 'kadis', { decision: 'reject', consideration: 'Belum ada kajian keamanan' });
    return handle;
  },
  'lean-cirebon-no-capacity': async (h) => {
    const handle = await h.start('cirebon', aSubmission({ needs: { rackUnits: 2, powerWatts: 800, bandwidthMbps: 10_000 } }));
    await driveUntil(h, handle, (s) => pendingKind(s) === 'capacityCheck');
    await h.decide(handle, 'capacityCheck', 'dcStaff', { outcome: 'unavailable', reason: 'Bandwidth tidak mencukupi' });
    return handle;
  },
  'lean-sumbar-breached-then-withdrawn': async (h) => {
    const handle = await h.start('sumbar');
    const state = await driveUntil(h, handle, (s) => pendingKind(s) === 'task');
    await h.advancePast(state.currentStep!.deadline!);
    await h.withdraw(handle, 'Dialihkan ke pusat data nasional');
    return handle;
  },
  'lean-cirebon-escalated-then-completed': async (h) => {
    const handle = await h.start('cirebon');
    const state = await driveUntil(h, handle, (s) => pendingKind(s) === 'disposition');
    await h.advancePast(new Date(Date.parse(state.currentStep!.deadline!) + 3 * 24 * 3600_000).toISOString());
    await driveToEnd(h, handle);
    return handle;
  },
  'lean-kaltim-expired': async (h) => {
    const handle = await h.start('kaltim');
    const state = await driveUntil(h, handle, (s) => pendingKind(s) === 'deviceDelivery');
    await h.advancePast(new Date(Date.parse(state.currentStep!.startedAt) + 30 * 24 * 3600_000).toISOString());
    return handle;
  },
  'lean-cirebon-cancelled': async (h) => {
    const handle = await h.start('cirebon');
    await driveUntil(h, handle, (s) => pendingKind(s) === 'deviceDelivery');
    await handle.cancel();
    return handle;
  },
};

function hasPatch(history: ReturnType<typeof historyFromJSON>, patchId: string): boolean {
  return (history.events ?? []).some((e) => {
    const data = e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data;
    return !!data && (JSON.parse(Buffer.from(data).toString('utf8')) as { id?: string }).id === patchId;
  });
}

(recordOnly ? test : test.skip)('record histories of representative cases', async () => {
  const names = recordOnly === '1' ? Object.keys(scenarios) : recordOnly!.split(',');
  const h = await createHarness('kolokasi_wf_replay_record');
  try {
    for (const name of names) {
      const handle = await scenarios[name]!(h);
      await handle.result().catch(() => undefined); // a cancelled case ends with an error
      const history = await handle.fetchHistory();
      writeFileSync(join(dir, `${name}.json`), historyToJSON(history as Parameters<typeof historyToJSON>[0]));
    }
  } finally {
    await h.close();
  }
});

test('every committed history replays on the current workflow code', async () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const histories = files.map((file) => ({ workflowId: file, history: historyFromJSON(JSON.parse(readFileSync(join(dir, file), 'utf8'))) }));
  // Both generations stay covered: cases recorded before the lean path and after it.
  const lean = histories.filter(({ history }) => hasPatch(history, LEAN_CASE_PATCH));
  expect(histories.length - lean.length).toBeGreaterThanOrEqual(4);
  expect(lean.length).toBeGreaterThanOrEqual(Object.keys(scenarios).length);
  const failures: string[] = [];
  // With the payload codec: histories recorded before encryption hold plain payloads, which it
  // passes through unchanged, as a worker does for cases started before encryption was turned on.
  for await (const result of Worker.runReplayHistories({ workflowBundle: workflowBundleFromEnv(), dataConverter: dataConverterFromEnv() }, histories)) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
});
