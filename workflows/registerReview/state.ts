// A register review as its workflow holds it: short task entries (asset id, label, state), the
// dates its timers and emails need, and the view the API reads. The details of each asset live in
// review_tasks; history and carried state stay small with hundreds of servers.
import type { RegisterReviewInput, ReviewCounts, ReviewTaskState, ReviewView } from '../../shared/contracts/registerReview';
import type { Actor } from '../../shared/decisions';
import type { ProfileSnapshot, RegisterReviewSpec } from '../../shared/profile/schema';
import { UTC_OFFSET_MINUTES } from '../../shared/workingTime';

export interface TaskEntry {
  assetId: string;
  label: string;
  state: ReviewTaskState;
  /** The answer that settled it: its resend is recognised, across Continue-As-New too. */
  decisionId?: string;
  /** A missing server's withdrawal still to ask for (again after Continue-As-New): by whom and why. */
  withdrawal?: { reason: string; requestedBy: Actor };
  withdrawalRequested?: boolean;
}

export interface ReviewRun {
  reviewId: string;
  profileId: string;
  agency: string;
  year: number;
  openedBy: RegisterReviewInput['openedBy'];
  openedAt: string;
  deadline: string;
  /** The next yearly review: each reviewed asset's nextReviewDue. */
  nextReviewDue: string;
  spec: RegisterReviewSpec;
  performerTitle: string;
  escalateToTitle: string;
  status: 'open' | 'completed';
  remindedAt?: string;
  escalatedAt?: string;
  completedAt?: string;
  tasks: TaskEntry[];
}

/** What a run hands the next one at Continue-As-New. */
export interface CarriedReview {
  review: ReviewRun;
  snapshot: ProfileSnapshot;
}

export function countsOf(tasks: readonly TaskEntry[]): ReviewCounts {
  const counts: ReviewCounts = { total: tasks.length, open: 0, confirmed: 0, corrected: 0, missing: 0 };
  for (const t of tasks) counts[t.state] += 1;
  return counts;
}

export function viewOf(r: ReviewRun): ReviewView {
  return {
    reviewId: r.reviewId,
    profileId: r.profileId,
    agency: r.agency,
    year: r.year,
    status: r.status,
    openedAt: r.openedAt,
    deadline: r.deadline,
    remindedAt: r.remindedAt,
    escalatedAt: r.escalatedAt,
    completedAt: r.completedAt,
    counts: countsOf(r.tasks),
  };
}

/** The schedule's instant in `year`, local time of the agency's zone, as UTC ISO. */
export function scheduledOpening(spec: RegisterReviewSpec, year: number, timeZone: keyof typeof UTC_OFFSET_MINUTES): string {
  const { month, day, hour } = spec.schedule;
  return new Date(Date.UTC(year, month - 1, day, hour) - UTC_OFFSET_MINUTES[timeZone] * 60_000).toISOString();
}
