// One colocation request, from the request letter to go-live (or to the end of one of its
// branches), following the agency's SOP profile step by step, each step under its mutu baku timer.
import { allHandlersFinished, ApplicationFailure, CancellationScope, condition, isCancellation, patched, setHandler, upsertMemo, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { caseStateQuery, CaseView, caseView, StepRecord } from '../shared/caseState';
import { Decision, DECISION_REFUSED, decisionUpdates, DecisionResult, RefusalDetails, withdrawUpdate, Withdrawal } from '../shared/decisions';
import type { HumanActionKind, ProfileAction, ProfileStep } from '../shared/profile/schema';
import { humanActionKinds } from '../shared/profile/schema';
import { isSubmissionStep } from '../shared/profile/submissionStep';
import { SA } from '../shared/searchAttributes';
import { caseSummary, ColocationInput, colocationInputSchema } from '../shared/workflowInput';
import { acts, runActivity } from './colocation/activities';
import { CaseBook } from './colocation/caseBook';
import { applyDecision, runAutomaticAction, startCapacityCheck, StepOutcome } from './colocation/effects';
import { validateDecision, validateWithdrawal } from './colocation/refusals';
import { watchStepSla, watchTotalSla } from './colocation/sla';

/**
 * Cases started since this marker keep a small history: one local activity commits each wait point
 * (see CaseBook). Cases recorded without it replay their original path unchanged (docs/VERSIONING.md).
 */
export const LEAN_CASE_PATCH = 'lean-case-commits';

/** Decisions on their way from an Update handler through the main loop. */
interface Inbox {
  applied: Set<string>;
  /** Accepted by its Update, waiting for the main loop to take it. */
  queued?: { kind: HumanActionKind; decision: Decision };
  /** Taken by the main loop; its Update answers once the case waits again. */
  applying?: string;
  processed: Set<string>;
  finalized: boolean;
}

export async function colocationRequestWorkflow(rawInput: ColocationInput): Promise<CaseView> {
  const parsed = colocationInputSchema.safeParse(rawInput);
  if (!parsed.success) {
    throw ApplicationFailure.nonRetryable(`Input permohonan tidak valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 'InvalidInput');
  }
  const input = parsed.data;
  const lean = patched(LEAN_CASE_PATCH);
  // Read before the first local activity: one that outlasts its workflow task moves the clock on
  // for the rest of that task, and a replay would not see the same time.
  const startedAt = Date.now();
  const startYear = new Date(startedAt).getUTCFullYear();
  const profileQuery = { profileId: input.profileId, years: [startYear, startYear + 1, startYear + 2] };
  const snapshot = lean ? await runActivity(true, 'loadProfileSnapshot', 'Memuat profil SOP', profileQuery) : await acts.loadProfileSnapshot(profileQuery);
  const book = new CaseBook(input, snapshot, workflowInfo().workflowId, startedAt, lean);
  const inbox: Inbox = { applied: new Set(), processed: new Set(), finalized: false };
  registerHandlers(book, inbox);

  // The lean path upserts these with its first commit.
  if (!lean) {
    upsertSearchAttributes([
      { key: SA.agency, value: book.profile.agency.name },
      { key: SA.applicantUnit, value: book.state.applicantUnit },
      { key: SA.requestNumber, value: input.requestNumber },
    ]);
  }
  upsertMemo({ summary: caseSummary(input.requestNumber, input.submission), profile: `${book.profile.id} v${book.profile.version}` });

  book.audit('submitted', { actor: input.submittedBy, details: { letter: input.submission.letter } });
  await book.flush();
  await book.email([{ applicant: true }], { template: 'submitted' }, 'Langkah 1: surat permohonan diterima');
  void watchTotalSla(book).catch(ignoreCancellation);

  try {
    await runSteps(book, inbox);
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

function registerHandlers(book: CaseBook, inbox: Inbox): void {
  setHandler(caseStateQuery, () => book.state);

  for (const kind of humanActionKinds) {
    setHandler(
      decisionUpdates[kind],
      async (decision: Decision): Promise<DecisionResult> => {
        if (inbox.applied.has(decision.decisionId)) return { duplicate: true, case: caseView(book.state) };
        if (inbox.queued) {
          const message = 'Keputusan lain untuk langkah ini sedang diproses; muat ulang dan coba lagi.';
          throw ApplicationFailure.create({ type: DECISION_REFUSED, message, nonRetryable: true, details: [{ code: 'OUT_OF_TURN', message, waitingFor: null } satisfies RefusalDetails] });
        }
        inbox.applied.add(decision.decisionId);
        inbox.queued = { kind, decision };
        // Answer once the case has acted on the decision (and, if it ended the case, once the
        // ending is carried out), so the caller sees where the case now stands.
        await condition(() => (inbox.processed.has(decision.decisionId) && book.active) || inbox.finalized);
        return { duplicate: false, case: caseView(book.state) };
      },
      { validator: (decision: Decision) => validateDecision(book, kind, decision, inbox.applied) },
    );
  }

  setHandler(
    withdrawUpdate,
    async (withdrawal: Withdrawal): Promise<DecisionResult> => {
      if (inbox.applied.has(withdrawal.decisionId)) return { duplicate: true, case: caseView(book.state) };
      inbox.applied.add(withdrawal.decisionId);
      book.recordDecision('withdraw', book.state.currentStep, { decisionId: withdrawal.decisionId, actor: withdrawal.actor, payload: { reason: withdrawal.reason } });
      book.close('withdrawn', withdrawal.reason);
      await condition(() => inbox.finalized);
      return { duplicate: false, case: caseView(book.state) };
    },
    { validator: (withdrawal: Withdrawal) => validateWithdrawal(book, withdrawal, inbox.applied) },
  );
}

/** Timers of a cancelled workflow reject; the main loop handles the cancellation itself. */
function ignoreCancellation(error: unknown): void {
  if (!isCancellation(error)) throw error;
}

function runsOnThisBranch(book: CaseBook, step: ProfileStep): boolean {
  if (!step.onlyIf) return true;
  const outcome = book.state.capacity.outcome;
  return step.onlyIf === 'capacityAvailable' ? outcome === 'available' : outcome === 'unavailable';
}

async function runSteps(book: CaseBook, inbox: Inbox): Promise<void> {
  const { steps, branches } = book.profile;
  let index = 0;
  let redelivery = false;
  while (index < steps.length && book.active) {
    const step = steps[index]!;
    if (isSubmissionStep(step, index)) {
      book.recordSubmittedStep(step);
    } else if (runsOnThisBranch(book, step)) {
      // After a spec mismatch the applicant redelivers: only the delivery is done again.
      const actions = redelivery ? step.actions.filter((a) => a.kind === 'deviceDelivery') : step.actions;
      redelivery = false;
      const outcome = await runStep(book, inbox, step, actions);
      if (outcome === 'mismatch') {
        index = steps.findIndex((s) => s.id === branches.specMismatchReturnsTo);
        redelivery = true;
        continue;
      }
    }
    index += 1;
  }
  if (book.active) {
    if (book.state.capacity.outcome === 'unavailable') book.close('noCapacity', 'Kapasitas infrastruktur tidak tersedia');
    else book.close('completed', 'Server terpasang dan dapat diakses');
  }
}

async function runStep(book: CaseBook, inbox: Inbox, step: ProfileStep, actions: ProfileAction[]): Promise<StepOutcome> {
  const record = book.enterStep(step);
  let stepDone = false;
  // The watcher runs beside the step; a cancelled workflow ends it along with the step.
  const sla = watchStepSla(book, step, record, () => stepDone).catch(ignoreCancellation);
  let outcome: StepOutcome = 'done';
  for (const action of actions) {
    if (!book.active) break;
    if (action.kind === 'notifyApplicant' || action.kind === 'completionReport') {
      await book.flush();
      await runAutomaticAction(book, step, action);
      continue;
    }
    outcome = await awaitHumanAction(book, inbox, step, record, action);
    if (outcome !== 'done') break;
  }
  stepDone = true;
  if (book.active) book.completeStep(record, outcome === 'mismatch' ? 'mismatch' : undefined);
  await sla;
  await book.flush();
  return outcome;
}

async function awaitHumanAction(book: CaseBook, inbox: Inbox, step: ProfileStep, record: StepRecord, action: ProfileAction): Promise<StepOutcome> {
  const kind = action.kind as HumanActionKind;
  // The proposal is in place before the step asks anyone to confirm it.
  if (kind === 'capacityCheck') await startCapacityCheck(book, step);
  const pending = book.setPending(record, action, step.performer);
  await book.flush();
  const to = pending.by === 'applicant' ? [{ applicant: true as const }] : [{ role: pending.by }];
  await book.email(to, { template: 'taskAssigned', step: book.stepRef(step), action: action.label, deadline: record.deadline ? book.localTime(record.deadline) : undefined }, `Langkah ${step.sopStep}: tugas untuk ${pending.byTitle}`);
  // Written before the previous decision is answered, so its caller reads the case as it now waits.
  if (book.lean) await book.commit();

  settlePreviousDecision(inbox);
  await condition(() => inbox.queued?.kind === kind || !book.active);
  const queued = inbox.queued;
  if (!queued || !book.active) return 'closed';
  inbox.queued = undefined;
  inbox.applying = queued.decision.decisionId;
  book.recordDecision(kind, record, queued.decision);
  record.pending = undefined;
  return applyDecision(book, step, kind, queued.decision);
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
    book.audit('capacityReleased', { details: { reason: status } });
  }
  await book.flush();
  const applicant = [{ applicant: true as const }];
  const current = book.state.steps.at(-1);
  const ref = current ? { sopStep: current.sopStep, title: current.title, performerTitle: current.performerTitle } : { sopStep: '-', title: '-', performerTitle: '-' };
  switch (status) {
    case 'completed':
      if (!book.notified.has('completed')) await runAutomaticAction(book, null, { kind: 'completionReport', label: 'Laporan selesai' });
      break;
    case 'rejected': {
      const rejection = [...book.state.decisions].reverse().find((d) => d.kind === 'approval');
      await book.email(applicant, { template: 'rejected', consideration: book.state.closeReason ?? '', byTitle: rejection ? book.roleTitle(rejection.actor.role) : 'pejabat berwenang' }, 'Permohonan ditolak');
      break;
    }
    case 'noCapacity':
      if (!book.notified.has('noCapacity')) await runAutomaticAction(book, null, { kind: 'notifyApplicant', notification: 'noCapacity', label: 'Kapasitas tidak tersedia' });
      break;
    case 'withdrawn':
      await book.email(applicant, { template: 'withdrawn', reason: book.state.closeReason ?? '' }, 'Permohonan dibatalkan pemohon', [{ role: 'kabid' }]);
      break;
    case 'cancelled':
      await book.email(applicant, { template: 'cancelled', reason: book.state.closeReason ?? '' }, 'Permohonan dibatalkan pengelola', [{ role: 'kabid' }]);
      break;
    case 'expired':
      await book.email(applicant, { template: 'expired', step: ref }, 'Permohonan kedaluwarsa', [{ role: 'kabid' }]);
      break;
  }
  if (book.lean) await book.commit();
  else upsertSearchAttributes([{ key: SA.status, value: book.state.status }, { key: SA.currentStep, value: book.state.status }]);
}
