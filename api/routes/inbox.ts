// GET /inbox: what is waiting for the caller's role, most overdue first, a page at a time with the
// total. Answered from the in-memory summary index, so its speed does not depend on the database's.
import { z } from 'zod';
import { roleSchema } from '../../shared/profile/schema';
import { unitScope } from '../auth';
import { isHumanActionKind } from '../decisionKinds';
import { forbidden } from '../errors';
import { defineRoute } from '../route';
import { waitingForView } from '../views/requestView';
import { InboxItem, inboxSchema } from '../views/schemas';
import { IndexedSummary, summaryIndex } from '../views/summaryIndex';

const inboxQuery = z.object({
  role: roleSchema.optional().meta({ description: 'Khusus admin: kotak tugas peran ini (tanpa ini: semua yang menunggu).' }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

/** Earliest deadline first (the most overdue on top), no deadline last, then the oldest request. */
export function compareInboxItems(a: IndexedSummary, b: IndexedSummary): number {
  if (a.deadlineMs !== b.deadlineMs) return a.deadlineMs < b.deadlineMs ? -1 : 1;
  return a.submittedMs - b.submittedMs || a.summary._id.localeCompare(b.summary._id);
}

function inboxItem({ summary }: IndexedSummary, now: number): InboxItem {
  const step = summary.currentStep!;
  return {
    requestNumber: summary._id,
    procedureId: summary.procedureId ?? 'colocation',
    applicantUnit: summary.applicantUnit,
    domain: summary.domain,
    step: { stepId: step.stepId, sopStep: step.sopStep, title: step.title },
    todo: waitingForView(summary._id, step, now)!,
    submittedAt: summary.submittedAt,
    href: `/requests/${summary._id}`,
  };
}

export const inboxRoute = defineRoute({
  method: 'get',
  path: '/inbox',
  summary: 'Kotak tugas: yang menunggu peran saya, paling lama dan paling terlambat dulu',
  tags: ['Kotak tugas'],
  access: 'semua peran (applicant: permohonan unitnya); admin: semua, atau ?role=',
  query: inboxQuery,
  responses: { 200: { description: 'Satu halaman tugas yang menunggu, dengan jumlah seluruhnya', schema: inboxSchema } },
  async handle({ res, query, caller: getCaller }) {
    const caller = getCaller();
    if (query.role && caller.role !== 'admin') throw forbidden('Parameter role hanya untuk admin; kotak tugas Anda adalah milik peran Anda.');
    const role = caller.role === 'admin' ? query.role : caller.role;
    const unit = unitScope(caller);

    const now = Date.now();
    // Views are built for the page only; the order and the counts need only the sort keys.
    const waiting: IndexedSummary[] = [];
    let overdue = 0;
    for (const entry of await summaryIndex().all()) {
      const { summary } = entry;
      const pending = summary.currentStep?.pending;
      if (summary.status !== 'inProgress' || !pending || !isHumanActionKind(pending.kind) || (role !== undefined && pending.by !== role)) continue;
      if (unit !== undefined && summary.applicantUnit !== unit) continue;
      waiting.push(entry);
      if (entry.deadlineMs < now) overdue += 1;
    }
    waiting.sort(compareInboxItems);
    const from = (query.page - 1) * query.pageSize;
    res.json({
      role: role ?? caller.role,
      total: waiting.length,
      overdue,
      page: query.page,
      pageSize: query.pageSize,
      items: waiting.slice(from, from + query.pageSize).map((entry) => inboxItem(entry, now)),
    });
  },
});
