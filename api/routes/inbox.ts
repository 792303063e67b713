// GET /inbox: what is waiting for the caller's role, most overdue first, a page at a time with the
// total. Answered from the in-memory summary index, so its speed does not depend on the database's.
import { z } from 'zod';
import type { StepRecord } from '../../shared/caseState';
import { roleSchema } from '../../shared/profile/schema';
import { unitScope } from '../auth';
import { forbidden } from '../errors';
import { defineRoute } from '../route';
import { waitingForView } from '../views/requestView';
import { InboxItem, inboxSchema } from '../views/schemas';
import { summaryIndex } from '../views/summaryIndex';

const inboxQuery = z.object({
  role: roleSchema.optional().meta({ description: 'Khusus admin: kotak tugas peran ini (tanpa ini: semua yang menunggu).' }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

/** Earliest deadline first (the most overdue on top), no deadline last, then the oldest request. */
export function compareInboxItems(a: InboxItem, b: InboxItem): number {
  const da = a.todo.deadline ? Date.parse(a.todo.deadline) : Infinity;
  const db = b.todo.deadline ? Date.parse(b.todo.deadline) : Infinity;
  if (da !== db) return da < db ? -1 : 1;
  return Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || a.requestNumber.localeCompare(b.requestNumber);
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
    const items: InboxItem[] = [];
    for (const summary of await summaryIndex().all()) {
      const step = summary.currentStep as StepRecord | null;
      const pending = step?.pending;
      if (summary.status !== 'inProgress' || !step || !pending || (role !== undefined && pending.by !== role)) continue;
      if (unit !== undefined && summary.applicantUnit !== unit) continue;
      const todo = waitingForView(summary._id, step, now);
      if (!todo) continue;
      items.push({
        requestNumber: summary._id,
        procedureId: summary.procedureId ?? 'colocation',
        applicantUnit: summary.applicantUnit,
        domain: summary.domain,
        step: { stepId: step.stepId, sopStep: step.sopStep, title: step.title },
        todo,
        submittedAt: summary.submittedAt,
        href: `/requests/${summary._id}`,
      });
    }
    items.sort(compareInboxItems);
    const from = (query.page - 1) * query.pageSize;
    res.json({
      role: role ?? caller.role,
      total: items.length,
      overdue: items.filter((i) => i.todo.overdue).length,
      page: query.page,
      pageSize: query.pageSize,
      items: items.slice(from, from + query.pageSize),
    });
  },
});
