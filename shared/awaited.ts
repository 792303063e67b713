// What a case waits for, in words, for refusals of a decision out of turn: the workflow's own
// (workflows/sop/refusals.ts) and the API's early answer from the read model say it the same way.
import type { CaseState, StepRecord } from './caseState';

/** Where a case stands, as far as saying what it waits for needs: a case's state or its summary. */
export interface TurnState {
  status: CaseState['status'];
  currentStep: Pick<StepRecord, 'stepId' | 'sopStep' | 'pending'> | null;
  backup?: CaseState['backup'];
}

export function awaitedText(state: Pick<TurnState, 'currentStep' | 'backup'>): string {
  const pending = state.currentStep?.pending;
  if (pending) return `"${pending.label}" oleh ${pending.byTitle}`;
  // A back up service between two runs: nobody is asked anything until the schedule comes.
  if (state.backup?.nextRunAt && !state.currentStep && !state.backup.stopRequested) return 'jadwal back up berikutnya';
  return 'proses sistem';
}
