// The placement's Updates: a withdrawal asked for, an extension of a temporary term asked for and
// decided. Each validator refuses, before anything enters history, what is malformed, out of turn
// or by the wrong role, with the same refusal shape the cases use (the API maps it to HTTP).
import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { onceReady } from '../onceReady';
import type { z } from 'zod';
import {
  decideExtensionUpdate,
  ExtensionDecision,
  extensionDecisionSchema,
  ExtensionRequest,
  extensionRequestSchema,
  PlacementUpdateResult,
  PlacementWithdrawalRequest,
  placementStateQuery,
  placementWithdrawalRequestSchema,
  requestExtensionUpdate,
  requestWithdrawalUpdate,
} from '../../shared/contracts/placement';
import { DECISION_REFUSED, RefusalCode, RefusalDetails } from '../../shared/decisions';
import type { PlacementLedger } from './ledger';
import { localToday } from './term';

export interface PlacementInbox {
  ledger?: PlacementLedger;
  /** Every request id applied, so a resend is answered, not applied again. */
  applied: Set<string>;
}

function refuse(code: RefusalCode, message: string, fields?: Record<string, string>): never {
  const details: RefusalDetails = { code, message, waitingFor: null, ...(fields && { fields }) };
  throw ApplicationFailure.create({ type: DECISION_REFUSED, message, nonRetryable: true, details: [details] });
}

function parse<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'body', i.message]));
  return refuse('INVALID', Object.entries(fields).map(([p, m]) => `${p}: ${m}`).join('; '), fields);
}

const ready = (inbox: PlacementInbox): PlacementLedger => inbox.ledger ?? refuse('OUT_OF_TURN', 'Penempatan sedang dimulai; coba lagi sebentar lagi.');

function ensureActive(ledger: PlacementLedger): void {
  const { state } = ledger;
  if (state.status === 'withdrawn') refuse('CLOSED', `Penempatan ${state.placementNumber} sudah dicabut.`);
  if (state.status === 'withdrawing') refuse('OUT_OF_TURN', `Pencabutan penempatan ${state.placementNumber} sedang berjalan (${state.withdrawal?.withdrawalNumber ?? 'baru diajukan'}).`);
}

function validateWithdrawal(inbox: PlacementInbox, raw: unknown): void {
  const request = parse(placementWithdrawalRequestSchema, raw);
  const { ledger } = inbox;
  if (!ledger || inbox.applied.has(request.requestId)) return;
  ensureActive(ledger);
  if (!ledger.settings.hasWithdrawalProcedure) refuse('OUT_OF_TURN', 'Profil SOP instansi ini tidak memiliki prosedur pencabutan co-location.');
}

function validateExtensionRequest(inbox: PlacementInbox, raw: unknown): void {
  const request = parse(extensionRequestSchema, raw);
  const { ledger } = inbox;
  if (!ledger || inbox.applied.has(request.requestId)) return;
  ensureActive(ledger);
  const { state, settings } = ledger;
  if (request.actor.role !== 'applicant') refuse('WRONG_ROLE', 'Perpanjangan jangka waktu diajukan oleh pemohon (unit pemilik server).');
  if (state.term.kind !== 'temporary') refuse('OUT_OF_TURN', 'Penempatan ini permanen: tidak ada jangka waktu yang diperpanjang.');
  if (state.extensions.some((e) => !e.decision)) refuse('OUT_OF_TURN', 'Masih ada permohonan perpanjangan yang menunggu keputusan.');
  if (request.until <= state.term.until) refuse('INVALID', `Tanggal akhir baru harus sesudah ${state.term.until}.`, { until: `harus sesudah ${state.term.until}` });
  if (request.until <= localToday(Date.now(), settings.timeZone)) refuse('INVALID', 'Tanggal akhir baru harus di masa depan.', { until: 'harus di masa depan' });
}

function validateExtensionDecision(inbox: PlacementInbox, raw: unknown): void {
  const decision = parse(extensionDecisionSchema, raw);
  const { ledger } = inbox;
  if (!ledger || inbox.applied.has(decision.requestId)) return;
  ensureActive(ledger);
  if (!ledger.state.extensions.some((e) => !e.decision)) refuse('OUT_OF_TURN', 'Tidak ada permohonan perpanjangan yang menunggu keputusan.');
  const { extensionApprover, extensionApproverTitle } = ledger.settings;
  if (decision.actor.role !== extensionApprover) refuse('WRONG_ROLE', `Perpanjangan jangka waktu diputuskan oleh ${extensionApproverTitle}.`);
}

export function registerPlacementHandlers(inbox: PlacementInbox): void {
  const answer = (duplicate: boolean): PlacementUpdateResult => ({ duplicate, placement: ready(inbox).state });
  setHandler(placementStateQuery, () => ready(inbox).state);

  setHandler(
    requestWithdrawalUpdate,
    async (request: PlacementWithdrawalRequest) => {
      const ledger = inbox.ledger ?? (await onceReady(() => inbox.ledger, () => validateWithdrawal(inbox, request)));
      const duplicate = inbox.applied.has(request.requestId);
      if (!duplicate) {
        inbox.applied.add(request.requestId);
        const by = request.system ? 'system' : request.actor.role === 'applicant' ? 'applicant' : 'staff';
        ledger.state.withdrawal = { requestId: request.requestId, reason: request.reason, requestedBy: request.actor, by, at: new Date(Date.now()).toISOString() };
        ledger.state.status = 'withdrawing';
        ledger.event(`withdrawal/request/${request.requestId}`, 'withdrawalRequested', { reason: request.reason, by }, request.actor);
        ledger.wake += 1;
      }
      // Answered once the withdrawal's case exists, so the caller can act on its number.
      await condition(() => ledger.state.withdrawal?.requestId !== request.requestId || !!ledger.state.withdrawal.workflowId);
      return answer(duplicate);
    },
    { validator: (raw: PlacementWithdrawalRequest) => validateWithdrawal(inbox, raw) },
  );

  setHandler(
    requestExtensionUpdate,
    async (request: ExtensionRequest) => {
      const ledger = inbox.ledger ?? (await onceReady(() => inbox.ledger, () => validateExtensionRequest(inbox, request)));
      if (inbox.applied.has(request.requestId)) return answer(true);
      inbox.applied.add(request.requestId);
      const { state, settings } = ledger;
      const previousUntil = state.term.kind === 'temporary' ? state.term.until : '';
      state.extensions.push({ requestId: request.requestId, until: request.until, previousUntil, reason: request.reason, requestedBy: request.actor, requestedAt: new Date(Date.now()).toISOString() });
      ledger.event(`extension/${request.requestId}/requested`, 'extensionRequested', { until: request.until, previousUntil, reason: request.reason }, request.actor);
      ledger.email(`extension/${request.requestId}/requested`, [{ role: settings.extensionApprover }], { template: 'extensionRequested', until: request.until, previousUntil, reason: request.reason, approverTitle: settings.extensionApproverTitle });
      await ledger.commit();
      return answer(false);
    },
    { validator: (raw: ExtensionRequest) => validateExtensionRequest(inbox, raw) },
  );

  setHandler(
    decideExtensionUpdate,
    async (decision: ExtensionDecision) => {
      const ledger = inbox.ledger ?? (await onceReady(() => inbox.ledger, () => validateExtensionDecision(inbox, decision)));
      if (inbox.applied.has(decision.requestId)) return answer(true);
      inbox.applied.add(decision.requestId);
      const { state, settings } = ledger;
      const pending = state.extensions.find((e) => !e.decision)!;
      Object.assign(pending, { decision: decision.decision, consideration: decision.consideration, decidedBy: decision.actor, decidedAt: new Date(Date.now()).toISOString() });
      if (decision.decision === 'approve') {
        state.term = { kind: 'temporary', until: pending.until };
        ledger.wake += 1;
      }
      ledger.event(`extension/${pending.requestId}/decided`, decision.decision === 'approve' ? 'extensionApproved' : 'extensionRejected', { until: pending.until, consideration: decision.consideration }, decision.actor);
      ledger.email(`extension/${pending.requestId}/decided`, [{ applicant: true }], { template: 'extensionDecided', approved: decision.decision === 'approve', until: pending.until, previousUntil: pending.previousUntil, consideration: decision.consideration, byTitle: settings.extensionApproverTitle }, [{ role: settings.extensionApprover }]);
      await ledger.commit();
      return answer(false);
    },
    { validator: (raw: ExtensionDecision) => validateExtensionDecision(inbox, raw) },
  );
}
