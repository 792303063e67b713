// One endpoint per kind of human decision. Each becomes the workflow's Update of that kind; the
// workflow's validator has the last word on turn and role, the API refuses early what can never be
// right (a role that decides this kind nowhere in the case's SOP, a malformed body).
import type { Request } from 'express';
import type { z } from 'zod';
import type { UpdateDefinition } from '@temporalio/common';
import { Decision, DecisionResult, decisionUpdates } from '../../shared/decisions';
import { getProfile } from '../../shared/profile/registry';
import { HumanActionKind, humanActionKinds, Role } from '../../shared/profile/schema';
import { actorOf } from '../auth';
import { useDecisionKey } from '../cases/decisionKeys';
import { loadCase, LoadedCase } from '../cases/loadCase';
import { sendDecision } from '../cases/sendDecision';
import { decisionSegments, rolesDeciding } from '../decisionKinds';
import { forbidden, parseOrThrow } from '../errors';
import { defineRoute, RouteSpec } from '../route';
import { actAsHeaders, DecisionBodySchemas, idempotencyHeaders, idempotencyKeySchema } from '../schemas';
import { decisionResultSchema } from '../views/schemas';
import { requestNumberParams } from './readRequests';

export const decisionLabels: Record<HumanActionKind, string> = {
  disposition: 'Disposisi',
  clarification: 'Klarifikasi kebutuhan',
  capacityCheck: 'Pengecekan kapasitas: konfirmasi, override penempatan, atau tidak tersedia',
  applicationForm: 'Pengisian form pengajuan',
  approval: 'Persetujuan atau penolakan (Kabid/Kadis)',
  deviceDelivery: 'Penerimaan perangkat server',
  specVerification: 'Verifikasi kesesuaian spesifikasi',
  installation: 'Pemasangan server (penempatan, IP, monitoring)',
  handover: 'Berita acara serah terima dan aset register',
  task: 'Tugas lain dalam SOP',
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

function ensureRoleDecidesKind(loaded: LoadedCase, kind: HumanActionKind, role: Role): void {
  const profile = getProfile(loaded.profileId);
  const roles = rolesDeciding(profile, kind);
  if (!roles.has(role)) {
    const who = [...roles].map((r) => profile.roles[r]?.title ?? r).join(', ') || 'tidak ada peran';
    throw forbidden(`Peran ${profile.roles[role]?.title ?? role} tidak mengambil keputusan "${decisionLabels[kind]}" dalam SOP ${profile.agency.name}; keputusan ini diambil oleh: ${who}.`);
  }
}

/**
 * The application form names the case's own unit, as at submission: nobody (an admin acting as the
 * applicant included) can hand a case to another unit through it.
 */
function ensureCaseUnit(loaded: LoadedCase, kind: HumanActionKind, payload: unknown): void {
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
      `Menjadi Update \`${kind}\` pada workflow permohonan. Hanya peran yang disebut langkah SOP yang sedang berjalan yang dapat memutuskannya.`,
      '403 bila peran ini tidak pernah mengambil keputusan ini dalam SOP kasus, atau bukan perannya pada langkah ini; 409 OUT_OF_TURN (dengan `waitingFor`) bila permohonan sedang menunggu hal lain; 409 CLOSED bila sudah ditutup.',
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
      const loaded = await loadCase(deps, caller, params.requestNumber);
      ensureRoleDecidesKind(loaded, kind, actor.role);
      const key = idempotencyKeyOf(req);
      const payload = parseOrThrow(bodySchema, payloadOf(req));
      ensureCaseUnit(loaded, kind, payload);
      const { decisionId, resend } = await useDecisionKey({ requestNumber: loaded.requestNumber, userId: caller.user.id, kind, key }, payload);
      const update = decisionUpdates[kind] as unknown as UpdateDefinition<DecisionResult, [Decision]>;
      const result = await sendDecision(deps, loaded, { decisionId, resend }, (handle) =>
        handle.executeUpdate(update, { args: [{ decisionId, actor, payload: payload as Decision['payload'] }], updateId: decisionId }),
      );
      res.json(result);
    },
  });
}

export const decisionRoutes: RouteSpec[] = humanActionKinds.map(decisionRoute);
