// The cases whose histories test/histories/ keeps for the replay test: every procedure's "Ya"
// path, each decision row answered "Tidak", and the endings that come from outside a procedure
// (cancellation, escalation, expiry, withdrawal) and a backup continued as new. Recorded by
// `npm run record-histories` (scripts/recordHistories.ts); test/workflow/replay.test.ts checks
// that each name here has its history.
import type { WorkflowHandle } from '@temporalio/client';
import { listProfiles } from '../../../shared/profile/registry';
import { LOOPS_PER_HISTORY } from '../../../workflows/sop/carryOver';
import { randomUUID } from 'node:crypto';
import { decideExtensionUpdate, requestExtensionUpdate } from '../../../shared/contracts/placement';
import { actorFor, driveUntil, eventually, Harness, pendingKind } from './caseHarness';
import { drive } from './drive';
import { reviewScenarios } from './reviewScenarios';
import { aTemporaryColocation, askWithdrawal, goLive, LivePlacement, startPlacementWithExtension, withdrawalCase } from './placements';

export type Scenario = (h: Harness) => Promise<WorkflowHandle>;

function procedureScenarios(): Record<string, Scenario> {
  const result: Record<string, Scenario> = {};
  for (const profile of listProfiles()) {
    for (const procedure of profile.procedures) {
      const name = `${profile.id}-${procedure.id}`;
      result[`${name}-ya`] = async (h) => {
        const handle = await h.start(profile.id, procedure.id);
        await drive(h, handle);
        return handle;
      };
      for (const row of procedure.activities) {
        if (!row.next || !('question' in row.next) || row.next.answer !== 'action') continue;
        result[`${name}-row${row.no}-tidak`] = async (h) => {
          const handle = await h.start(profile.id, procedure.id);
          await drive(h, handle, row.no);
          return handle;
        };
      }
    }
  }
  return result;
}

/** Approves the placement's withdrawal case and records the removal, as the Kabid and staff would. */
async function carryOutWithdrawal(h: Harness, placement: LivePlacement): Promise<void> {
  const child = await withdrawalCase(h, placement);
  await drive(h, child);
}

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const scenarios: Record<string, Scenario> = {
  ...procedureScenarios(),
  ...reviewScenarios,
  'cirebon-colocation-cancelled': async (h) => {
    const handle = await h.start('cirebon');
    await driveUntil(h, handle, (s) => pendingKind(s) === 'deviceDelivery');
    await handle.cancel();
    return handle;
  },
  'cirebon-colocation-escalated-then-completed': async (h) => {
    const handle = await h.start('cirebon');
    const state = await driveUntil(h, handle, (s) => pendingKind(s) === 'disposition');
    await h.advancePast(new Date(Date.parse(state.currentStep!.deadline!) + 3 * 24 * 3600_000).toISOString());
    await drive(h, handle);
    return handle;
  },
  'cirebon-colocation-expired': async (h) => {
    const handle = await h.start('cirebon');
    const state = await driveUntil(h, handle, (s) => pendingKind(s) === 'applicationForm');
    await h.advancePast(new Date(Date.parse(state.currentStep!.startedAt) + 30 * 24 * 3600_000).toISOString());
    return handle;
  },
  // Sumbar's row 6 reads the capacity found in row 3 (a condition row): no room there ends the case.
  'sumbar-colocation-row6-tidak': async (h) => {
    const handle = await h.start('sumbar');
    await drive(h, handle, '3');
    return handle;
  },
  'sumbar-colocation-breached-then-withdrawn': async (h) => {
    const handle = await h.start('sumbar');
    const state = await driveUntil(h, handle, (s) => pendingKind(s) === 'powerCheck');
    await h.advancePast(state.currentStep!.deadline!);
    await h.withdraw(handle, 'Dialihkan ke pusat data nasional');
    return handle;
  },
  // The placement after go-live (workflows/placement.ts): withdrawn on request; a temporary one
  // extended once, reminded, and withdrawn by itself at its end date.
  'cirebon-placement-withdrawn-on-request': async (h) => {
    const placement = await goLive(h);
    await askWithdrawal(placement);
    await carryOutWithdrawal(h, placement);
    return placement.handle;
  },
  'cirebon-placement-extended-then-withdrawn-at-term-end': async (h) => {
    const until = isoDate((await h.env.currentTimeMs()) + 40 * DAY);
    const placement = await goLive(h, 'cirebon', aTemporaryColocation(until));
    const newUntil = isoDate(Date.parse(`${until}T00:00:00Z`) + 30 * DAY);
    const ask = randomUUID();
    await placement.handle.executeUpdate(requestExtensionUpdate, { args: [{ requestId: ask, actor: actorFor('applicant'), until: newUntil, reason: 'Migrasi aplikasi belum selesai' }], updateId: ask });
    const decide = randomUUID();
    await placement.handle.executeUpdate(decideExtensionUpdate, { args: [{ requestId: decide, actor: actorFor('kabid'), decision: 'approve', consideration: 'Migrasi dijadwalkan bulan depan' }], updateId: decide });
    await h.advancePast(`${newUntil}T02:00:00Z`);
    await eventually(async () => {
      if ((await placement.state()).status !== 'withdrawing') throw new Error('not withdrawing yet');
    });
    await carryOutWithdrawal(h, placement);
    return placement.handle;
  },
  // Since the patch placement-carry-over-while-waiting: a refused extension, then a withdrawal.
  'placement-carry-over-while-waiting-cirebon-refused-extension': async (h) => {
    const until = isoDate((await h.env.currentTimeMs()) + 200 * DAY);
    const placement = await goLive(h, 'cirebon', aTemporaryColocation(until));
    const ask = randomUUID();
    await placement.handle.executeUpdate(requestExtensionUpdate, { args: [{ requestId: ask, actor: actorFor('applicant'), until: isoDate(Date.parse(`${until}T00:00:00Z`) + 30 * DAY), reason: 'Migrasi aplikasi belum selesai' }], updateId: ask });
    const refuse = randomUUID();
    await placement.handle.executeUpdate(decideExtensionUpdate, { args: [{ requestId: refuse, actor: actorFor('kabid'), decision: 'reject', consideration: 'Belum ada rencana migrasi' }], updateId: refuse });
    await askWithdrawal(placement);
    await carryOutWithdrawal(h, placement);
    return placement.handle;
  },
  // A decision, and a placement's request, that reached the workflow before it had read its profile
  // (sent with the start): checked by the handler once the case waits, then applied or refused.
  'cirebon-colocation-decision-with-start': async (h) => {
    const { handle, result } = await h.startWithDecision('cirebon', 'disposition', 'kabid', { note: 'Diteruskan ke Kasi' });
    await result;
    await drive(h, handle);
    return handle;
  },
  'cirebon-colocation-refused-with-start': async (h) => {
    const { handle, result } = await h.startWithDecision('cirebon', 'disposition', 'kadis', { note: 'Diteruskan' });
    await result.catch(() => undefined);
    await drive(h, handle);
    return handle;
  },
  'cirebon-placement-extension-with-start': async (h) => {
    const until = isoDate((await h.env.currentTimeMs()) + 60 * DAY);
    const { placement, result } = await startPlacementWithExtension(h, 'applicant', until, isoDate(Date.parse(`${until}T00:00:00Z`) + 30 * DAY));
    await result;
    await askWithdrawal(placement);
    await carryOutWithdrawal(h, placement);
    return placement.handle;
  },
  'jateng-backup-continued-as-new': async (h) => {
    const handle = await h.start('jateng', 'backup');
    // Past a history's loops, then stopped: the recorder keeps both runs' histories.
    await drive(h, handle, undefined, LOOPS_PER_HISTORY + 2);
    return handle;
  },
};
