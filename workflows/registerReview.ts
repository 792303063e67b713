// The yearly review of the asset register (Kaltim: "daftar aset register server harus ditinjau
// setidaknya satu kali dalam setahun"), one workflow per agency and year. It opens one task per
// active asset for data center staff, takes their answers as Updates (confirmed, corrected with a
// reason, missing with a reason: the server's withdrawal is then asked for), keeps the profile's
// time standard (reminder, escalation), and ends with a report once every asset is answered.
import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  RegisterReviewInput,
  registerReviewInputSchema,
  reviewOpenedUpdate,
  ReviewTaskAction,
  ReviewTaskResult,
  reviewTaskUpdate,
  ReviewView,
  reviewViewQuery,
  SA,
} from '../shared/contracts/registerReview';
import type { ProfileSnapshot } from '../shared/profile/schema';
import { addWorkingDuration, formatLocalDateTime, workingCalendar, WorkingCalendar } from '../shared/workingTime';
import { onceReady } from './onceReady';
import { runActivity } from './sop/localActivities';
import { validateReviewTask } from './registerReview/refusals';
import { watchReviewDeadline } from './registerReview/sla';
import { CarriedReview, countsOf, ReviewRun, scheduledOpening, TaskEntry, viewOf } from './registerReview/state';

/** Assets read per activity when the review opens. */
const PAGE = 200;
const DEFAULT_HISTORY_LIMIT = 2_000;

/** Asking for a placement's withdrawal reaches another workflow, which may be busy: retried long, on the task queue. */
const { requestMissingAssetWithdrawal } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

interface Runtime {
  review?: ReviewRun;
  tasks: Map<string, TaskEntry>;
  /** Assets whose answer is being written. */
  busy: Set<string>;
  withdrawals: Promise<void>[];
  stopping: boolean;
}

export async function registerReviewWorkflow(rawInput: RegisterReviewInput): Promise<ReviewView> {
  const rt: Runtime = { tasks: new Map(), busy: new Set(), withdrawals: [], stopping: false };
  // Before the first await: an Update sent with the start (or right after) finds its handler.
  registerHandlers(rt);

  const parsed = registerReviewInputSchema.safeParse(rawInput);
  if (!parsed.success) throw ApplicationFailure.nonRetryable(`Input peninjauan tidak valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 'InvalidInput');
  const input = parsed.data;
  const carried = input.carried as CarriedReview | undefined;
  const startedAt = Date.now();
  const snapshot: ProfileSnapshot =
    carried?.snapshot ?? (await runActivity('loadProfileSnapshot', 'Memuat profil SOP', { profileId: input.profileId, years: [input.year, input.year + 1] }));
  const calendar = workingCalendar(snapshot);
  const review = carried?.review ?? (await open(input, snapshot, calendar, startedAt));
  for (const task of review.tasks) rt.tasks.set(task.assetId, task);
  const record = () => runActivity('writeReviewRecord', 'Mencatat peninjauan', recordOf(review, 'open'));
  if (!carried) {
    await record();
    await runActivity('sendReviewEmail', 'Email pembukaan peninjauan', {
      key: `${review.reviewId}/opened`,
      reviewId: review.reviewId,
      year: review.year,
      agency: review.agency,
      to: [review.spec.performer],
      intent: { template: 'reviewOpened', count: review.tasks.length, deadline: calendarTime(review.deadline, calendar), performerTitle: review.performerTitle },
    });
  }
  // Open for answers (and the opening Update answered) once the record and the email are written.
  rt.review = review;
  // A run carried over asks again for a withdrawal the previous one had not got through.
  for (const task of review.tasks) if (task.withdrawal) requestWithdrawal(rt, review, task, task.withdrawal);

  const watching = watchReviewDeadline(review, calendar, () => rt.stopping, record);
  const historyLimit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const historyFull = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > historyLimit;
  await condition(() => (countsOf(review.tasks).open === 0 && rt.busy.size === 0) || historyFull());

  if (countsOf(review.tasks).open > 0 || rt.busy.size > 0) {
    rt.stopping = true;
    await watching;
    await condition(allHandlersFinished);
    const next: CarriedReview = { review, snapshot };
    return continueAsNew<typeof registerReviewWorkflow>({ ...input, carried: next });
  }
  await watching;
  await Promise.all(rt.withdrawals);
  review.status = 'completed';
  review.completedAt = new Date(Date.now()).toISOString();
  upsertSearchAttributes([{ key: SA.status, value: 'completed' }]);
  await runActivity('finishReview', 'Laporan peninjauan', { ...recordOf(review, 'completed'), completedAt: review.completedAt, performerTitle: review.performerTitle });
  await condition(allHandlersFinished);
  return viewOf(review);
}

/** Worded like every other deadline in emails: "Senin, 18 Januari 2027 09.00 WITA". */
function calendarTime(iso: string, calendar: WorkingCalendar): string {
  return formatLocalDateTime(Date.parse(iso), calendar.timeZone);
}

/** The review as it opens: its deadline in working time, and a task per active asset, a page at a time. */
async function open(input: RegisterReviewInput, snapshot: ProfileSnapshot, calendar: WorkingCalendar, now: number): Promise<ReviewRun> {
  const { profile } = snapshot;
  const spec = profile.registerReview;
  if (!spec) throw ApplicationFailure.nonRetryable(`Profil ${profile.id} tidak mengatur peninjauan aset register`, 'InvalidInput');
  const review: ReviewRun = {
    reviewId: workflowInfo().workflowId,
    profileId: profile.id,
    agency: profile.agency.name,
    year: input.year,
    openedBy: input.openedBy,
    openedAt: new Date(now).toISOString(),
    deadline: new Date(addWorkingDuration(now, spec.duration, calendar)).toISOString(),
    nextReviewDue: scheduledOpening(spec, input.year + 1, profile.timeZone),
    spec,
    performerTitle: profile.roles[spec.performer]?.title ?? spec.performer,
    escalateToTitle: profile.roles[spec.escalateTo]?.title ?? spec.escalateTo,
    status: 'open',
    tasks: [],
  };
  let after: string | undefined;
  do {
    const page = await runActivity('openReviewTasks', `Membuka tugas peninjauan (${review.tasks.length} aset)`, {
      reviewId: review.reviewId,
      profileId: review.profileId,
      year: review.year,
      performer: spec.performer,
      deadline: review.deadline,
      after,
      limit: PAGE,
    });
    for (const t of page.tasks) review.tasks.push({ assetId: t.assetId, label: t.label, state: 'open' });
    after = page.after;
  } while (after !== undefined);
  return review;
}

function recordOf(r: ReviewRun, status: 'open' | 'completed') {
  return {
    reviewId: r.reviewId,
    profileId: r.profileId,
    agency: r.agency,
    year: r.year,
    status,
    openedAt: r.openedAt,
    openedBy: r.openedBy,
    deadline: r.deadline,
    performer: r.spec.performer,
    escalateTo: r.spec.escalateTo,
    remindedAt: r.remindedAt,
    escalatedAt: r.escalatedAt,
    counts: countsOf(r.tasks),
  };
}

/** The withdrawal is the placement's own procedure: asked for here (until it is), decided there. */
function requestWithdrawal(rt: Runtime, review: ReviewRun, task: TaskEntry, ask: NonNullable<TaskEntry['withdrawal']>): void {
  task.withdrawal = ask;
  const asked = requestMissingAssetWithdrawal({ reviewId: review.reviewId, assetId: task.assetId, reason: ask.reason, requestedBy: ask.requestedBy, at: new Date(Date.now()).toISOString() }).then(() => {
    task.withdrawal = undefined;
    task.withdrawalRequested = true;
  });
  rt.withdrawals.push(asked);
}

async function answer(rt: Runtime, review: ReviewRun, action: ReviewTaskAction): Promise<void> {
  const task = rt.tasks.get(action.assetId)!;
  task.decisionId = action.decisionId;
  rt.busy.add(task.assetId);
  try {
    await runActivity('recordReviewOutcome', `Peninjauan ${task.label}: ${action.outcome}`, { reviewId: review.reviewId, action, at: new Date(Date.now()).toISOString(), nextReviewDue: review.nextReviewDue });
    task.state = action.outcome;
  } finally {
    rt.busy.delete(task.assetId);
  }
  if (action.outcome === 'missing') requestWithdrawal(rt, review, task, { reason: action.reason, requestedBy: action.actor });
}

function registerHandlers(rt: Runtime): void {
  const ready = (): ReviewRun => {
    if (!rt.review) throw ApplicationFailure.create({ message: 'Peninjauan sedang dibuka; coba lagi sebentar lagi.', nonRetryable: true });
    return rt.review;
  };
  setHandler(reviewViewQuery, () => viewOf(ready()));
  setHandler(reviewOpenedUpdate, async () => {
    await condition(() => rt.review !== undefined);
    return viewOf(rt.review!);
  });
  setHandler(
    reviewTaskUpdate,
    async (action: ReviewTaskAction): Promise<ReviewTaskResult> => {
      const review = rt.review ?? (await onceReady(() => rt.review, () => validateReviewTask(rt.review, rt.tasks, rt.busy, action)));
      const task = rt.tasks.get(action.assetId)!;
      if (task.decisionId === action.decisionId) {
        await condition(() => !rt.busy.has(task.assetId));
        return { duplicate: true, assetId: task.assetId, state: task.state, review: viewOf(review) };
      }
      await answer(rt, review, action);
      return { duplicate: false, assetId: task.assetId, state: task.state, review: viewOf(review) };
    },
    { validator: (action: ReviewTaskAction) => void validateReviewTask(rt.review, rt.tasks, rt.busy, action) },
  );
}
