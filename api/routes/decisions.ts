// One endpoint per kind of human decision. Each becomes the workflow's Update of that kind; the
// workflow's validator has the last word on turn and role, the API refuses early what can never be
// right (a role that decides this kind nowhere in the case's SOP, a malformed body).
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { z } from 'zod';
import type { UpdateDefinition } from '@temporalio/common';
import { Decision, DecisionResult, decisionUpdates } from '../../shared/decisions';
import { getProfile } from '../../shared/profile/registry';
import { HumanActionKind, humanActionKinds, Role } from '../../shared/profile/schema';
import { actorOf, Caller, unitScope } from '../auth';
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

/** The Idempotency-Key header, else `decisionId` in the body, else a fresh id (no dedup then). */
export function decisionIdOf(req: Request): string {
  const header = req.get('idempotency-key');
  if (header !== undefined) return parseOrThrow(idempotencyKeySchema, header, 'Idempotency-Key');
  const inBody = (req.body as { decisionId?: unknown } | undefined)?.decisionId;
  if (inBody !== undefined) return parseOrThrow(idempotencyKeySchema, inBody, 'decisionId');
  return randomUUID();
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

/** An applicant's form names its own unit, as at submission: it cannot hand its case to another unit. */
function ensureOwnUnit(caller: Caller, kind: HumanActionKind, payload: unknown): void {
  const unit = unitScope(caller);
  const form = kind === 'applicationForm' ? (payload as { form?: { unitName: string } }).form : undefined;
  if (unit !== undefined && form && form.unitName !== unit) throw forbidden(`form.unitName harus unit Anda ("${unit}").`);
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
      'Kirim `Idempotency-Key` (atau `decisionId` di body) agar pengiriman ulang tidak diterapkan dua kali: pengiriman ulang mendapat jawaban yang sama dengan yang pertama, atau `duplicate: true` bila dijawab dari catatan permohonan yang sudah ditutup.',
    ].join('\n\n'),
    tags: ['Keputusan'],
    access: 'peran yang disebut langkah SOP (admin hanya dengan X-Act-As-Role dan X-Act-Reason)',
    params: requestNumberParams,
    body: bodySchema,
    headers: idempotencyHeaders.extend(actAsHeaders.shape),
    responses: { 200: { description: 'Keputusan diterapkan; posisi permohonan sesudahnya.', schema: decisionResultSchema } },
    errors: [
      { status: 404, codes: ['NOT_FOUND'], description: 'Nomor permohonan tidak dikenal (atau milik unit lain).' },
      { status: 409, codes: ['OUT_OF_TURN', 'CLOSED', 'NOT_READY'], description: 'Bukan gilirannya (lihat waitingFor), atau permohonan sudah ditutup.' },
      { status: 504, codes: ['TIMEOUT'], description: 'Belum selesai diproses; kirim ulang dengan Idempotency-Key yang sama.' },
    ],
    async handle({ req, res, deps, params, caller: getCaller }) {
      const caller = getCaller();
      const actor = actorOf(caller);
      const loaded = await loadCase(deps, caller, params.requestNumber);
      ensureRoleDecidesKind(loaded, kind, actor.role);
      const decisionId = decisionIdOf(req);
      const payload = parseOrThrow(bodySchema, payloadOf(req));
      ensureOwnUnit(caller, kind, payload);
      const update = decisionUpdates[kind] as unknown as UpdateDefinition<DecisionResult, [Decision]>;
      const result = await sendDecision(deps, loaded, decisionId, (handle) =>
        handle.executeUpdate(update, { args: [{ decisionId, actor, payload: payload as Decision['payload'] }], updateId: decisionId }),
      );
      res.json(result);
    },
  });
}

export const decisionRoutes: RouteSpec[] = humanActionKinds.map(decisionRoute);
