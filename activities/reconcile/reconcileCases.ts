// Brings the read model back in line with Temporal when a case's workflow ended without recording
// its ending (an admin terminated it, cancelled it before its first step, it failed, or its history is
// gone): the record still said "inProgress", decisions answered 409 CLOSED, and the capacity it held
// stayed held. A pass closes such records, writes an audit entry and gives back what those cases held,
// and gives back reservations and proposals of any closed case. Every write is idempotent (revision
// guard, audit id from meaning, releases under the capacity lock), so passes may run in several
// processes at once and a second pass changes nothing.
import { Client, WorkflowExecutionInfo, WorkflowNotFoundError } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import { Asset } from '../../shared/db/asset';
import { Reservation } from '../../shared/db/capacity';
import { Placement } from '../../shared/db/placement';
import { startPlacement } from '../placement/start';
import { CapacityProposalHold } from '../../shared/db/capacityProposal';
import { RequestRecord } from '../../shared/db/requestRecord';
import { SA } from '../../shared/searchAttributes';
import { SOP_CASE_WORKFLOW_TYPE, sopCaseInputSchema } from '../../shared/contracts/sopCase';
import { createCapacityActivities } from '../capacity';
import { recordWholeCase } from '../records';
import { closedStateFromInput, closeRecordedState, endingReasons, WorkflowEnding } from './closedCaseState';

export interface ReconcilerDeps {
  client: Client;
  /** The worker's task queue: only its cases are this reconciler's. */
  taskQueue: string;
  now: () => Date;
  /** A record whose workflow Temporal does not know is closed only once it has been quiet this long. */
  notFoundGraceMs: number;
  /** Open records checked against Temporal per pass; successive passes walk all of them. */
  batchSize: number;
}

export interface ReconcileReport {
  /** Records closed in this pass, with how Temporal said the workflow ended. */
  closed: { requestNumber: string; ending: WorkflowEnding }[];
  /** Cases whose reservation or proposal was given back in this pass. */
  released: string[];
  /** Placements started in this pass for active assets that had none. */
  placementsStarted: string[];
}

const RUNNING = new Set(['RUNNING', 'CONTINUED_AS_NEW']);
const capacity = createCapacityActivities();

export function createReconciler(deps: ReconcilerDeps) {
  /** What is left of the current walk over the open records. */
  let walk: { _id: unknown; workflowId?: unknown }[] = [];

  async function closeCase(requestNumber: string, ending: WorkflowEnding, closedAt: Date, started?: WorkflowExecutionInfo): Promise<boolean> {
    const record = await RequestRecord.findById(requestNumber).lean();
    if (record && record.status !== 'inProgress') return false;
    let state;
    if (record) {
      state = closeRecordedState(record.state, ending, closedAt);
    } else {
      // Ended before its first write: the record is rebuilt from what the case was started with.
      if (!started) return false;
      const input = await workflowInput(started.workflowId);
      if (!input) return false;
      state = closedStateFromInput(input, started.workflowId, started.startTime, ending, closedAt);
    }
    const details = { status: state.status, reason: endingReasons[ending], temporalStatus: ending, by: 'reconciler' };
    await recordWholeCase(state, [{ id: `${requestNumber}#reconciled`, at: closedAt.toISOString(), event: 'closed', details }]);
    return true;
  }

  async function workflowInput(workflowId: string) {
    const history = await deps.client.workflow.getHandle(workflowId).fetchHistory();
    const payloads = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads;
    const parsed = sopCaseInputSchema.safeParse(await decodeFromPayloadsAtIndex(deps.client.options.loadedDataConverter, 0, payloads));
    return parsed.success ? parsed.data : undefined;
  }

  /** Closed workflows whose own search attribute still says inProgress: they never recorded an ending. */
  async function fromVisibility(report: ReconcileReport): Promise<void> {
    const query = `WorkflowType = '${SOP_CASE_WORKFLOW_TYPE}' AND TaskQueue = '${deps.taskQueue}' AND ExecutionStatus != 'Running' AND ${SA.status.name} = 'inProgress'`;
    for await (const wf of deps.client.workflow.list({ query })) {
      const ending = wf.status.name as WorkflowEnding;
      if (RUNNING.has(wf.status.name)) continue;
      const requestNumber = wf.typedSearchAttributes.get(SA.requestNumber) ?? wf.workflowId.replace(/^[a-z-]+?-(?=[A-Z])/, '');
      if (await closeCase(requestNumber, ending, wf.closeTime ?? deps.now(), wf)) report.closed.push({ requestNumber, ending });
    }
  }

  /**
   * Open records checked one batch at a time: catches what visibility no longer lists (history gone).
   * The records, not their slim summaries, because a record whose summary was never written must be
   * found too. FerretDB decodes the whole collection for this query (about 8 KB a case), so one scan
   * lists a whole walk, and the passes after it check that list a batch at a time: with 10,000 open
   * cases, one scan every 50 passes instead of one every pass.
   */
  async function sweepRecords(report: ReconcileReport): Promise<void> {
    if (walk.length === 0) walk = await RequestRecord.find({ status: 'inProgress' }, { _id: 1, workflowId: 1 }).sort({ _id: 1 }).lean();
    for (const record of walk.splice(0, deps.batchSize)) {
      const requestNumber = String(record._id);
      let ending: WorkflowEnding;
      let closedAt = deps.now();
      try {
        const description = await deps.client.workflow.getHandle(String(record.workflowId)).describe();
        if (RUNNING.has(description.status.name)) continue;
        ending = description.status.name as WorkflowEnding;
        closedAt = description.closeTime ?? closedAt;
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
        // Read now, not when the walk was listed: the record may have been written since.
        const current = await RequestRecord.findById(requestNumber, { updatedAt: 1 }).lean();
        const quietSince = current?.updatedAt instanceof Date ? current.updatedAt.getTime() : 0;
        if (deps.now().getTime() - quietSince < deps.notFoundGraceMs) continue;
        ending = 'NOT_FOUND';
      }
      if (await closeCase(requestNumber, ending, closedAt)) report.closed.push({ requestNumber, ending });
    }
  }

  /** Reservations still held and proposals still kept by cases whose record is closed. */
  async function releaseClosed(report: ReconcileReport): Promise<void> {
    const [held, proposed] = await Promise.all([
      Reservation.find({ status: 'held' }, { _id: 1 }).lean(),
      CapacityProposalHold.find({}, { _id: 1 }).lean(),
    ]);
    const ids = [...new Set([...held, ...proposed].map((d) => String(d._id)))];
    if (ids.length === 0) return;
    // One by one by _id (answered from an index), not a filter that decodes every case's record.
    const records = await Promise.all(ids.map((id) => RequestRecord.findById(id, { status: 1 }).lean()));
    for (const record of records.filter((r) => r && r.status !== 'inProgress')) {
      await capacity.releaseCapacity({ reservationId: String(record!._id), reason: String(record!.status) });
      report.released.push(String(record!._id));
    }
  }

  /** Active assets whose placement never started (a worker without a client, an outage at go-live). */
  async function startMissingPlacements(report: ReconcileReport): Promise<void> {
    const [placed, known] = await Promise.all([Asset.distinct('requestNumber', { status: 'active' }), Placement.distinct('_id')]);
    const have = new Set(known.map(String));
    for (const placementNumber of placed.map(String).filter((n) => !have.has(n))) {
      if (await startPlacement({ client: deps.client, taskQueue: deps.taskQueue }, placementNumber)) report.placementsStarted.push(placementNumber);
    }
  }

  return {
    /** One pass; safe to run again and in several processes at once. */
    async pass(): Promise<ReconcileReport> {
      const report: ReconcileReport = { closed: [], released: [], placementsStarted: [] };
      await fromVisibility(report);
      await sweepRecords(report);
      await releaseClosed(report);
      await startMissingPlacements(report);
      return report;
    },
  };
}

export type Reconciler = ReturnType<typeof createReconciler>;
