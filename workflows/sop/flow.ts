// Where a procedure goes after a row: its `next` target, or the target a decision row's answer
// names. Pure, so the docs and the tests read the flow the same way the workflow does.
import type { Answer } from '../../shared/profile/actions';
import type { Activity, Procedure, Target } from '../../shared/profile/schema';

const selesai: Target = { end: 'completed', reason: 'Proses selesai' };

/** The row's target, given the answer of its decision (if it is a decision row). */
export function nextTarget(procedure: Procedure, row: Activity, answer: Answer | undefined): Target {
  const next = row.next;
  if (next && 'question' in next) return answer === 'tidak' ? next.tidak : next.ya;
  if (next) return next;
  const index = procedure.activities.indexOf(row);
  const following = procedure.activities[index + 1];
  return following ? { goto: following.no } : selesai;
}

/** Whether the row's answer comes from one of its actions (not from a condition). */
export function answeredByAction(row: Activity): boolean {
  return !!row.next && 'question' in row.next && row.next.answer === 'action';
}
