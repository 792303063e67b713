// Drives a case of any procedure the way people would, answering every action with a plausible
// payload, and "Tidak" once at a chosen decision row: shared by the procedure tests and the
// recording of replay histories (scripts/recordHistories.ts).
import type { WorkflowHandle } from '@temporalio/client';
import type { CaseState } from '../../../shared/caseState';
import type { DecisionPayload } from '../../../shared/decisions';
import type { HumanActionKind } from '../../../shared/profile/actions';
import { Harness, happyPayload } from './caseHarness';

/** What a person records to answer "Tidak" with each kind that can answer. */
export const no: Partial<Record<HumanActionKind, DecisionPayload<HumanActionKind>>> = {
  capacityCheck: { outcome: 'unavailable', reason: 'Rak penuh sampai akhir tahun' },
  powerCheck: { outcome: 'unavailable', reason: 'Daya listrik kantor tidak mencukupi' },
  approval: { decision: 'reject', consideration: 'Aplikasi belum memenuhi standar keamanan' },
  specVerification: { result: 'mismatch', reasons: ['RAM terpasang 32 GB, diajukan 64 GB'] },
  decision: { answer: 'tidak' },
  withdrawalApproval: { decision: 'reject', consideration: 'Server masih dipakai layanan publik' },
};

/**
 * Drives a case: `tidakAt` names the row whose first answer is "Tidak". A backup service is asked
 * to stop after two runs (or as many as asked); a wait for the schedule is skipped through.
 */
export async function drive(h: Harness, handle: WorkflowHandle, tidakAt?: string, stopBackupAfterRuns = 2): Promise<{ state: CaseState; trail: string[] }> {
  const trail: string[] = [];
  let saidNo = false;
  let stopAsked = false;
  for (let i = 0; i < 80 + 3 * stopBackupAfterRuns; i += 1) {
    const state = await waitForPendingOrScheduled(h, handle);
    if (state.status !== 'inProgress') return { state, trail };
    if (state.submission.kind === 'backup' && (state.backup?.runs ?? 0) >= stopBackupAfterRuns && !stopAsked) {
      stopAsked = true;
      await h.requestStop(handle);
      continue;
    }
    const step = state.currentStep;
    if (!step?.pending) {
      await h.env.sleep('8 days');
      continue;
    }
    const kind = step.pending.kind as HumanActionKind;
    const answerNo = !saidNo && step.sopStep === tidakAt && no[kind];
    if (answerNo) saidNo = true;
    trail.push(`${step.sopStep}:${kind}${answerNo ? ':tidak' : ''}`);
    await h.env.sleep('5 minutes');
    await h.decide(handle, kind, step.pending.by, answerNo || happyPayload(kind, state));
  }
  throw new Error(`case did not end within 80 actions: ${trail.join(' ')}`);
}

/**
 * Polls until the case waits for a person, waits for its next scheduled run, or has ended. Between a
 * run and the next row the case briefly has no current step either: a wait for the schedule is the
 * one that follows a decision other than the run itself.
 */
async function waitForPendingOrScheduled(h: Harness, handle: WorkflowHandle): Promise<CaseState> {
  for (let i = 0; i < 400; i += 1) {
    // Until the first workflow task completes (or a continued run starts), the query may fail.
    const state = await h.state(handle).catch(() => undefined);
    if (state) {
      if (state.status !== 'inProgress' || state.currentStep?.pending) return state;
      if (state.backup?.nextRunAt && !state.currentStep && state.decisions.at(-1)?.kind !== 'backupRun') return state;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('case neither waits nor ended');
}
