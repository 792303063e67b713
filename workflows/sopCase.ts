// One workflow runs every procedure of every SOP profile (the DSL-interpreter pattern): it reads
// the case's procedure from its profile snapshot and walks its rows. Each row records what its
// actions need from people (Updates), carries out their named effects (workflows/sop/effects.ts),
// runs under its mutu baku timer (working time), and goes where its `next` or its decision row's
// answer says. Cases that loop for months continue as new (workflows/sop/carryOver.ts).
import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  setHandler,
  upsertMemo,
  workflowInfo,
} from '@temporalio/workflow';
import { backupOf, CaseView, caseView } from '../shared/caseState';
import { caseOpenedUpdate, caseStateQuery, decisionUpdates, requestStopUpdate, SopCaseInput, sopCaseInputSchema, StopRequest, withdrawUpdate } from '../shared/contracts/sopCase';
import type { Decision, DecisionResult, Withdrawal } from '../shared/decisions';
import { actionRules, Answer, answerOf, HumanActionKind, isHumanAction } from '../shared/profile/actions';
import type { Activity, ProfileAction, ProfileSnapshot } from '../shared/profile/schema';
import { caseSummary } from '../shared/workflowInput';
import type { StepRecord } from '../shared/caseState';
import { onceReady } from './onceReady';
import { runActivity } from './sop/localActivities';
import { CaseBook } from './sop/caseBook';
import { CarriedCase, carryOver, shouldCarryOver } from './sop/carryOver';
import { conditions } from './sop/conditions';
import { effects } from './sop/effects';
import { answeredByAction, nextTarget } from './sop/flow';
import { refuse, validateDecision, validateStopRequest, validateWithdrawal } from './sop/refusals';
import { watchStepSla, watchTotalSla } from './sop/sla';

/** Decisions on their way from an Update handler through the main loop. */
interface Inbox {
  book?: CaseBook;
  applied: Set<string>;
  /** Accepted by its Update, waiting for the main loop to take it. */
  queued?: { kind: HumanActionKind; decision: Decision };
  /** Taken by the main loop; its Update answers once the case waits again. */
  applying?: string;
  processed: Set<string>;
  /** The case has written its first record and waits (or has ended). */
  opened: boolean;
  finalized: boolean;
}

/** A row to run; with `only`, just those actions, then back to `returnTo`. */
interface Cursor {
  no: string;
  only?: readonly string[];
  returnTo?: string;
}

export async function sopCaseWorkflow(rawInput: SopCaseInput): Promise<CaseView> {
  const inbox: Inbox = { applied: new Set(), processed: new Set(), opened: false, finalized: false };
  // Before the first await: an Update sent with the start (or right after) finds its handler.
  registerHandlers(inbox);

  const parsed = sopCaseInputSchema.safeParse(rawInput);
  if (!parsed.success) {
    throw ApplicationFailure.nonRetryable(`Input permohonan tidak valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 'InvalidInput');
  }
  const input = parsed.data;
  const carried = input.carried as CarriedCase | undefined;
  // Read before the first local activity: one that outlasts its workflow task moves the clock on.
  const startedAt = Date.now();
  const year = new Date(startedAt).getUTCFullYear();
  const snapshot: ProfileSnapshot =
    carried?.snapshot ?? (await runActivity('loadProfileSnapshot', 'Memuat profil SOP', { profileId: input.profileId, years: [year, year + 1] }));
  if (!snapshot.profile.procedures.some((p) => p.id === input.procedureId)) {
    throw ApplicationFailure.nonRetryable(`Profil ${input.profileId} tidak memiliki prosedur ${input.procedureId}`, 'InvalidInput');
  }
  const book = new CaseBook(input, snapshot, workflowInfo().workflowId, startedAt, carried);
  // A decision applied in an earlier run of this case (Continue-As-New) is still a resend here.
  for (const decision of book.state.decisions) inbox.applied.add(decision.decisionId);
  inbox.book = book;

  if (!carried) {
    upsertMemo({ summary: caseSummary(input.requestNumber, input.request), profile: `${snapshot.profile.id} v${snapshot.profile.version} / ${input.procedureId}` });
    book.audit('case/submitted', 'submitted', { actor: input.submittedBy, details: { letter: input.request.letter } });
    book.email('case/submitted', [{ applicant: true }], { template: 'submitted' });
  }
  void watchTotalSla(book).catch(ignoreCancellation);

  try {
    const continueAt = await runProcedure(book, inbox, carried?.at);
    if (continueAt) return await carryOver(book, input, continueAt);
  } catch (error) {
    if (!isCancellation(error)) throw error;
    // An admin cancelled the workflow (e.g. from the Temporal UI): close the case properly first.
    book.close('cancelled', 'Dibatalkan oleh admin melalui Temporal');
    await CancellationScope.nonCancellable(() => finalize(book));
    inbox.finalized = true;
    throw error;
  }
  await finalize(book);
  inbox.finalized = true;
  await condition(allHandlersFinished);
  return caseView(book.state);
}

function registerHandlers(inbox: Inbox): void {
  const ready = () => inbox.book ?? refuse('OUT_OF_TURN', 'Permohonan sedang dimulai; coba lagi sebentar lagi.');
  // The book once the case waits (workflows/onceReady.ts); before that, validators check only the shape.
  const opened = () => (inbox.opened || inbox.finalized ? inbox.book : undefined);
  setHandler(caseStateQuery, () => ready().state);
  setHandler(caseOpenedUpdate, async () => {
    await condition(() => opened() !== undefined);
    return caseView(ready().state);
  });

  for (const kind of Object.keys(decisionUpdates) as HumanActionKind[]) {
    const checkDecision = (decision: Decision) => validateDecision(inbox.book, kind, decision, inbox.applied);
    setHandler(
      decisionUpdates[kind],
      async (decision: Decision): Promise<DecisionResult> => {
        const book = inbox.book ?? (await onceReady(opened, () => checkDecision(decision)));
        if (inbox.applied.has(decision.decisionId)) return { duplicate: true, case: caseView(book.state) };
        if (inbox.queued) refuse('OUT_OF_TURN', 'Keputusan lain untuk langkah ini sedang diproses; muat ulang dan coba lagi.');
        inbox.applied.add(decision.decisionId);
        inbox.queued = { kind, decision };
        // Answer once the case has acted on the decision (and, if it ended the case, once the
        // ending is carried out), so the caller sees where the case now stands.
        await condition(() => (inbox.processed.has(decision.decisionId) && book.active) || inbox.finalized);
        return { duplicate: false, case: caseView(book.state) };
      },
      { validator: checkDecision },
    );
  }

  const checkWithdrawal = (withdrawal: Withdrawal) => validateWithdrawal(inbox.book, withdrawal, inbox.applied);
  setHandler(
    withdrawUpdate,
    async (withdrawal: Withdrawal): Promise<DecisionResult> => {
      const book = inbox.book ?? (await onceReady(opened, () => checkWithdrawal(withdrawal)));
      if (inbox.applied.has(withdrawal.decisionId)) return { duplicate: true, case: caseView(book.state) };
      inbox.applied.add(withdrawal.decisionId);
      book.recordDecision('withdraw', book.state.currentStep, { decisionId: withdrawal.decisionId, actor: withdrawal.actor, payload: { reason: withdrawal.reason } });
      book.close('withdrawn', withdrawal.reason);
      await condition(() => inbox.finalized);
      return { duplicate: false, case: caseView(book.state) };
    },
    { validator: checkWithdrawal },
  );

  const checkStop = (request: StopRequest) => validateStopRequest(inbox.book, request, inbox.applied);
  setHandler(
    requestStopUpdate,
    async (request: StopRequest): Promise<DecisionResult> => {
      const book = inbox.book ?? (await onceReady(opened, () => checkStop(request)));
      if (inbox.applied.has(request.decisionId)) return { duplicate: true, case: caseView(book.state) };
      inbox.applied.add(request.decisionId);
      book.recordDecision('requestStop', book.state.currentStep, { decisionId: request.decisionId, actor: request.actor, payload: { letter: request.letter, reason: request.reason } });
      const backup = backupOf(book.state);
      backup.stopRequested = { at: new Date(Date.now()).toISOString(), letterNumber: request.letter.letterNumber, reason: request.reason };
      // No run is due any more: a run awaited now is skipped (waitForSchedule read its time already).
      backup.nextRunAt = undefined;
      await book.commit();
      return { duplicate: false, case: caseView(book.state) };
    },
    { validator: checkStop },
  );
}

/** Timers of a cancelled workflow reject; the main loop handles the cancellation itself. */
function ignoreCancellation(error: unknown): void {
  if (!isCancellation(error)) throw error;
}

/** Walks the procedure's rows; returns the row to continue at when the history should start anew. */
async function runProcedure(book: CaseBook, inbox: Inbox, resumeAt: string | undefined): Promise<string | undefined> {
  const { activities } = book.procedure;
  const first = activities[0]!;
  let cursor: Cursor = { no: resumeAt ?? first.no };
  if (!resumeAt && first.actions.length === 0) {
    // The applicant's letter (row 1) is the submission itself.
    await book.recordSubmittedStep(first);
    const target = nextTarget(book.procedure, first, undefined);
    if ('end' in target) book.close(target.end, target.reason);
    else cursor = { no: target.goto };
  }
  let loops = 0;
  while (book.active) {
    const row = book.row(cursor.no);
    const skipped = isScheduledRepeat(book, row) && !(await waitForSchedule(book, inbox));
    const answer = skipped ? undefined : await runRow(book, inbox, row, cursor.only);
    if (!book.active) break;
    if (cursor.returnTo) {
      cursor = { no: cursor.returnTo };
      continue;
    }
    const target = nextTarget(book.procedure, row, answer);
    if ('end' in target) {
      book.close(target.end, target.reason);
      break;
    }
    const looping = activities.findIndex((a) => a.no === target.goto) <= activities.indexOf(row) && !target.only;
    cursor = { no: target.goto, only: target.only, returnTo: target.only ? row.no : undefined };
    if (looping && shouldCarryOver(++loops)) {
      settlePreviousDecision(inbox);
      return cursor.no;
    }
  }
  return undefined;
}

/** A row whose action repeats on a schedule (a backup run) after it has run once. */
function isScheduledRepeat(book: CaseBook, row: Activity): boolean {
  return row.actions.some((a) => actionRules[a.kind].scheduled) && !!book.state.backup?.nextRunAt;
}

/** Waits for the next scheduled run; false when the SKPD asked to stop meanwhile (the run is skipped). */
async function waitForSchedule(book: CaseBook, inbox: Inbox): Promise<boolean> {
  const at = Date.parse(book.state.backup!.nextRunAt!);
  await beginWaiting(book, inbox);
  const stopped = await condition(() => !!book.state.backup?.stopRequested || !book.active, Math.max(at - Date.now(), 1));
  return !stopped;
}

async function runRow(book: CaseBook, inbox: Inbox, row: Activity, only: readonly string[] | undefined): Promise<Answer | undefined> {
  const record = await book.enterStep(row);
  let rowDone = false;
  // The watcher runs beside the row; a cancelled workflow ends it along with the row.
  const sla = watchStepSla(book, row, record, () => rowDone).catch(ignoreCancellation);
  const byAction = !only && answeredByAction(row);
  let answer: Answer | undefined;
  for (const [index, action] of row.actions.entries()) {
    if (only && !only.includes(action.kind)) continue;
    if (!book.active) break;
    const given = await performAction(book, inbox, row, record, action, index);
    if (given === 'closed') break;
    if (byAction && answer === undefined && given !== undefined) {
      answer = given;
      // "Tidak" ends the row: its remaining actions only follow a "ya".
      if (answer === 'tidak') break;
    }
  }
  const next = row.next;
  if (book.active && !only && next && 'question' in next && next.answer !== 'action') answer = conditions[next.answer](book.state);
  rowDone = true;
  if (book.active) {
    book.completeStep(record, answer);
    if (answer) book.state.answers[row.no] = answer;
  }
  await sla;
  return answer;
}

async function performAction(book: CaseBook, inbox: Inbox, row: Activity, record: StepRecord, action: ProfileAction, index: number): Promise<Answer | undefined | 'closed'> {
  const rule = actionRules[action.kind];
  const context = { book, row, record, action };
  if (!isHumanAction(action.kind)) {
    for (const effect of rule.effects.after) await effects[effect](context);
    return undefined;
  }
  // A proposal is in place before anyone is asked to confirm it.
  for (const effect of rule.effects.before ?? []) await effects[effect](context);
  const pending = book.setPending(record, action, row.performer);
  const to = pending.by === 'applicant' ? [{ applicant: true as const }] : [{ role: pending.by }];
  book.email(`${record.stepId}/task-${index}`, to, { template: 'taskAssigned', step: book.stepRef(record), action: action.label, deadline: record.deadline ? book.localTime(record.deadline) : undefined });
  await beginWaiting(book, inbox);

  const kind = action.kind;
  await condition(() => inbox.queued?.kind === kind || !book.active);
  const queued = inbox.queued;
  if (!queued || !book.active) return 'closed';
  inbox.queued = undefined;
  inbox.applying = queued.decision.decisionId;
  book.recordDecision(kind, record, queued.decision);
  record.pending = undefined;
  let answer = answerOf(kind, queued.decision.payload);
  for (const effect of rule.effects.after) {
    const overruled = await effects[effect]({ ...context, payload: queued.decision.payload });
    if (overruled) answer = overruled;
  }
  return answer;
}

/** The case is about to wait: its commit is written first, so the answers below read it as it now waits. */
async function beginWaiting(book: CaseBook, inbox: Inbox): Promise<void> {
  await book.commit();
  inbox.opened = true;
  settlePreviousDecision(inbox);
}

/**
 * A decision's Update answers only when the case waits again (or has ended): by then its effects,
 * letters and the next task are recorded, so the caller and the read model see the same state.
 */
function settlePreviousDecision(inbox: Inbox): void {
  if (!inbox.applying) return;
  inbox.processed.add(inbox.applying);
  inbox.applying = undefined;
}

/** Carries out what closing means for each ending: release capacity, tell the applicant. */
async function finalize(book: CaseBook): Promise<void> {
  const { status } = book.state;
  const reservation = book.state.capacity.reservation;
  if (status !== 'completed' && reservation && reservation.status === 'held') {
    await book.run('releaseCapacity', 'Melepaskan kapasitas yang dicadangkan', { reservationId: book.state.requestNumber, reason: status });
    book.state.capacity.reservation = { ...reservation, status: 'released' };
    book.audit('case/capacityReleased', 'capacityReleased', { details: { reason: status } });
  }
  const applicant = [{ applicant: true as const }];
  const last = book.state.steps.at(-1);
  const ref = last ? book.stepRef(last) : { sopStep: '-', title: '-', performerTitle: '-' };
  const reason = book.state.closeReason ?? '';
  // A letter a row already sent is not sent again (sendLetter keeps each letter to once).
  const closing = (letter: 'completionReport' | 'noCapacity') => {
    const row = book.procedure.activities.at(-1)!;
    return effects.sendLetter({ book, row, record: last!, action: { kind: 'letter', letter, label: 'Surat penutup' } });
  };
  switch (status) {
    case 'completed':
      // Where the SOP has no report row (Sumbar), the applicant still hears that the case is done.
      if (book.state.submission.kind === 'colocation') await closing('completionReport');
      break;
    case 'rejected': {
      const rejection = book.lastDecision('approval') ?? book.lastDecision('withdrawalApproval');
      // The official's own pertimbangan, not the SOP's wording of the ending.
      const consideration = rejection?.payload.consideration ?? reason;
      book.email('case/rejected', applicant, { template: 'rejected', consideration, byTitle: rejection ? book.roleTitle(rejection.actor.role) : 'pejabat berwenang' });
      break;
    }
    case 'noCapacity':
      await closing('noCapacity');
      break;
    case 'withdrawn':
      book.email('case/withdrawn', applicant, { template: 'withdrawn', reason }, [{ role: 'kabid' }]);
      break;
    case 'cancelled':
      book.email('case/cancelled', applicant, { template: 'cancelled', reason }, [{ role: 'kabid' }]);
      break;
    case 'expired':
      book.email('case/expired', applicant, { template: 'expired', step: ref }, [{ role: 'kabid' }]);
      break;
  }
  await book.commit();
}
