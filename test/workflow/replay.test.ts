// Replays committed histories of real cases against today's workflow code: a change that would
// break cases already running (non-determinism) fails here, before it reaches a worker.
//
// To record new histories after an intended, versioned change:
//   KOLOKASI_RECORD_HISTORIES=1 npx jest test/workflow/replay.test.ts
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataConverterFromEnv } from '../../shared/dataConverter';
import { workflowBundleFromEnv } from '../support/workflowBundle';
import { createHarness, driveToEnd, driveUntil, pendingKind } from './support/caseHarness';

const dir = join(__dirname, '..', 'histories');
const recording = process.env.KOLOKASI_RECORD_HISTORIES === '1';

(recording ? test : test.skip)('record histories of representative cases', async () => {
  const h = await createHarness('kolokasi_wf_replay_record');
  try {
    const scenarios: Record<string, () => Promise<{ fetchHistory(): Promise<unknown>; workflowId: string }>> = {
      'cirebon-completed': async () => {
        const handle = await h.start('cirebon');
        let mismatches = 0;
        await driveToEnd(h, handle, (kind) => (kind === 'specVerification' && mismatches++ === 0 ? { result: 'mismatch', reasons: ['Serial number berbeda'] } : undefined));
        return handle;
      },
      'jateng-rejected-by-kadis': async () => {
        const handle = await h.start('jateng');
        await driveUntil(h, handle, (s) => pendingKind(s) === 'approval' && s.currentStep?.pending?.by === 'kadis');
        await h.decide(handle, 'approval', 'kadis', { decision: 'reject', consideration: 'Belum ada kajian keamanan' });
        return handle;
      },
      'sumbar-breached-then-withdrawn': async () => {
        const handle = await h.start('sumbar');
        const state = await driveUntil(h, handle, (s) => pendingKind(s) === 'task');
        await h.advancePast(state.currentStep!.deadline!);
        await h.withdraw(handle, 'Dialihkan ke pusat data nasional');
        return handle;
      },
      'kaltim-expired': async () => {
        const handle = await h.start('kaltim');
        const state = await driveUntil(h, handle, (s) => pendingKind(s) === 'deviceDelivery');
        await h.advancePast(new Date(Date.parse(state.currentStep!.startedAt) + 30 * 24 * 3600_000).toISOString());
        await handle.result();
        return handle;
      },
    };
    for (const [name, run] of Object.entries(scenarios)) {
      const handle = await run();
      const history = await handle.fetchHistory();
      writeFileSync(join(dir, `${name}.json`), historyToJSON(history as Parameters<typeof historyToJSON>[0]));
    }
  } finally {
    await h.close();
  }
});

test('every committed history replays on the current workflow code', async () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  expect(files.length).toBeGreaterThanOrEqual(4);
  const histories = files.map((file) => ({ workflowId: file, history: historyFromJSON(JSON.parse(readFileSync(join(dir, file), 'utf8'))) }));
  const failures: string[] = [];
  // With the payload codec: histories recorded before encryption hold plain payloads, which it
  // passes through unchanged, as a worker does for cases started before encryption was turned on.
  for await (const result of Worker.runReplayHistories({ workflowBundle: workflowBundleFromEnv(), dataConverter: dataConverterFromEnv() }, histories)) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
});
