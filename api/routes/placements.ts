// Placements after go-live (workflows/placement.ts): read one with its history, list them, start a
// withdrawal (pencabutan), ask for and decide an extension of a temporary term. The withdrawal's own
// decisions go through /requests/{withdrawalNumber}/decisions/<kind> like any case's.
import type { Request } from 'express';
import { z } from 'zod';
import type { CaseView } from '../../shared/caseState';
import {
  decideExtensionUpdate,
  extensionDecisionSchema,
  extensionRequestSchema,
  placementStatuses,
  placementWorkflowId,
  requestExtensionUpdate,
  requestWithdrawalUpdate,
  type PlacementState,
  type PlacementUpdateResult,
} from '../../shared/contracts/placement';
import { caseOpenedUpdate } from '../../shared/contracts/sopCase';
import { Placement, PlacementEvent } from '../../shared/db/placement';
import { strictObject, text } from '../../shared/text';
import { requestNumberSchema } from '../../shared/workflowInput';
import { actorOf, Caller, unitScope } from '../auth';
import { DecisionKind, useDecisionKey } from '../cases/decisionKeys';
import { withTemporalDeadline } from '../cases/temporalDeadline';
import { apiErrorForUpdateFailure } from '../cases/updateErrors';
import type { ApiDeps } from '../deps';
import { forbidden, notFound, parseOrThrow } from '../errors';
import { defineRoute } from '../route';
import { actAsHeaders, idempotencyHeaders } from '../schemas';
import { waitingForView } from '../views/requestView';
import { idempotencyKeyOf, payloadOf } from './decisions';

const placementParams = z.object({ placementNumber: requestNumberSchema.meta({ example: 'CRB-2026-0001' }) });

const placementSchema = z.object({ placementNumber: z.string(), status: z.enum(placementStatuses), unitName: z.string(), domain: z.string(), term: z.unknown(), state: z.unknown() }).meta({
  id: 'Placement',
  description: 'Penempatan server setelah go-live: unit rak, alamat IP, daya dan bandwidth, jangka waktu (permanen / tidak permanen sampai tanggal), tanggal tinjauan, aset, pencabutan dan perpanjangan.',
});
const eventSchema = z.object({ at: z.string(), event: z.string(), actor: z.unknown().optional(), details: z.unknown().optional() });
const placementWithHistorySchema = placementSchema.extend({ events: z.array(eventSchema) }).meta({ id: 'PlacementWithHistory' });
const placementPageSchema = z.object({ items: z.array(placementSchema), page: z.number(), pageSize: z.number(), total: z.number() }).meta({ id: 'PlacementPage' });

export const PlacementWithdrawalBodySchema = strictObject({ reason: text(2000, { min: 5, minMessage: 'alasan minimal 5 karakter', multiline: true }) }).meta({
  id: 'PlacementWithdrawalRequest',
  description: 'Alasan pencabutan co-location. Form pencabutan (NOC, letak server, S/N, type & merk, domain) diisi dari penempatannya.',
});
export const ExtensionBodySchema = strictObject({ until: extensionRequestSchema.shape.until, reason: extensionRequestSchema.shape.reason }).meta({
  id: 'ExtensionRequest',
  description: 'Tanggal akhir baru (YYYY-MM-DD, sesudah tanggal akhir sekarang) dan alasannya.',
});
export const ExtensionDecisionBodySchema = strictObject({ decision: extensionDecisionSchema.shape.decision, consideration: extensionDecisionSchema.shape.consideration }).meta({
  id: 'ExtensionDecision',
  description: 'Keputusan atas permohonan perpanjangan, dengan pertimbangan.',
});

const withdrawalStartedSchema = z
  .object({
    duplicate: z.boolean(),
    placement: placementSchema,
    withdrawal: z.object({ requestNumber: z.string(), workflowId: z.string(), status: z.string(), waitingFor: z.unknown().nullable(), links: z.record(z.string(), z.object({ method: z.string(), href: z.string() })) }),
  })
  .meta({ id: 'PlacementWithdrawalStarted' });
const updateResultSchema = z.object({ duplicate: z.boolean(), placement: placementSchema }).meta({ id: 'PlacementUpdateResult' });

const iso = (d: unknown): string => (d instanceof Date ? d.toISOString() : String(d ?? ''));

function placementView(state: PlacementState) {
  return { placementNumber: state.placementNumber, status: state.status, unitName: state.unitName, domain: state.domain, term: state.term, state };
}

/** The placement as its read model has it; 404 for an unknown one or another unit's. */
async function loadPlacement(caller: Caller, placementNumber: string): Promise<PlacementState> {
  const doc = await Placement.findById(placementNumber).lean();
  if (!doc) throw notFound('Penempatan tidak ditemukan.');
  const unit = unitScope(caller);
  if (unit !== undefined && doc.unitName !== unit) throw notFound('Penempatan tidak ditemukan.');
  return doc.state as PlacementState;
}

/** Sends a placement Update with the caller's idempotency key as its id; refusals become the usual HTTP errors. */
async function sendPlacementUpdate(deps: ApiDeps, req: Request, caller: Caller, placementNumber: string, kind: DecisionKind, payload: unknown, send: (requestId: string) => Promise<PlacementUpdateResult>): Promise<PlacementUpdateResult> {
  const { decisionId, resend } = await useDecisionKey({ requestNumber: placementNumber, userId: caller.user.id, kind, key: idempotencyKeyOf(req) }, payload);
  try {
    // Temporal answers a resent Update id with the first answer: the key's resend says it is one.
    const result = await deps.temporal.withDeadline(Date.now() + 30_000, () => send(decisionId));
    return { ...result, duplicate: result.duplicate || resend };
  } catch (error) {
    throw apiErrorForUpdateFailure(error, decisionId) ?? error;
  }
}

const placementHandle = (deps: ApiDeps, placementNumber: string) => deps.temporal.workflow.getHandle(placementWorkflowId(placementNumber));

const commonErrors = [
  { status: 404, codes: ['NOT_FOUND' as const], description: 'Nomor penempatan tidak dikenal (atau milik unit lain).' },
  { status: 409, codes: ['OUT_OF_TURN' as const, 'CLOSED' as const, 'IDEMPOTENCY_CONFLICT' as const], description: 'Pencabutan sedang berjalan, penempatan sudah dicabut, atau Idempotency-Key sudah dipakai untuk hal lain.' },
];

export const placementRoutes = [
  defineRoute({
    method: 'get',
    path: '/placements',
    summary: 'Daftar penempatan server (setelah go-live)',
    description: 'Filter menurut unit, status (active, withdrawing, withdrawn) atau id aset (`assetId`, mis. `CRB-2026-0001/srv-simpus-01`).',
    tags: ['Penempatan'],
    access: 'staf dan admin: semua; applicant: unitnya',
    query: z.object({
      unit: text(200).optional(),
      status: z.enum(placementStatuses).optional(),
      assetId: text(200).optional(),
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(100).default(20),
    }),
    responses: { 200: { description: 'Satu halaman penempatan', schema: placementPageSchema } },
    async handle({ res, query, caller }) {
      const filter: Record<string, unknown> = {};
      const scope = unitScope(caller());
      if (scope !== undefined) filter.unitName = scope;
      else if (query.unit) filter.unitName = query.unit;
      if (query.status) filter.status = query.status;
      if (query.assetId) filter.assetIds = query.assetId;
      const [total, docs] = await Promise.all([Placement.countDocuments(filter), Placement.find(filter).sort({ _id: 1 }).skip((query.page - 1) * query.pageSize).limit(query.pageSize).lean()]);
      res.json({ items: docs.map((d) => placementView(d.state as PlacementState)), page: query.page, pageSize: query.pageSize, total });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/placements/{placementNumber}',
    summary: 'Satu penempatan dengan riwayatnya',
    tags: ['Penempatan'],
    access: 'staf dan admin: semua; applicant: unitnya',
    params: placementParams,
    responses: { 200: { description: 'Penempatan dan riwayatnya (peristiwa berurutan)', schema: placementWithHistorySchema } },
    errors: [commonErrors[0]!],
    async handle({ res, params, caller }) {
      const state = await loadPlacement(caller(), params.placementNumber);
      const events = await PlacementEvent.find({ placementNumber: params.placementNumber }).sort({ at: 1, _id: 1 }).lean();
      res.json({ ...placementView(state), events: events.map((e) => ({ at: iso(e.at), event: e.event, actor: e.actor ?? undefined, details: e.details ?? undefined })) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/placements/{placementNumber}/withdrawal',
    summary: 'Mengajukan pencabutan co-location (form pencabutan)',
    description:
      'Memulai kasus pencabutan menurut prosedur `withdrawal` profil SOP: Kepala Bidang menyetujui atau menolak dengan pertimbangan (POST /requests/{withdrawalNumber}/decisions/withdrawal-approval), lalu staf mencatat pencabutan fisik (…/decisions/removal) yang melepas unit rak, alamat IP dan kapasitas. Jawaban datang setelah kasus pencabutan menunggu keputusan pertamanya.',
    tags: ['Penempatan'],
    access: 'applicant unit itu, atau staf data center (admin dengan X-Act-As-Role)',
    params: placementParams,
    body: PlacementWithdrawalBodySchema,
    headers: idempotencyHeaders.extend(actAsHeaders.shape),
    responses: { 201: { description: 'Pencabutan diajukan; kasusnya menunggu keputusan pertama.', schema: withdrawalStartedSchema } },
    errors: commonErrors,
    async handle({ req, res, deps, params, caller: getCaller }) {
      const caller = getCaller();
      const actor = actorOf(caller);
      await loadPlacement(caller, params.placementNumber);
      const { reason } = parseOrThrow(PlacementWithdrawalBodySchema, payloadOf(req));
      const result = await sendPlacementUpdate(deps, req, caller, params.placementNumber, 'placementWithdrawal', { reason }, (requestId) =>
        placementHandle(deps, params.placementNumber).executeUpdate(requestWithdrawalUpdate, { args: [{ requestId, actor, reason }], updateId: requestId }),
      );
      const withdrawal = result.placement.withdrawal ?? result.placement.pastWithdrawals.at(-1);
      if (!withdrawal?.workflowId || !withdrawal.withdrawalNumber) throw new Error(`placement ${params.placementNumber} answered without its withdrawal case`);
      const opened: CaseView | null = await withTemporalDeadline(deps.temporal, () => deps.temporal.workflow.getHandle(withdrawal.workflowId!).executeUpdate(caseOpenedUpdate)).catch(() => null);
      const no = withdrawal.withdrawalNumber;
      const status = opened?.status ?? 'inProgress';
      const waitingFor = opened && status === 'inProgress' ? waitingForView(no, opened.currentStep, Date.now()) : null;
      res.status(201).location(`/requests/${no}`).json({
        duplicate: result.duplicate,
        placement: placementView(result.placement),
        withdrawal: { requestNumber: no, workflowId: withdrawal.workflowId, status, waitingFor, links: { self: { method: 'GET', href: `/requests/${no}` }, ...(waitingFor && { decide: waitingFor.endpoint }) } },
      });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/placements/{placementNumber}/extension',
    summary: 'Mengajukan perpanjangan jangka waktu tidak permanen',
    description: 'Tanggal akhir baru dan alasannya; diputuskan oleh peran yang disebut profil SOP (`placements.extensionApprover`, biasanya Kepala Bidang). Tanpa perpanjangan yang disetujui, pencabutan dimulai otomatis pada tanggal akhir.',
    tags: ['Penempatan'],
    access: 'applicant unit itu (atau admin sebagai applicant)',
    params: placementParams,
    body: ExtensionBodySchema,
    headers: idempotencyHeaders.extend(actAsHeaders.shape),
    responses: { 200: { description: 'Permohonan perpanjangan dicatat; pemberi keputusan diberi tahu.', schema: updateResultSchema } },
    errors: commonErrors,
    async handle({ req, res, deps, params, caller: getCaller }) {
      const caller = getCaller();
      const actor = actorOf(caller);
      if (actor.role !== 'applicant') throw forbidden('Perpanjangan diajukan oleh pemohon (peran applicant).');
      await loadPlacement(caller, params.placementNumber);
      const body = parseOrThrow(ExtensionBodySchema, payloadOf(req));
      const result = await sendPlacementUpdate(deps, req, caller, params.placementNumber, 'extension', body, (requestId) =>
        placementHandle(deps, params.placementNumber).executeUpdate(requestExtensionUpdate, { args: [{ requestId, actor, ...body }], updateId: requestId }),
      );
      res.json({ duplicate: result.duplicate, placement: placementView(result.placement) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/placements/{placementNumber}/extension/decision',
    summary: 'Memutuskan permohonan perpanjangan dengan pertimbangan',
    tags: ['Penempatan'],
    access: 'peran pemberi keputusan perpanjangan menurut profil SOP (admin dengan X-Act-As-Role)',
    params: placementParams,
    body: ExtensionDecisionBodySchema,
    headers: idempotencyHeaders.extend(actAsHeaders.shape),
    responses: { 200: { description: 'Keputusan dicatat; pemohon diberi tahu.', schema: updateResultSchema } },
    errors: commonErrors,
    async handle({ req, res, deps, params, caller: getCaller }) {
      const caller = getCaller();
      const actor = actorOf(caller);
      await loadPlacement(caller, params.placementNumber);
      const body = parseOrThrow(ExtensionDecisionBodySchema, payloadOf(req));
      const result = await sendPlacementUpdate(deps, req, caller, params.placementNumber, 'extensionDecision', body, (requestId) =>
        placementHandle(deps, params.placementNumber).executeUpdate(decideExtensionUpdate, { args: [{ requestId, actor, ...body }], updateId: requestId }),
      );
      res.json({ duplicate: result.duplicate, placement: placementView(result.placement) });
    },
  }),
];
