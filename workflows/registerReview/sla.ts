// The review's time standard, the way a case's rows keep theirs (workflows/sop/sla.ts): in working
// time from the opening, then a reminder to the reviewers, then, after `escalateAfter` more
// working time, the escalation to their superior. The review keeps waiting: lateness ends nothing.
import { addWorkingDuration, formatLocalDateTime, WorkingCalendar } from '../../shared/workingTime';
import { runActivity } from '../sop/localActivities';
import { doneBefore } from '../sop/sla';
import { countsOf, ReviewRun } from './state';

export async function watchReviewDeadline(review: ReviewRun, calendar: WorkingCalendar, stopped: () => boolean, record: () => Promise<void>): Promise<void> {
  const done = (): boolean => stopped() || review.status !== 'open' || countsOf(review.tasks).open === 0;
  const deadline = Date.parse(review.deadline);
  const when = formatLocalDateTime(deadline, calendar.timeZone);
  const email = { reviewId: review.reviewId, year: review.year, agency: review.agency };

  if (!review.remindedAt) {
    if (await doneBefore(done, deadline)) return;
    review.remindedAt = new Date(Date.now()).toISOString();
    await runActivity('sendReviewEmail', 'Pengingat peninjauan aset register', {
      ...email,
      key: `${review.reviewId}/reminder`,
      to: [review.spec.performer],
      intent: { template: 'reviewReminder', open: countsOf(review.tasks).open, deadline: when },
    });
    await record();
  }
  if (review.escalatedAt) return;
  if (await doneBefore(done, addWorkingDuration(deadline, review.spec.escalateAfter, calendar))) return;
  review.escalatedAt = new Date(Date.now()).toISOString();
  await runActivity('sendReviewEmail', 'Eskalasi peninjauan aset register', {
    ...email,
    key: `${review.reviewId}/escalation`,
    to: [review.spec.escalateTo],
    intent: { template: 'reviewEscalation', open: countsOf(review.tasks).open, deadline: when, responsibleTitle: review.performerTitle },
  });
  await record();
}
