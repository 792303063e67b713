// Reading requests: one in full (state, who must act by when, each step's SLA, the decisions), and
// the list from the in-memory summary index, filtered and paginated. Applicants see only their own unit's.
import { z } from 'zod';
import { caseStatuses } from '../../shared/caseState';
import type { RequestSummaryFields } from '../../shared/db/requestSummary';
import { requestNumberSchema } from '../../shared/workflowInput';
import { unitScope } from '../auth';
import { loadCase, LoadedCase } from '../cases/loadCase';
import { defineRoute } from '../route';
import { requestSummary, requestView } from '../views/requestView';
import { summaryIndex } from '../views/summaryIndex';
import { RequestView, requestPageSchema, requestViewSchema } from '../views/schemas';

export const requestNumberParams = z.object({ requestNumber: requestNumberSchema.meta({ example: 'CRB-2026-0001' }) });

/** A just-started case whose workflow has not written anything yet: what is known from the start. */
function startingView(loaded: LoadedCase): RequestView {
  return {
    requestNumber: loaded.requestNumber,
    workflowId: loaded.workflowId,
    profileId: loaded.profileId,
    profileVersion: null,
    procedureId: null,
    procedureTitle: null,
    agency: '',
    applicantUnit: loaded.applicantUnit,
    applicantEmail: null,
    domain: null,
    status: 'inProgress',
    statusText: 'Baru diajukan; langkah pertama sedang disiapkan',
    submittedAt: loaded.startedAt ?? new Date().toISOString(),
    closedAt: null,
    closeReason: null,
    slaBreached: false,
    currentStep: null,
    waitingFor: null,
    deadlines: { currentStep: null, total: null },
    steps: [],
    timeline: [],
    submission: null,
    capacity: {},
    installation: null,
    handover: null,
    backup: null,
    restore: null,
    revision: 0,
    links: { self: { method: 'GET', href: `/requests/${loaded.requestNumber}` } },
  };
}

export const getRequestRoute = defineRoute({
  method: 'get',
  path: '/requests/{requestNumber}',
  summary: 'Satu permohonan: status, langkah dan peran yang ditunggu, batas waktu, riwayat keputusan, status SLA tiap langkah',
  tags: ['Permohonan'],
  access: 'semua peran; applicant hanya permohonan unitnya',
  params: requestNumberParams,
  responses: { 200: { description: 'Permohonan', schema: requestViewSchema } },
  errors: [{ status: 404, codes: ['NOT_FOUND'], description: 'Nomor permohonan tidak dikenal (atau milik unit lain).' }],
  async handle({ res, deps, params, caller }) {
    const loaded = await loadCase(deps, caller(), params.requestNumber);
    res.json(loaded.state ? requestView(loaded.state, Date.now()) : startingView(loaded));
  },
});

const listQuery = z.object({
  status: z.enum(caseStatuses).optional(),
  profile: z.string().trim().min(1).optional(),
  procedure: z.string().trim().min(1).optional().meta({ description: 'Hanya permohonan prosedur ini, mis. backup.' }),
  unit: z.string().trim().min(1).optional(),
  breached: z.enum(['true', 'false']).optional().meta({ description: 'true: hanya yang pernah melewati mutu baku waktu.' }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const listRequestsRoute = defineRoute({
  method: 'get',
  path: '/requests',
  summary: 'Daftar permohonan, dengan filter dan halaman (terbaru dulu)',
  tags: ['Permohonan'],
  access: 'semua peran; applicant hanya unitnya (filter unit diabaikan)',
  query: listQuery,
  responses: { 200: { description: 'Satu halaman permohonan', schema: requestPageSchema } },
  async handle({ res, query, caller }) {
    const unit = unitScope(caller()) ?? query.unit;
    const breached = query.breached === undefined ? undefined : query.breached === 'true';
    const matching: RequestSummaryFields[] = [];
    // Already newest first, the request number breaking ties, so pages never overlap.
    for (const { summary: s } of await summaryIndex().newestFirst()) {
      if (query.status && s.status !== query.status) continue;
      if (query.profile && s.profileId !== query.profile) continue;
      if (query.procedure && (s.procedureId ?? 'colocation') !== query.procedure) continue;
      if (unit !== undefined && s.applicantUnit !== unit) continue;
      if (breached !== undefined && s.slaBreached !== breached) continue;
      matching.push(s);
    }
    const from = (query.page - 1) * query.pageSize;
    const now = Date.now();
    const items = matching.slice(from, from + query.pageSize).map((s) => requestSummary({ ...s, requestNumber: s._id }, now));
    res.json({ items, page: query.page, pageSize: query.pageSize, total: matching.length });
  },
});
