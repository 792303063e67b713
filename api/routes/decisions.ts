// One endpoint per kind of human action, for every procedure. Each becomes the workflow's Update of
// that kind; the workflow's validator has the last word on turn and role. The API refuses early what
// the case itself says is not this caller's to do: the action its current step waits for, and the
// role that step names, come from the case (pinned to the profile it started with), never from the
// profile file on disk, which may have changed since.
import type { Request } from 'express';
import { awaitedText, TurnState } from '../../shared/awaited';
import type { z } from 'zod';
import type { UpdateDefinition } from '@temporalio/common';
import { Decision, DecisionResult, decisionUpdates } from '../../shared/decisions';
import type { HumanActionKind } from '../../shared/profile/actions';
import type { Role } from '../../shared/profile/schema';
import { actorOf } from '../auth';
import { useDecisionKey } from '../cases/decisionKeys';
import { CaseToDecide, liveState, loadCaseToDecide } from '../cases/loadCase';
import { sendDecision } from '../cases/sendDecision';
import { decisionSegments, humanActionKinds } from '../decisionKinds';
import type { ApiDeps } from '../deps';
import { ApiError, forbidden, parseOrThrow } from '../errors';
import { defineRoute, RouteSpec } from '../route';
import { actAsHeaders, DecisionBodySchemas, idempotencyHeaders, idempotencyKeySchema } from '../schemas';
import { decisionResultSchema } from '../views/schemas';
import { requestNumberParams } from './readRequests';

export const decisionLabels: Record<HumanActionKind, string> = {
  disposition: 'Disposisi',
  clarification: 'Klarifikasi kebutuhan (berita acara klarifikasi)',
  capacityCheck: 'Pengecekan kapasitas: konfirmasi (mencadangkan), override penempatan, atau tidak tersedia',
  powerCheck: 'Koordinasi kemampuan listrik: tersedia atau tidak',
  applicationForm: 'Pengisian form pengajuan',
  approval: 'Persetujuan atau penolakan (form persetujuan)',
  deviceDelivery: 'Penerimaan perangkat server',
  specVerification: 'Verifikasi kesesuaian spesifikasi',
  installation: 'Pemasangan server (alamat IP, monitoring)',
  handover: 'Berita acara serah terima dan aset register',
  backupPlan: 'Rencana back up dan jadwalnya',
  backupRun: 'Pelaksanaan back up (data yang di-back up)',
  backupStop: 'Penghentian layanan back up',
  restoreRun: 'Pelaksanaan restore',
  restoreReport: 'Form pelaksanaan restore',
  decision: 'Jawaban ya/tidak atas pertanyaan langkah SOP',
  task: 'Catatan pelaksanaan langkah SOP',
  withdrawalApproval: 'Persetujuan atau penolakan pencabutan co-location dengan pertimbangan (form pencabutan)',
  removal: 'Pencabutan fisik server: melepas unit rak, alamat IP dan kapasitas',
};

/** The Idempotency-Key header, else `decisionId` in the body; none means no deduplication. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const header = req.get('idempotency-key');
  if (header !== undefined) return parseOrThrow(idempotencyKeySchema, header, 'Idempotency-Key');
  const inBody = (req.body as { decisionId?: unknown } | undefined)?.decisionId;
  if (inBody !== undefined) return parseOrThrow(idempotencyKeySchema, inBody, 'decisionId');
  return undefined;
}

/** The body without the `decisionId` it may carry. */
export function payloadOf(req: Request): unknown {
  if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) return req.body ?? {};
  const { decisionId: _id, ...payload } = req.body as Record<string, unknown>;
  return payload;
}

function waitingForOf(state: TurnState) {
  const step = state.currentStep;
  const pending = step?.pending;
  return pending && step ? { stepId: step.stepId, sopStep: step.sopStep, action: pending.label, role: pending.by, roleTitle: pending.byTitle } : null;
}

/** Why the case, as `state` has it, does not take this kind of decision from this role now; undefined if it does. */
function refusal(state: TurnState, kind: HumanActionKind, role: Role): ApiError | undefined {
  if (state.status !== 'inProgress') return undefined; // answered as a closed case (sendDecision)
  const pending = state.currentStep?.pending;
  const waitingFor = waitingForOf(state);
  if (!pending || pending.kind !== kind) {
    return new ApiError(409, 'OUT_OF_TURN', `Bukan giliran keputusan "${decisionLabels[kind]}": permohonan sedang menunggu ${awaitedText(state)}.`, { waitingFor });
  }
  // Worded as the workflow's own refusal (workflows/sop/refusals.ts), whichever of the two answers.
  if (pending.by !== role) return forbidden(`Keputusan "${pending.label}" hanya dapat diambil oleh ${pending.byTitle}.`);
  return undefined;
}

/**
 * Refuses a decision the case is not waiting for from this role. The read model may trail the
 * workflow by a moment, so a refusal is confirmed against the workflow itself before it is given.
 */
async function ensureTurn(deps: ApiDeps, loaded: CaseToDecide, kind: HumanActionKind, role: Role): Promise<void> {
  if (!loaded.turn || !refusal(loaded.turn, kind, role)) return;
  const live: TurnState = (await liveState(deps, loaded)) ?? loaded.turn;
  const error = refusal(live, kind, role);
  if (error) {
    if (error.status === 403) throw new ApiError(403, 'FORBIDDEN', error.message, { waitingFor: waitingForOf(live) });
    throw error;
  }
}

/**
 * The application form names the case's own unit, as at submission: nobody (an admin acting as the
 * applicant included) can hand a case to another unit through it.
 */
function ensureCaseUnit(loaded: CaseToDecide, kind: HumanActionKind, payload: unknown): void {
  const form = kind === 'applicationForm' ? (payload as { form?: { unitName: string } }).form : undefined;
  if (form && form.unitName !== loaded.applicantUnit) throw forbidden(`form.unitName harus unit pemohon permohonan ini ("${loaded.applicantUnit}"); permohonan tidak dapat dipindahkan ke unit lain.`);
}

function decisionRoute(kind: HumanActionKind): RouteSpec {
  const bodySchema = DecisionBodySchemas[kind] as z.ZodType;
  return defineRoute({
    method: 'post',
    path: `/requests/{requestNumber}/decisions/${decisionSegments[kind]}`,
    summary: decisionLabels[kind],
    description: [
      `Menjadi Update \`${kind}\` pada workflow permohonan, untuk prosedur mana pun yang mencatat tindakan ini. Hanya peran yang disebut langkah SOP yang sedang berjalan (menurut profil SOP yang dipakai kasus sejak diajukan) yang dapat memutuskannya.`,
      '409 OUT_OF_TURN (dengan `waitingFor`) bila permohonan sedang menunggu tindakan lain; 403 (dengan `waitingFor`) bila permohonan menunggu tindakan ini dari peran lain; 409 CLOSED bila sudah ditutup.',
      'Kirim `Idempotency-Key` (atau `decisionId` di body) agar pengiriman ulang tidak diterapkan dua kali: kunci berlaku untuk permohonan ini, pengirim ini, jenis keputusan ini dan isi ini. Pengiriman ulang yang sama persis dijawab 200 dengan `duplicate: true` dan posisi permohonan saat ini; kunci yang sama untuk pengguna, jenis keputusan atau isi lain ditolak 409 IDEMPOTENCY_CONFLICT tanpa menerapkan apa pun. `decisionId` pada jawaban adalah id keputusan dalam riwayat, diturunkan dari kunci.',
    ].join('\n\n'),
    tags: ['Keputusan'],
    access: 'peran yang disebut langkah SOP (admin hanya dengan X-Act-As-Role dan X-Act-Reason)',
    params: requestNumberParams,
    body: bodySchema,
    headers: idempotencyHeaders.extend(actAsHeaders.shape),
    responses: { 200: { description: 'Keputusan diterapkan; posisi permohonan sesudahnya.', schema: decisionResultSchema } },
    errors: [
      { status: 404, codes: ['NOT_FOUND'], description: 'Nomor permohonan tidak dikenal (atau milik unit lain).' },
      { status: 409, codes: ['OUT_OF_TURN', 'CLOSED', 'NOT_READY', 'IDEMPOTENCY_CONFLICT'], description: 'Bukan gilirannya (lihat waitingFor), permohonan sudah ditutup, atau Idempotency-Key sudah dipakai untuk keputusan lain.' },
      { status: 504, codes: ['TIMEOUT'], description: 'Belum selesai diproses; kirim ulang dengan Idempotency-Key yang sama.' },
    ],
    async handle({ req, res, deps, params, caller: getCaller }) {
      const caller = getCaller();
      const actor = actorOf(caller);
      const loaded = await loadCaseToDecide(deps, caller, params.requestNumber);
      const key = idempotencyKeyOf(req);
      const payload = parseOrThrow(bodySchema, payloadOf(req));
      ensureCaseUnit(loaded, kind, payload);
      const { decisionId, resend } = await useDecisionKey({ requestNumber: loaded.requestNumber, userId: caller.user.id, kind, key }, payload);
      // A resend is answered from what the case recorded, even though it has moved on since.
      if (!resend) await ensureTurn(deps, loaded, kind, actor.role);
      const update = decisionUpdates[kind] as unknown as UpdateDefinition<DecisionResult, [Decision]>;
      const result = await sendDecision(deps, loaded, { decisionId, resend }, (handle) =>
        handle.executeUpdate(update, { args: [{ decisionId, actor, payload: payload as Decision['payload'] }], updateId: decisionId }),
      );
      res.json(result);
    },
  });
}

export const decisionRoutes: RouteSpec[] = humanActionKinds.map(decisionRoute);
