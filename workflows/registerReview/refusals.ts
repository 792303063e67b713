// The review's Update validator: an answer that is malformed, for an asset not in the review, for
// one already settled, after the end or by another role is refused before it enters history, with
// the same failure the API already maps for case decisions (api/cases/updateErrors.ts).
import { ApplicationFailure } from '@temporalio/workflow';
import { reviewTaskActionSchema, ReviewTaskAction } from '../../shared/contracts/registerReview';
import { DECISION_REFUSED, RefusalCode, RefusalDetails } from '../../shared/decisions';
import type { ReviewRun, TaskEntry } from './state';

export function refuse(code: RefusalCode, message: string, fields?: Record<string, string>): never {
  const details: RefusalDetails = { code, message, waitingFor: null, ...(fields && { fields }) };
  throw ApplicationFailure.create({ type: DECISION_REFUSED, message, nonRetryable: true, details: [details] });
}

const settledText: Record<string, string> = { confirmed: 'dikonfirmasi', corrected: 'dikoreksi', missing: 'dilaporkan tidak ditemukan' };

/** With `review` undefined (not open yet) only the shape is checked; the handler checks the rest once it is open. */
export function validateReviewTask(review: ReviewRun | undefined, tasks: ReadonlyMap<string, TaskEntry>, busy: ReadonlySet<string>, raw: unknown): ReviewTaskAction {
  const parsed = reviewTaskActionSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'body', i.message]));
    refuse('INVALID', Object.entries(fields).map(([path, message]) => `${path}: ${message}`).join('; '), fields);
  }
  const action = parsed.data;
  if (!review) return action;
  const task = tasks.get(action.assetId);
  if (!task) refuse('INVALID', `Aset ${action.assetId} tidak termasuk peninjauan ${review.reviewId}.`, { assetId: 'aset tidak termasuk peninjauan ini' });
  // A resend of the answer that settled the task is answered from what was recorded.
  if (task.decisionId === action.decisionId) return action;
  if (review.status !== 'open') refuse('CLOSED', `Peninjauan ${review.reviewId} sudah selesai.`);
  if (task.state !== 'open') refuse('OUT_OF_TURN', `Aset ${task.label} sudah ${settledText[task.state]} dalam peninjauan ini.`);
  if (busy.has(action.assetId)) refuse('OUT_OF_TURN', `Jawaban lain untuk aset ${task.label} sedang diproses; muat ulang dan coba lagi.`);
  if (action.actor.role !== review.spec.performer) refuse('WRONG_ROLE', `Peninjauan aset register dilakukan oleh ${review.performerTitle}.`);
  return action;
}
