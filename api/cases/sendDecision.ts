// Sends a decision (or a withdrawal) to the case's workflow as an Update and reads the answer. The
// decisionId is also Temporal's updateId, so a resend is applied once (see decisionKeys.ts).
import type { WorkflowHandle } from '@temporalio/client';
import type { CaseState } from '../../shared/caseState';
import { caseStateQuery } from '../../shared/contracts/sopCase';
import type { DecisionResult } from '../../shared/decisions';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { requestSummary } from '../views/requestView';
import type { DecisionResultView } from '../views/schemas';
import type { DecisionKeyUse } from './decisionKeys';
import { findCase, LoadedCase } from './loadCase';
import { withTemporalDeadline } from './temporalDeadline';
import { apiErrorForUpdateFailure } from './updateErrors';

/** Long enough for the workflow to act on a decision (its activities included), short for a person. */
const UPDATE_DEADLINE_MS = 30_000;

/** A closed case answers a resend of a decision it applied, and refuses anything new. */
function answerFromClosedCase(state: CaseState, decisionId: string): DecisionResultView {
  if (state.decisions.some((d) => d.decisionId === decisionId)) {
    return { decisionId, duplicate: true, case: requestSummary(state, Date.now()) };
  }
  throw new ApiError(409, 'CLOSED', `Permohonan ${state.requestNumber} sudah ditutup (${state.status}); keputusan tidak lagi diterima.`);
}

/** The case as the workflow has it now; the read model's copy when the workflow does not answer. */
async function currentState(deps: ApiDeps, handle: WorkflowHandle, recorded: CaseState): Promise<CaseState> {
  return withTemporalDeadline(deps.temporal, () => handle.query(caseStateQuery)).catch(() => recorded);
}

export async function sendDecision(
  deps: ApiDeps,
  loaded: LoadedCase,
  { decisionId, resend }: DecisionKeyUse,
  send: (handle: WorkflowHandle) => Promise<DecisionResult>,
): Promise<DecisionResultView> {
  const state = loaded.state;
  if (!state) throw new ApiError(409, 'NOT_READY', 'Permohonan baru saja diajukan dan langkah pertamanya sedang disiapkan; coba lagi sebentar.');
  if (state.status !== 'inProgress') return answerFromClosedCase(state, decisionId);

  const handle = deps.temporal.workflow.getHandle(loaded.workflowId);
  if (resend) {
    // A resend of a decision already applied changes nothing: say so, with the case as it stands.
    // (Had the first attempt never reached the workflow, the Update below applies it now.)
    const current = await currentState(deps, handle, state);
    if (current.decisions.some((d) => d.decisionId === decisionId)) {
      return { decisionId, duplicate: true, case: requestSummary({ ...current, submission: state.submission }, Date.now()) };
    }
  }
  try {
    const result = await deps.temporal.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () => send(handle));
    // The workflow answers once the case waits for its next person (or has closed): this is current.
    return { decisionId, duplicate: result.duplicate, case: requestSummary({ ...result.case, submission: state.submission }, Date.now()) };
  } catch (error) {
    const apiError = apiErrorForUpdateFailure(error, decisionId);
    if (apiError?.code === 'CLOSED') {
      // Closed since it was read: a resend of a decision it applied still gets its answer.
      const fresh = await findCase(deps, loaded.requestNumber);
      if (fresh?.state && fresh.status !== 'inProgress') return answerFromClosedCase(fresh.state, decisionId);
    }
    throw apiError ?? error;
  }
}
