// One workflow per placed server set (entity pattern), from go-live until the server leaves the
// data center: it knows its rack units, IP, power and bandwidth, its term and review dates, and it is
// projected to the asset register and the `placements` read model. A temporary term is reminded at
// the profile's lead times and, at its end date, withdrawn unless an extension was approved. A
// withdrawal runs as its own case (the profile's withdrawal procedure) in a child workflow; the
// placement ends once that case took the server out, and stays active when it did not.
import { allHandlersFinished, ApplicationFailure, condition, patched, workflowInfo } from '@temporalio/workflow';
import { placementInputSchema, type PlacementInput, type PlacementState } from '../shared/contracts/placement';
import type { Actor } from '../shared/decisions';
import { placementActivities } from './placement/placementActivities';
import { CARRY_OVER_WHILE_WAITING_PATCH, CarriedPlacement, carryOver, shouldCarryOver } from './placement/carryOver';
import { PlacementInbox, registerPlacementHandlers } from './placement/handlers';
import { openingPlacementState, PlacementLedger } from './placement/ledger';
import { daysBetween, dueReminders, localToday, nextDueAt, termEndAt, termEndHandled, termEndRequestId } from './placement/term';
import { runWithdrawal } from './placement/withdrawal';

/** Who asks for a withdrawal at the end of a temporary term. */
export const SYSTEM_ACTOR: Actor = { userId: 'sistem', name: 'Sistem Kolokasi', role: 'dcStaff' };

export async function placementWorkflow(rawInput: PlacementInput): Promise<PlacementState> {
  const inbox: PlacementInbox = { applied: new Set() };
  // Before the first await: an Update sent right after the start finds its handler.
  registerPlacementHandlers(inbox);

  const parsed = placementInputSchema.safeParse(rawInput);
  if (!parsed.success) {
    throw ApplicationFailure.nonRetryable(`Input penempatan tidak valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 'InvalidInput');
  }
  const input = parsed.data;
  const carried = input.carried as CarriedPlacement | undefined;
  const settings = carried?.settings ?? (await placementActivities.loadPlacementSettings({ profileId: input.profileId }));
  const state = carried?.state ?? openingPlacementState(input, workflowInfo().workflowId, settings);
  for (const id of carried?.applied ?? []) inbox.applied.add(id);
  const ledger = new PlacementLedger(state, settings);
  inbox.ledger = ledger;
  if (!carried) {
    ledger.event('started', 'placementStarted', { term: state.term, location: state.location, assetIds: state.servers.map((s) => s.assetId) });
    await ledger.commit();
  }

  // Decided once per run, before the first wait (docs/VERSIONING.md).
  const carryOverWhileWaiting = patched(CARRY_OVER_WHILE_WAITING_PATCH);
  while (state.status !== 'withdrawn') {
    if (state.withdrawal) {
      await withdraw(ledger);
      continue;
    }
    if (shouldCarryOver()) return carryOver(input, { state, settings }, inbox.applied);
    const seen = ledger.wake;
    const dueAt = nextDueAt(state, settings);
    const wanted = () => !!state.withdrawal || ledger.wake !== seen || (carryOverWhileWaiting && shouldCarryOver());
    if (dueAt === undefined) await condition(wanted);
    else if (!(await condition(wanted, Math.max(dueAt - Date.now(), 1)))) await actOnTerm(ledger);
  }
  await condition(allHandlersFinished);
  return state;
}

/** A reminder due, or the end of the term: what a timer wakes the placement for. */
async function actOnTerm(ledger: PlacementLedger): Promise<void> {
  const { state, settings } = ledger;
  const now = Date.now();
  const { send, skip } = dueReminders(state, settings, now);
  for (const passed of skip) state.remindersSent.push(passed.key);
  if (send && state.term.kind === 'temporary') {
    state.remindersSent.push(send.key);
    const until = state.term.until;
    ledger.event(`reminder/${send.key}`, 'termReminder', { until, daysBefore: send.daysBefore });
    // The days left, not the lead: a reminder past due at go-live (a short term) says how long is left.
    const daysLeft = daysBetween(localToday(now, settings.timeZone), until);
    ledger.email(`reminder/${send.key}`, [{ applicant: true }], { template: 'placementReminder', until, daysLeft }, settings.staffRoles.map((role) => ({ role })));
  }
  const end = termEndAt(state, settings);
  if (end !== undefined && now >= end && state.term.kind === 'temporary' && !termEndHandled(state)) {
    const requestId = termEndRequestId(state.term.until);
    state.withdrawal = { requestId, reason: `Jangka waktu penempatan berakhir ${state.term.until} dan tidak diperpanjang`, requestedBy: SYSTEM_ACTOR, by: 'system', at: new Date(now).toISOString() };
    state.status = 'withdrawing';
    ledger.event(`withdrawal/request/${requestId}`, 'withdrawalRequested', { reason: state.withdrawal.reason, by: 'system' }, SYSTEM_ACTOR);
  }
  await ledger.commit();
}

async function withdraw(ledger: PlacementLedger): Promise<void> {
  const { state } = ledger;
  const withdrawal = state.withdrawal!;
  const ending = await runWithdrawal(ledger);
  const number = withdrawal.withdrawalNumber!;
  if (ending.status === 'completed') {
    state.status = 'withdrawn';
    state.withdrawnAt = ending.closedAt;
    ledger.event(`withdrawal/${number}/completed`, 'placementWithdrawn', { withdrawalNumber: number });
  } else {
    state.pastWithdrawals.push({ ...withdrawal, outcome: ending.status, closedAt: ending.closedAt, closeReason: ending.closeReason });
    state.withdrawal = undefined;
    state.status = 'active';
    ledger.event(`withdrawal/${number}/${ending.status}`, 'withdrawalNotCarriedOut', { withdrawalNumber: number, outcome: ending.status, reason: ending.closeReason });
    // A rejected withdrawal at the end of a term is not started again by itself: the Kabid has
    // decided the server stays; an extension or a new withdrawal request moves it on from here.
  }
  await ledger.commit();
}
