// The yearly register review over HTTP: an admin opens this year's review now (the agency's
// Schedule opens it on its date anyway); staff list reviews, read one with its tasks and report,
// see their inbox of open review tasks, and answer each task: confirm, correct (fields and a
// reason) or missing (a reason; the server's withdrawal is then asked for). Answers are the review
// workflow's Update, with the same roles, error shape and Idempotency-Key as case decisions.
import { z } from 'zod';
import type { Request } from 'express';
import { registerReviewWorkflowId, ReviewOutcome, reviewTaskBodySchemas, reviewTaskId, reviewTaskUpdate } from '../../shared/contracts/registerReview';
import { retryWhileBusy } from '../../shared/db/busyRetry';
import { RegisterReview, ReviewTask } from '../../shared/db/registerReview';
import { getProfile } from '../../shared/profile/registry';
import { Role, roleSchema } from '../../shared/profile/schema';
import { UTC_OFFSET_MINUTES } from '../../shared/workingTime';
import { actorOf, Caller } from '../auth';
import { DecisionKind, useDecisionKey } from '../cases/decisionKeys';
import { apiErrorForUpdateFailure } from '../cases/updateErrors';
import { ApiError, forbidden, notFound, parseOrThrow } from '../errors';
import { openReview } from '../reviews/openReview';
import { defineRoute, RouteSpec } from '../route';
import { actAsHeaders, idempotencyHeaders } from '../schemas';
import { countTasks, reviewAnswerSchema, reviewDetailSchema, reviewOpenedSchema, reviewSummary, reviewSummarySchema, reviewTaskPageSchema, reviewTaskView } from '../views/reviewViews';
import { idempotencyKeyOf, payloadOf } from './decisions';

const reviewIdSchema = z.string().regex(/^register-review-[a-z][a-z0-9-]*-\d{4}$/).meta({ example: 'register-review-kaltim-2027' });
const reviewParams = z.object({ reviewId: reviewIdSchema });
const taskParams = z.object({ reviewId: reviewIdSchema, assetId: z.string().min(1).max(200).meta({ description: 'Id aset, di-URL-encode (mis. KTM-2026-0001%2Fsrv-simpus).', example: 'KTM-2026-0001%2Fsrv-simpus' }) });
const UPDATE_DEADLINE_MS = 30_000;

/** Reviews are the data center's own work: every staff role and admins read them; applicants do not. */
function ensureStaff(caller: Caller): void {
  if (caller.user.role === 'applicant' || caller.role === 'applicant') throw forbidden('Peninjauan aset register hanya untuk staf data center dan admin.');
}

async function tasksOf(reviewId: string) {
  return retryWhileBusy(() => ReviewTask.find({ reviewId }).sort({ assetId: 1 }).limit(5_000).lean());
}

const openRoute = defineRoute({
  method: 'post',
  path: '/reviews',
  summary: 'Membuka peninjauan aset register tahun ini sekarang',
  description: [
    'Peninjauan aset register dibuka setiap tahun oleh jadwal (Temporal Schedule `register-review-<instansi>`) pada tanggal profil SOP; admin dapat membukanya sekarang. Satu peninjauan per instansi per tahun (`register-review-<instansi>-<tahun>`): bila sudah berjalan, permintaan ini bergabung dengannya (200, `joined: true`); bila tahun ini sudah selesai, ditolak 409 CLOSED.',
    'Setiap aset aktif menjadi satu tugas bagi staf data center (GET /reviews/tasks). Tanpa Idempotency-Key: tahunnya sendiri yang membuat permintaan ini aman diulang.',
  ].join('\n\n'),
  tags: ['Peninjauan aset register'],
  access: 'admin',
  responses: {
    201: { description: 'Peninjauan dibuka; tugasnya sudah dibuat.', schema: reviewOpenedSchema },
    200: { description: 'Peninjauan tahun ini sudah berjalan: permintaan bergabung dengannya.', schema: reviewOpenedSchema },
  },
  errors: [
    { status: 404, codes: ['NOT_FOUND'], description: 'Profil SOP instansi ini tidak mengatur peninjauan aset register.' },
    { status: 409, codes: ['CLOSED'], description: 'Peninjauan tahun ini sudah selesai.' },
  ],
  async handle({ res, deps, caller: getCaller }) {
    const caller = getCaller();
    if (caller.user.role !== 'admin' || caller.actingAs) throw forbidden('Hanya admin (atas namanya sendiri) yang dapat membuka peninjauan aset register di luar jadwal.');
    const profile = getProfile(deps.profileId);
    const spec = profile.registerReview;
    if (!spec) throw new ApiError(404, 'NOT_FOUND', `Profil SOP ${profile.agency.name} tidak mengatur peninjauan aset register.`);
    const year = new Date(Date.now() + UTC_OFFSET_MINUTES[profile.timeZone] * 60_000).getUTCFullYear();
    const { joined, view } = await openReview(deps, profile, year, { userId: caller.user.id, name: caller.user.name });
    const review = {
      reviewId: view.reviewId, profileId: view.profileId, agency: view.agency, year: view.year, status: view.status, openedAt: view.openedAt, deadline: view.deadline,
      remindedAt: view.remindedAt ?? null, escalatedAt: view.escalatedAt ?? null, completedAt: view.completedAt ?? null,
      performer: spec.performer, escalateTo: spec.escalateTo, counts: view.counts, href: `/reviews/${view.reviewId}`,
    };
    res.status(joined ? 200 : 201).location(review.href).json({ joined, review });
  },
});

const listRoute = defineRoute({
  method: 'get',
  path: '/reviews',
  summary: 'Daftar peninjauan aset register, terbaru dulu',
  tags: ['Peninjauan aset register'],
  access: 'staf dan admin',
  responses: { 200: { description: 'Peninjauan instansi ini', schema: z.object({ items: z.array(reviewSummarySchema) }) } },
  async handle({ res, deps, caller }) {
    ensureStaff(caller());
    const reviews = await retryWhileBusy(() => RegisterReview.find({ profileId: deps.profileId }).sort({ year: -1 }).limit(100).lean());
    const items = [];
    for (const r of reviews) items.push(reviewSummary(r, r.status === 'completed' && r.counts ? (r.counts as ReturnType<typeof countTasks>) : countTasks(await tasksOf(r._id))));
    res.json({ items });
  },
});

const taskQuery = z.object({
  state: z.enum(['open', 'confirmed', 'corrected', 'missing']).default('open'),
  role: roleSchema.optional().meta({ description: 'Khusus admin: tugas peran ini (tanpa ini: semua).' }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

const inboxRoute = defineRoute({
  method: 'get',
  path: '/reviews/tasks',
  summary: 'Kotak tugas peninjauan aset register: tugas peran saya, batas waktu terdekat dulu',
  tags: ['Peninjauan aset register'],
  access: 'staf (tugas perannya); admin: semua, atau ?role=',
  query: taskQuery,
  responses: { 200: { description: 'Satu halaman tugas, dengan jumlah seluruhnya', schema: reviewTaskPageSchema } },
  async handle({ res, query, caller: getCaller }) {
    const caller = getCaller();
    ensureStaff(caller);
    if (query.role && caller.role !== 'admin') throw forbidden('Parameter role hanya untuk admin; kotak tugas Anda adalah milik peran Anda.');
    const filter: Record<string, unknown> = { state: query.state };
    const role = caller.role === 'admin' ? query.role : caller.role;
    if (role) filter.performer = role;
    const [total, tasks] = await Promise.all([
      retryWhileBusy(() => ReviewTask.countDocuments(filter)),
      retryWhileBusy(() => ReviewTask.find(filter).sort({ deadline: 1, _id: 1 }).skip((query.page - 1) * query.pageSize).limit(query.pageSize).lean()),
    ]);
    const now = Date.now();
    res.json({ total, page: query.page, pageSize: query.pageSize, items: tasks.map((t) => reviewTaskView(t, now)) });
  },
});

const readRoute = defineRoute({
  method: 'get',
  path: '/reviews/{reviewId}',
  summary: 'Satu peninjauan aset register: tugas-tugasnya dan laporannya',
  tags: ['Peninjauan aset register'],
  access: 'staf dan admin',
  params: reviewParams,
  responses: { 200: { description: 'Peninjauan, tugas, dan laporan (null selama berjalan)', schema: reviewDetailSchema } },
  errors: [{ status: 404, codes: ['NOT_FOUND'], description: 'Peninjauan tidak dikenal.' }],
  async handle({ res, deps, params, caller }) {
    ensureStaff(caller());
    const review = await retryWhileBusy(() => RegisterReview.findById(params.reviewId).lean());
    if (!review || review.profileId !== deps.profileId) throw notFound('Peninjauan tidak ditemukan.');
    const tasks = await tasksOf(review._id);
    const now = Date.now();
    res.json({ ...reviewSummary(review, countTasks(tasks)), tasks: tasks.map((t) => reviewTaskView(t, now)), report: review.report ?? null });
  },
});

const answers: { segment: string; outcome: ReviewOutcome; kind: DecisionKind; summary: string; body: z.ZodType; id: string }[] = [
  { segment: 'confirm', outcome: 'confirmed', kind: 'reviewConfirmed', summary: 'Konfirmasi: server masih ada, masih digunakan, dan datanya benar', body: reviewTaskBodySchemas.confirm, id: 'ReviewConfirm' },
  { segment: 'correct', outcome: 'corrected', kind: 'reviewCorrected', summary: 'Koreksi data aset (kolom yang salah dan alasannya)', body: reviewTaskBodySchemas.correct, id: 'ReviewCorrect' },
  { segment: 'missing', outcome: 'missing', kind: 'reviewMissing', summary: 'Server tidak ditemukan (alasan); pencabutan co-location diajukan', body: reviewTaskBodySchemas.missing, id: 'ReviewMissing' },
];

function answerRoute(a: (typeof answers)[number]): RouteSpec {
  const body = a.body.meta({ id: a.id });
  return defineRoute({
    method: 'post',
    path: `/reviews/{reviewId}/tasks/{assetId}/${a.segment}`,
    summary: a.summary,
    description: [
      'Menjadi Update `reviewTask` pada workflow peninjauan. Hanya peran pelaksana peninjauan menurut profil SOP (mis. staf data center; admin hanya dengan X-Act-As-Role dan X-Act-Reason) yang dapat menjawab, sekali per aset.',
      'Kirim `Idempotency-Key` agar pengiriman ulang tidak diterapkan dua kali; pengiriman ulang yang sama dijawab 200 dengan `duplicate: true`.',
    ].join('\n\n'),
    tags: ['Peninjauan aset register'],
    access: 'peran pelaksana peninjauan (admin hanya dengan X-Act-As-Role dan X-Act-Reason)',
    params: taskParams,
    body,
    headers: idempotencyHeaders.extend(actAsHeaders.shape),
    responses: { 200: { description: 'Jawaban dicatat; tugas dan jumlah peninjauan sesudahnya.', schema: reviewAnswerSchema } },
    errors: [
      { status: 404, codes: ['NOT_FOUND'], description: 'Peninjauan atau aset tidak dikenal.' },
      { status: 409, codes: ['OUT_OF_TURN', 'CLOSED', 'IDEMPOTENCY_CONFLICT'], description: 'Aset sudah ditinjau, peninjauan sudah selesai, atau Idempotency-Key sudah dipakai untuk hal lain.' },
      { status: 504, codes: ['TIMEOUT'], description: 'Belum selesai diproses; kirim ulang dengan Idempotency-Key yang sama.' },
    ],
    async handle({ req, res, deps, params, caller: getCaller }) {
      const caller = getCaller();
      const actor = actorOf(caller);
      const payload = parseOrThrow(body, payloadOf(req)) as Record<string, unknown>;
      const review = await retryWhileBusy(() => RegisterReview.findById(params.reviewId).lean());
      if (!review || review.profileId !== deps.profileId) throw notFound('Peninjauan tidak ditemukan.');
      const taskId = reviewTaskId(review._id, params.assetId);
      const task = await retryWhileBusy(() => ReviewTask.findById(taskId).lean());
      if (!task) throw notFound(`Aset ${params.assetId} tidak termasuk peninjauan ${review._id}.`);
      const performer = review.performer as Role;
      if (actor.role !== performer) throw forbidden(`Peninjauan aset register dilakukan oleh ${getProfile(deps.profileId).roles[performer]?.title ?? performer}.`);
      const { decisionId, resend } = await useDecisionKey({ requestNumber: taskId, userId: caller.user.id, kind: a.kind, key: idempotencyKeyOf(req as Request) }, payload);
      const answered = async (duplicate: boolean) => {
        const fresh = (await retryWhileBusy(() => ReviewTask.findById(taskId).lean()))!;
        res.json({ decisionId, duplicate, task: reviewTaskView(fresh, Date.now()), counts: countTasks(await tasksOf(review._id)) });
      };
      if (resend && task.decisionId === decisionId) return answered(true);
      if (review.status === 'completed') throw new ApiError(409, 'CLOSED', `Peninjauan ${review._id} sudah selesai; jawaban tidak lagi diterima.`);
      const handle = deps.temporal.workflow.getHandle(registerReviewWorkflowId(review.profileId, review.year));
      try {
        const result = await deps.temporal.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
          handle.executeUpdate(reviewTaskUpdate, { args: [{ decisionId, actor, assetId: task.assetId, outcome: a.outcome, ...payload } as never], updateId: decisionId }),
        );
        await answered(result.duplicate);
      } catch (error) {
        throw apiErrorForUpdateFailure(error, decisionId) ?? error;
      }
    },
  });
}

// The inbox before the single review: "tasks" is not a review id.
export const reviewRoutes: RouteSpec[] = [openRoute, listRoute, inboxRoute, readRoute, ...answers.map(answerRoute)];
