// What a reviewer's answer on one asset writes: the task, the asset register (its review dates; a
// correction's fields; a missing server's flag) and an audit entry in the trail of the request the
// server came in with. Every write sets explicit values and the audit id comes from the review and
// the asset, so a retried activity writes the same thing once.
import { appendAudit } from '../records';
import { Asset } from '../../shared/db/asset';
import { retryWhileBusy } from '../../shared/db/busyRetry';
import { ReviewTask } from '../../shared/db/registerReview';
import { ReviewCorrection, ReviewTaskAction, reviewTaskId } from '../../shared/contracts/registerReview';

export interface ReviewOutcomeInput {
  reviewId: string;
  action: ReviewTaskAction;
  /** Workflow time of the answer. */
  at: string;
  /** The next yearly review, from the agency's schedule. */
  nextReviewDue: string;
}

export type FieldChanges = Record<string, { from: string | null; to: string }>;

/** Each corrected field, from the record as the task showed it to what the reviewer found. */
function changesOf(task: Record<string, unknown>, correction: ReviewCorrection): FieldChanges {
  const changes: FieldChanges = {};
  for (const [field, to] of Object.entries(correction)) {
    if (to === undefined) continue;
    const from = task[field];
    changes[field] = { from: typeof from === 'string' ? from : null, to };
  }
  return changes;
}

export async function recordReviewOutcome(input: ReviewOutcomeInput): Promise<void> {
  const { action, reviewId } = input;
  const at = new Date(input.at);
  const taskId = reviewTaskId(reviewId, action.assetId);
  const task = await retryWhileBusy(() => ReviewTask.findById(taskId).lean());
  if (!task) throw new Error(`review task ${taskId} does not exist`);

  const assetSet: Record<string, unknown> = { lastReviewedAt: at, nextReviewDue: new Date(input.nextReviewDue) };
  const taskSet: Record<string, unknown> = { state: action.outcome, decidedAt: at, decidedBy: action.actor, decisionId: action.decisionId };
  let details: Record<string, unknown> = { reviewId };
  if (action.outcome === 'confirmed') {
    if (action.note) taskSet.note = action.note;
  } else if (action.outcome === 'corrected') {
    const changes = changesOf(task as unknown as Record<string, unknown>, action.changes);
    Object.assign(assetSet, action.changes);
    Object.assign(taskSet, { changes, reason: action.reason });
    details = { reviewId, changes, reason: action.reason };
  } else {
    assetSet.missing = { reviewId, at, reason: action.reason };
    taskSet.reason = action.reason;
    details = { reviewId, reason: action.reason };
  }
  for (const key of Object.keys(assetSet)) if (assetSet[key] === undefined) delete assetSet[key];

  await retryWhileBusy(() => Asset.updateOne({ _id: action.assetId }, { $set: assetSet }));
  await retryWhileBusy(() => ReviewTask.updateOne({ _id: taskId }, { $set: taskSet }));
  await appendAudit(task.requestNumber, [
    { id: `${taskId}/${action.outcome}`, at: input.at, event: `registerReview:${action.outcome}`, actor: action.actor, details: { assetId: action.assetId, ...details } },
  ]);
}
