// GET /inbox: what is waiting for the caller's role, most overdue first.
import { z } from 'zod';
import type { CaseState } from '../../shared/caseState';
import { RequestRecord } from '../../shared/db/requestRecord';
import { roleSchema } from '../../shared/profile/schema';
import { unitScope } from '../auth';
import { forbidden } from '../errors';
import { defineRoute } from '../route';
import { waitingForView } from '../views/requestView';
import { InboxItem, inboxSchema } from '../views/schemas';

/** An inbox longer than this is a backlog to report, not to page through. */
const MAX_ITEMS = 500;

const inboxQuery = z.object({
  role: roleSchema.optional().meta({ description: 'Khusus admin: kotak tugas peran ini (tanpa ini: semua yang menunggu).' }),
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
  responses: { 200: { description: 'Tugas yang menunggu', schema: inboxSchema } },
  async handle({ res, query, caller: getCaller }) {
    const caller = getCaller();
    if (query.role && caller.role !== 'admin') throw forbidden('Parameter role hanya untuk admin; kotak tugas Anda adalah milik peran Anda.');
    const role = caller.role === 'admin' ? query.role : caller.role;
    const filter: Record<string, unknown> = { status: 'inProgress', waitingForRole: role ?? { $ne: null } };
    const unit = unitScope(caller);
    if (unit !== undefined) filter.applicantUnit = unit;

    const records = await RequestRecord.find(filter).sort({ submittedAt: 1 }).limit(MAX_ITEMS).lean();
    const now = Date.now();
    const items: InboxItem[] = [];
    for (const record of records) {
      const state = record.state as CaseState;
      const step = state.currentStep;
      const todo = waitingForView(state.requestNumber, step, now);
      if (!step || !todo) continue;
      items.push({
        requestNumber: state.requestNumber,
        applicantUnit: state.applicantUnit,
        domain: state.submission.form.domain,
        step: { stepId: step.stepId, sopStep: step.sopStep, title: step.title },
        todo,
        submittedAt: state.submittedAt,
        href: `/requests/${state.requestNumber}`,
      });
    }
    items.sort(compareInboxItems);
    res.json({ role: role ?? caller.role, total: items.length, overdue: items.filter((i) => i.todo.overdue).length, items });
  },
});
