// Continue-As-New for cases that loop for months (a backup service runs until the SKPD asks to
// stop): every few runs the case starts a fresh history with a small carried state — the last
// rows and decisions, the counters its keys are made of — and goes on at the row it was about to
// run. The audit trail in MongoDB keeps everything that was trimmed here.
import { allHandlersFinished, condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import type { CaseState } from '../../shared/caseState';
import type { SopCaseInput } from '../../shared/contracts/sopCase';
import type { ProfileSnapshot } from '../../shared/profile/schema';
import type { CaseBook } from './caseBook';

export interface CarriedCase {
  state: CaseState;
  snapshot: ProfileSnapshot;
  /** The row the new run starts at. */
  at: string;
  occurrences: Record<string, number>;
  lettersSent: string[];
}

/** Loop rows run per history: a weekly backup starts a new history about every ten weeks. */
export const LOOPS_PER_HISTORY = 10;
const KEEP = 8;

export function shouldCarryOver(loopsThisRun: number): boolean {
  const info = workflowInfo();
  return loopsThisRun >= LOOPS_PER_HISTORY || info.continueAsNewSuggested || info.historyLength > 2_000;
}

export async function carryOver(book: CaseBook, input: SopCaseInput, at: string): Promise<never> {
  const { state } = book;
  const droppedSteps = Math.max(state.steps.length - KEEP, 0);
  const droppedDecisions = Math.max(state.decisions.length - KEEP, 0);
  state.steps = state.steps.slice(droppedSteps);
  state.decisions = state.decisions.slice(droppedDecisions);
  state.archived = { steps: (state.archived?.steps ?? 0) + droppedSteps, decisions: (state.archived?.decisions ?? 0) + droppedDecisions };
  book.audit(`carryOver/${state.archived.steps}`, 'historyContinued', { details: { at, archived: state.archived } });
  await book.commit();
  await condition(allHandlersFinished);
  const carried: CarriedCase = { state, at, ...book.carryOver() };
  return continueAsNew<(input: SopCaseInput) => Promise<unknown>>({ ...input, carried });
}
