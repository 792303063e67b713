// Finds a case for a caller: from the read model the workflow writes, or, in the moment between the
// start and its first write, from the workflow itself. A case outside an applicant's unit is answered
// exactly like an unknown one, so request numbers of other units leak nothing.
import { WorkflowNotFoundError } from '@temporalio/common';
import type { TurnState } from '../../shared/awaited';
import { requestDomain, type CaseState, type CaseStatus } from '../../shared/caseState';
import { caseStateQuery, SA } from '../../shared/contracts/sopCase';
import { RequestRecord } from '../../shared/db/requestRecord';
import { getProfile } from '../../shared/profile/registry';
import { requestNumberSchema } from '../../shared/workflowInput';
import { Caller, unitScope } from '../auth';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { summaryIndex } from '../views/summaryIndex';
import { workflowIdOfNumber } from './procedures';
import { withTemporalDeadline } from './temporalDeadline';

export interface LoadedCase {
  requestNumber: string;
  workflowId: string;
  profileId: string;
  applicantUnit: string;
  status: CaseStatus;
  /** Null only while a just-started workflow has not run its first step yet. */
  state: CaseState | null;
  /** When the workflow started; known also while `state` is null. */
  startedAt: string | null;
  updatedAt: string | null;
}

/**
 * The workflow ID a case with this number has. Numbers are the deployment's (its profile's code and
 * procedure codes), and a procedure's ID never changes once cases run under it.
 */
export function caseWorkflowId(deps: Pick<ApiDeps, 'profileId'>, requestNumber: string): string | undefined {
  return workflowIdOfNumber(getProfile(deps.profileId), requestNumber);
}

async function fromWorkflow(deps: ApiDeps, requestNumber: string): Promise<LoadedCase | null> {
  const workflowId = caseWorkflowId(deps, requestNumber);
  if (!workflowId) return null;
  const handle = deps.temporal.workflow.getHandle(workflowId);
  try {
    const state = await withTemporalDeadline(deps.temporal, () => handle.query(caseStateQuery));
    return { requestNumber, workflowId, profileId: state.profileId, applicantUnit: state.applicantUnit, status: state.status, state, startedAt: state.submittedAt, updatedAt: null };
  } catch (queryError) {
    try {
      const description = await withTemporalDeadline(deps.temporal, () => handle.describe());
      const applicantUnit = description.typedSearchAttributes.get(SA.applicantUnit);
      const profileId = description.memo?.profileId;
      if (!applicantUnit || typeof profileId !== 'string') return null;
      return { requestNumber, workflowId, profileId, applicantUnit, status: 'inProgress', state: null, startedAt: description.startTime.toISOString(), updatedAt: null };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return null;
      throw queryError;
    }
  }
}

/** The case as it stands, whoever asks; null when there is no such case. */
export async function findCase(deps: ApiDeps, requestNumber: string): Promise<LoadedCase | null> {
  const record = await RequestRecord.findById(requestNumber).lean();
  return record
    ? {
        requestNumber,
        workflowId: record.state.workflowId,
        profileId: record.state.profileId,
        applicantUnit: record.state.applicantUnit,
        status: record.state.status,
        state: record.state,
        startedAt: record.state.submittedAt,
        updatedAt: record.updatedAt instanceof Date ? record.updatedAt.toISOString() : null,
      }
    : fromWorkflow(deps, requestNumber);
}

export async function loadCase(deps: ApiDeps, caller: Caller, rawNumber: string): Promise<LoadedCase> {
  const number = requestNumberSchema.safeParse(rawNumber);
  if (!number.success) throw notFound();
  const loaded = await findCase(deps, number.data);
  if (!loaded) throw notFound();
  ensureCallerUnit(caller, loaded.applicantUnit);
  return loaded;
}

/** A case of another unit is answered to an applicant exactly like an unknown one. */
function ensureCallerUnit(caller: Caller, applicantUnit: string): void {
  const unit = unitScope(caller);
  if (unit !== undefined && applicantUnit !== unit) throw notFound();
}

/** What sending a decision needs to know of a case (sendDecision.ts); the whole case only when its answer needs it. */
export interface DecisionTarget {
  requestNumber: string;
  workflowId: string;
  status: CaseStatus;
  /** False only while a just-started workflow has not written its first record. */
  opened: boolean;
  domain: string | null;
  /** The case as recorded: read only for a closed case's answer, or a resend the workflow cannot confirm. */
  recorded(): Promise<CaseState | null>;
}

/** A case a decision is sent to: whose unit it is, and whose turn the record says it is. */
export interface CaseToDecide extends DecisionTarget {
  applicantUnit: string;
  /** Null while a just-started workflow has not written its first record. */
  turn: TurnState | null;
}

export function decisionTarget(loaded: LoadedCase): CaseToDecide {
  const { state } = loaded;
  return {
    requestNumber: loaded.requestNumber,
    workflowId: loaded.workflowId,
    applicantUnit: loaded.applicantUnit,
    status: loaded.status,
    opened: state !== null,
    domain: state ? requestDomain(state.submission) : null,
    turn: state,
    recorded: () => Promise.resolve(state),
  };
}

/**
 * The case a decision goes to. An open case is answered from the API's summary index as it stands,
 * kept current by what the case's own decisions answered (sendDecision.ts) and by the change log:
 * the record is tens of kilobytes, which FerretDB decodes whole on every read (about 3.9 ms of its
 * CPU, and the API's decoding besides), where a decision needs only whose turn it is. A summary
 * that trails the case is harmless: a refusal is confirmed with the workflow, which has the last
 * word on every decision anyway. A closed case, or one the index does not hold, is read whole, as a
 * closed case's answer needs its decisions.
 */
export async function loadCaseToDecide(deps: ApiDeps, caller: Caller, rawNumber: string): Promise<CaseToDecide> {
  const number = requestNumberSchema.safeParse(rawNumber);
  if (!number.success) throw notFound();
  const requestNumber = number.data;
  const summary = summaryIndex().peek(requestNumber);
  const workflowId = caseWorkflowId(deps, requestNumber);
  if (!summary || !workflowId || summary.status !== 'inProgress') return decisionTarget(await loadCase(deps, caller, requestNumber));
  ensureCallerUnit(caller, summary.applicantUnit);
  return {
    requestNumber,
    workflowId,
    applicantUnit: summary.applicantUnit,
    status: summary.status,
    opened: true,
    domain: summary.domain,
    turn: summary,
    recorded: async () => (await findCase(deps, requestNumber))?.state ?? null,
  };
}

/** The case as its workflow has it now; as recorded when the workflow does not answer. */
export function liveState(deps: ApiDeps, target: DecisionTarget): Promise<CaseState | null> {
  return withTemporalDeadline(deps.temporal, () => deps.temporal.workflow.getHandle(target.workflowId).query(caseStateQuery)).catch(() => target.recorded());
}
