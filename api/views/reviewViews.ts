// What the review routes answer, as zod schemas (the OpenAPI document is generated from them), and
// how stored reviews and tasks become those answers.
import { z } from 'zod';
import { reviewTaskStates, ReviewCounts } from '../../shared/contracts/registerReview';
import { RegisterReview, ReviewTask } from '../../shared/db/registerReview';
import { actorSchema } from '../../shared/decisions';

const isoDateTime = z.string().meta({ format: 'date-time', example: '2027-01-15T01:00:00.000Z' });

export const reviewCountsSchema = z
  .object({ total: z.number(), open: z.number(), confirmed: z.number(), corrected: z.number(), missing: z.number() })
  .meta({ id: 'ReviewCounts', description: 'Jumlah aset: seluruhnya, belum ditinjau, dikonfirmasi, dikoreksi, tidak ditemukan.' });

export const reviewSummarySchema = z
  .object({
    reviewId: z.string().meta({ example: 'register-review-kaltim-2027' }),
    profileId: z.string(),
    agency: z.string(),
    year: z.number(),
    status: z.enum(['open', 'completed']),
    openedAt: isoDateTime,
    deadline: isoDateTime,
    remindedAt: isoDateTime.nullable(),
    escalatedAt: isoDateTime.nullable(),
    completedAt: isoDateTime.nullable(),
    performer: z.string(),
    escalateTo: z.string(),
    counts: reviewCountsSchema,
    href: z.string(),
  })
  .meta({ id: 'RegisterReviewSummary', description: 'Satu peninjauan aset register tahunan.' });
export type ReviewSummary = z.infer<typeof reviewSummarySchema>;

const changeSchema = z.object({ from: z.string().nullable(), to: z.string() });

export const reviewTaskViewSchema = z
  .object({
    reviewId: z.string(),
    assetId: z.string().meta({ example: 'KTM-2026-0001/srv-simpus' }),
    requestNumber: z.string(),
    serverName: z.string().nullable(),
    domain: z.string().nullable(),
    rackId: z.string().nullable(),
    rackUnits: z.string().nullable(),
    ipAddress: z.string().nullable(),
    serialNumber: z.string().nullable(),
    typeAndBrand: z.string().nullable(),
    unitName: z.string().nullable().meta({ description: 'Unit pemilik server.' }),
    contactName: z.string().nullable(),
    contactNumber: z.string().nullable(),
    state: z.enum(reviewTaskStates),
    performer: z.string(),
    deadline: isoDateTime,
    overdue: z.boolean(),
    decidedAt: isoDateTime.nullable(),
    decidedBy: actorSchema.nullable(),
    note: z.string().nullable(),
    reason: z.string().nullable(),
    changes: z.record(z.string(), changeSchema).nullable().meta({ description: 'Untuk koreksi: tiap kolom, dari apa menjadi apa.' }),
    withdrawalRequestedAt: isoDateTime.nullable(),
    actions: z.array(z.object({ method: z.literal('POST'), href: z.string() })).meta({ description: 'Untuk tugas terbuka: konfirmasi, koreksi, tidak ditemukan (assetId di-URL-encode).' }),
  })
  .meta({ id: 'ReviewTask', description: 'Tugas peninjauan satu aset: data aset saat peninjauan dibuka, dan hasilnya.' });
export type ReviewTaskView = z.infer<typeof reviewTaskViewSchema>;

export const reviewTaskPageSchema = z
  .object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(reviewTaskViewSchema) })
  .meta({ id: 'ReviewTaskPage' });

export const reviewReportSchema = z
  .object({ counts: reviewCountsSchema, confirmed: z.array(z.unknown()), corrected: z.array(z.unknown()), missing: z.array(z.unknown()) })
  .meta({ id: 'ReviewReport', description: 'Laporan akhir: jumlah dan daftar aset dikonfirmasi, dikoreksi, tidak ditemukan.' });

export const reviewDetailSchema = reviewSummarySchema
  .extend({ tasks: z.array(reviewTaskViewSchema), report: reviewReportSchema.nullable() })
  .meta({ id: 'RegisterReview', description: 'Peninjauan beserta seluruh tugasnya dan, bila selesai, laporannya.' });

export const reviewOpenedSchema = z
  .object({ joined: z.boolean().meta({ description: 'true bila peninjauan tahun ini sudah berjalan: permintaan bergabung dengannya.' }), review: reviewSummarySchema })
  .meta({ id: 'RegisterReviewOpened' });

export const reviewAnswerSchema = z
  .object({ decisionId: z.string(), duplicate: z.boolean(), task: reviewTaskViewSchema, counts: reviewCountsSchema })
  .meta({ id: 'ReviewTaskAnswer' });

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

// The stored documents as lean reads give them (typed from the models, never called here).
const _leanReview = () => RegisterReview.findById('').lean();
const _leanTask = () => ReviewTask.findById('').lean();
export type ReviewDoc = NonNullable<Awaited<ReturnType<typeof _leanReview>>>;
export type TaskDoc = NonNullable<Awaited<ReturnType<typeof _leanTask>>>;

export function reviewHref(reviewId: string): string {
  return `/reviews/${reviewId}`;
}

export function reviewSummary(r: ReviewDoc, counts: ReviewCounts): ReviewSummary {
  return {
    reviewId: r._id,
    profileId: r.profileId,
    agency: r.agency,
    year: r.year,
    status: r.status as 'open' | 'completed',
    openedAt: r.openedAt.toISOString(),
    deadline: r.deadline.toISOString(),
    remindedAt: iso(r.remindedAt),
    escalatedAt: iso(r.escalatedAt),
    completedAt: iso(r.completedAt),
    performer: r.performer,
    escalateTo: r.escalateTo,
    counts,
    href: reviewHref(r._id),
  };
}

export function reviewTaskView(t: TaskDoc, now: number): ReviewTaskView {
  const base = `${reviewHref(t.reviewId)}/tasks/${encodeURIComponent(t.assetId)}`;
  return {
    reviewId: t.reviewId,
    assetId: t.assetId,
    requestNumber: t.requestNumber,
    serverName: t.serverName ?? null,
    domain: t.domain ?? null,
    rackId: t.rackId ?? null,
    rackUnits: t.rackUnits ?? null,
    ipAddress: t.ipAddress ?? null,
    serialNumber: t.serialNumber ?? null,
    typeAndBrand: t.typeAndBrand ?? null,
    unitName: t.unitName ?? null,
    contactName: t.contactName ?? null,
    contactNumber: t.contactNumber ?? null,
    state: t.state as ReviewTaskView['state'],
    performer: t.performer,
    deadline: t.deadline.toISOString(),
    overdue: t.state === 'open' && t.deadline.getTime() < now,
    decidedAt: iso(t.decidedAt),
    decidedBy: (t.decidedBy as ReviewTaskView['decidedBy']) ?? null,
    note: t.note ?? null,
    reason: t.reason ?? null,
    changes: (t.changes as ReviewTaskView['changes']) ?? null,
    withdrawalRequestedAt: iso(t.withdrawalRequestedAt),
    actions: t.state === 'open' ? ['confirm', 'correct', 'missing'].map((a) => ({ method: 'POST' as const, href: `${base}/${a}` })) : [],
  };
}

export function countTasks(tasks: { state: string }[]): ReviewCounts {
  const counts: ReviewCounts = { total: tasks.length, open: 0, confirmed: 0, corrected: 0, missing: 0 };
  for (const t of tasks) counts[t.state as keyof Omit<ReviewCounts, 'total'>] += 1;
  return counts;
}
