// The review's own record (register_reviews) and, at its end, the report: counts and the lists of
// confirmed, corrected and missing assets, built from the tasks (not from workflow history, which
// keeps labels only), stored with the review and emailed to the escalation role and the staff.
import { retryWhileBusy } from '../../shared/db/busyRetry';
import { RegisterReview, ReviewTask } from '../../shared/db/registerReview';
import type { ReviewCounts } from '../../shared/contracts/registerReview';
import type { Role } from '../../shared/profile/schema';
import type { WebLinks } from '../emails/links';
import { enqueueReviewEmail } from './emails';

export interface ReviewRecordInput {
  reviewId: string;
  profileId: string;
  agency: string;
  year: number;
  status: 'open' | 'completed';
  openedAt: string;
  openedBy: unknown;
  deadline: string;
  performer: Role;
  escalateTo: Role;
  remindedAt?: string;
  escalatedAt?: string;
  counts: ReviewCounts;
}

export async function writeReviewRecord(input: ReviewRecordInput): Promise<void> {
  const { reviewId, openedAt, deadline, remindedAt, escalatedAt, ...rest } = input;
  const set: Record<string, unknown> = { ...rest, openedAt: new Date(openedAt), deadline: new Date(deadline) };
  if (remindedAt) set.remindedAt = new Date(remindedAt);
  if (escalatedAt) set.escalatedAt = new Date(escalatedAt);
  // A report, once written, is final: a late retry of an earlier write must not reopen the review.
  const existing = await retryWhileBusy(() => RegisterReview.findById(reviewId, { status: 1 }).lean());
  if (existing?.status === 'completed') return;
  await retryWhileBusy(() => RegisterReview.updateOne({ _id: reviewId }, { $set: set }, { upsert: true }));
}

export interface ReportItem {
  assetId: string;
  requestNumber: string;
  serverName?: string;
  unitName?: string;
  domain?: string;
  decidedAt?: string;
  decidedBy?: string;
  note?: string;
  reason?: string;
  changes?: Record<string, { from: string | null; to: string }>;
}

export interface ReviewReport {
  counts: ReviewCounts;
  confirmed: ReportItem[];
  corrected: ReportItem[];
  missing: ReportItem[];
}

export interface FinishReviewInput extends Omit<ReviewRecordInput, 'status' | 'counts'> {
  completedAt: string;
  performerTitle: string;
}

type TaskDoc = Awaited<ReturnType<typeof loadTasks>>[number];

function loadTasks(reviewId: string) {
  return retryWhileBusy(() => ReviewTask.find({ reviewId }).sort({ _id: 1 }).lean());
}

function itemOf(t: TaskDoc): ReportItem {
  const by = t.decidedBy as { name?: string } | undefined;
  return {
    assetId: t.assetId,
    requestNumber: t.requestNumber,
    serverName: t.serverName ?? undefined,
    unitName: t.unitName ?? undefined,
    domain: t.domain ?? undefined,
    decidedAt: t.decidedAt?.toISOString(),
    decidedBy: by?.name,
    note: t.note ?? undefined,
    reason: t.reason ?? undefined,
    changes: (t.changes as ReportItem['changes']) ?? undefined,
  };
}

export function buildReport(tasks: TaskDoc[]): ReviewReport {
  const of = (state: string) => tasks.filter((t) => t.state === state).map(itemOf);
  const report = { confirmed: of('confirmed'), corrected: of('corrected'), missing: of('missing') };
  const counts = { total: tasks.length, open: tasks.filter((t) => t.state === 'open').length, confirmed: report.confirmed.length, corrected: report.corrected.length, missing: report.missing.length };
  return { counts, ...report };
}

function reportText(input: FinishReviewInput, report: ReviewReport): string {
  const { counts } = report;
  const name = (i: ReportItem) => `${i.serverName ?? i.assetId} (${i.unitName ?? '-'}, ${i.domain ?? '-'}) [${i.assetId}]`;
  const section = (title: string, items: ReportItem[], detail: (i: ReportItem) => string) =>
    items.length ? ['', `${title}:`, ...items.map((i) => `- ${name(i)}${detail(i)}`)] : [];
  const changeText = (i: ReportItem) =>
    Object.entries(i.changes ?? {})
      .map(([field, c]) => `${field} "${c.from ?? '-'}" menjadi "${c.to}"`)
      .join('; ');
  return [
    'Yth. Bapak/Ibu,',
    '',
    `Peninjauan aset register server ${input.agency} tahun ${input.year} (${input.reviewId}) telah selesai.`,
    `Jumlah aset ditinjau: ${counts.total}; dikonfirmasi: ${counts.confirmed}; dikoreksi: ${counts.corrected}; tidak ditemukan: ${counts.missing}.`,
    ...section('Dikonfirmasi (masih ada, masih digunakan, data benar)', report.confirmed, () => ''),
    ...section('Dikoreksi', report.corrected, (i) => `: ${changeText(i)}; alasan: ${i.reason ?? '-'}`),
    ...section('Tidak ditemukan (pencabutan co-location diajukan)', report.missing, (i) => `: ${i.reason ?? '-'}`),
  ].join('\n');
}

export async function finishReview(input: FinishReviewInput, links: WebLinks): Promise<ReviewCounts> {
  const report = buildReport(await loadTasks(input.reviewId));
  const { reviewId, openedAt, deadline, remindedAt, escalatedAt, completedAt, performerTitle: _title, ...rest } = input;
  const set: Record<string, unknown> = {
    ...rest,
    status: 'completed',
    openedAt: new Date(openedAt),
    deadline: new Date(deadline),
    completedAt: new Date(completedAt),
    counts: report.counts,
    report,
  };
  if (remindedAt) set.remindedAt = new Date(remindedAt);
  if (escalatedAt) set.escalatedAt = new Date(escalatedAt);
  await retryWhileBusy(() => RegisterReview.updateOne({ _id: reviewId }, { $set: set }, { upsert: true }));
  await enqueueReviewEmail({
    key: `${reviewId}/report`,
    reviewId,
    year: input.year,
    agency: input.agency,
    to: [input.escalateTo],
    cc: [input.performer],
    intent: { template: 'reviewReport', text: reportText(input, report) },
  }, links);
  return report.counts;
}
