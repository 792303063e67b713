// Sends a decision (or a withdrawal) to the case's workflow as an Update and reads the answer. The
// decisionId is also Temporal's updateId, so a resend is applied once (see decisionKeys.ts).
import type { WorkflowHandle } from '@temporalio/client';
import type { CaseState } from '../../shared/caseState';
import type { DecisionResult } from '../../shared/decisions';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { summaryOfView } from '../../shared/readModel';
import { requestSummary } from '../views/requestView';
import { summaryIndex } from '../views/summaryIndex';
import type { DecisionResultView } from '../views/schemas';
import type { DecisionKeyUse } from './decisionKeys';
import { DecisionTarget, findCase, liveState } from './loadCase';
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

export async function sendDecision(
  deps: ApiDeps,
  target: DecisionTarget,
  { decisionId, resend }: DecisionKeyUse,
  send: (handle: WorkflowHandle) => Promise<DecisionResult>,
): Promise<DecisionResultView> {
  if (!target.opened) throw new ApiError(409, 'NOT_READY', 'Permohonan baru saja diajukan dan langkah pertamanya sedang disiapkan; coba lagi sebentar.');
  if (target.status !== 'inProgress') return answerFromClosedCase((await target.recorded())!, decisionId);

  const handle = deps.temporal.workflow.getHandle(target.workflowId);
  if (resend) {
    // A resend of a decision already applied changes nothing: say so, with the case as it stands
    // (the workflow's; the record's when the workflow does not answer). Had the first attempt never
    // reached the workflow, the Update below applies it now.
    const current = await liveState(deps, target);
    if (current?.decisions.some((d) => d.decisionId === decisionId)) {
      return { decisionId, duplicate: true, case: requestSummary(current, Date.now()) };
    }
  }
  try {
    const result = await deps.temporal.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () => send(handle));
    summaryIndex().learn(summaryOfView(result.case, target.domain));
    // The workflow answers once the case waits for its next person (or has closed): this is current.
    return { decisionId, duplicate: result.duplicate, case: requestSummary({ ...result.case, domain: target.domain }, Date.now()) };
  } catch (error) {
    const apiError = apiErrorForUpdateFailure(error, decisionId);
    if (apiError?.code === 'CLOSED') {
      // Closed since it was read: a resend of a decision it applied still gets its answer.
      const fresh = await findCase(deps, target.requestNumber);
      if (fresh?.state && fresh.status !== 'inProgress') return answerFromClosedCase(fresh.state, decisionId);
    }
    throw apiError ?? error;
  }
}
