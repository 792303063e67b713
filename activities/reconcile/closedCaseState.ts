// The read model of a case whose workflow ended without recording its ending (terminated, cancelled
// before its first step, failed, or gone from Temporal): the state the record should have said.
import { getProfile } from '../../shared/profile/registry';
import type { SopCaseInput } from '../../shared/contracts/sopCase';
import { CaseState, openingState } from '../../shared/caseState';

/** How Temporal says a workflow ended, or that it is not there at all. */
export type WorkflowEnding = 'CANCELLED' | 'TERMINATED' | 'FAILED' | 'TIMED_OUT' | 'COMPLETED' | 'NOT_FOUND';

/** The close reason a person reads on the request, in Bahasa Indonesia. */
export const endingReasons: Record<WorkflowEnding, string> = {
  CANCELLED: 'Dibatalkan melalui Temporal sebelum penutupan tercatat',
  TERMINATED: 'Dihentikan paksa (terminate) melalui Temporal',
  FAILED: 'Alur kerja permohonan gagal di Temporal',
  TIMED_OUT: 'Batas waktu alur kerja permohonan di Temporal habis',
  COMPLETED: 'Alur kerja selesai tanpa mencatat penutupan permohonan',
  NOT_FOUND: 'Alur kerja permohonan tidak ditemukan di Temporal',
};

/**
 * The recorded state, closed as the workflow would have closed it: the case stops waiting, the step
 * it was on ends with the status as its outcome, and the revision moves past the last one written.
 * "cancelled" is the one ending the API knows for a case stopped from outside the SOP.
 */
export function closeRecordedState(state: CaseState, ending: WorkflowEnding, closedAt: Date): CaseState {
  const current = state.currentStep;
  const endStep = (s: NonNullable<CaseState['currentStep']>) =>
    s.completedAt ? s : { ...s, completedAt: closedAt.toISOString(), outcome: 'cancelled', pending: undefined };
  return {
    ...state,
    status: 'cancelled',
    closedAt: closedAt.toISOString(),
    closeReason: endingReasons[ending],
    currentStep: null,
    steps: state.steps.map((s) => (current && s.stepId === current.stepId && s.startedAt === current.startedAt ? endStep(s) : s)),
    revision: state.revision + 1,
  };
}

/** A case that ended before it wrote any record: rebuilt from the workflow's own input. */
export function closedStateFromInput(input: SopCaseInput, workflowId: string, startedAt: Date, ending: WorkflowEnding, closedAt: Date): CaseState {
  let profile: ReturnType<typeof getProfile> | undefined;
  try {
    profile = getProfile(input.profileId);
  } catch {
    profile = undefined; // a profile removed since: the record still says what was asked
  }
  const procedure = profile?.procedures.find((p) => p.id === input.procedureId);
  const opened = openingState({
    requestNumber: input.requestNumber,
    workflowId,
    profile: { id: input.profileId, version: profile?.version ?? 0, agency: profile?.agency.name ?? '' },
    procedure: { id: input.procedureId, title: procedure?.title ?? input.procedureId },
    request: input.request,
    submittedAt: startedAt.toISOString(),
  });
  return { ...opened, status: 'cancelled', closedAt: closedAt.toISOString(), closeReason: endingReasons[ending], revision: 1 };
}
