// What a case waits for, in words, for refusals of a decision out of turn: the workflow's own
// (workflows/sop/refusals.ts) and the API's early answer from the read model say it the same way.
import type { CaseState } from './caseState';

export function awaitedText(state: CaseState): string {
  const pending = state.currentStep?.pending;
  if (pending) return `"${pending.label}" oleh ${pending.byTitle}`;
  // A back up service between two runs: nobody is asked anything until the schedule comes.
  if (state.backup?.nextRunAt && !state.currentStep && !state.backup.stopRequested) return 'jadwal back up berikutnya';
  return 'proses sistem';
}
