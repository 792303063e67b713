// Reading requests: one in full (state, who must act by when, each step's SLA, the decisions), and
// the list from the read model, filtered and paginated. Applicants see only their own unit's.
import { z } from 'zod';
import { caseStatuses } from '../../shared/caseState';
import type { CaseState } from '../../shared/caseState';
import { RequestRecord } from '../../shared/db/requestRecord';
import { colocationWorkflowId, requestNumberSchema } from '../../shared/workflowInput';
import { unitScope } from '../auth';
import { loadCase, LoadedCase } from '../cases/loadCase';
import { defineRoute } from '../route';
import { requestSummary, requestView } from '../views/requestView';
import { RequestView, requestPageSchema, requestViewSchema } from '../views/schemas';

export const requestNumberParams = z.object({ requestNumber: requestNumberSchema.meta({ example: 'CRB-2026-0001' }) });

/** A just-started case whose workflow has not written anything yet: what is known from the start. */
function startingView(loaded: LoadedCase): RequestView {
  return {
    requestNumber: loaded.requestNumber,
    workflowId: colocationWorkflowId(loaded.requestNumber),
    profileId: loaded.profileId,
    profileVersion: null,
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
    const filter: Record<string, unknown> = {};
    if (query.status) filter.status = query.status;
    if (query.profile) filter.profileId = query.profile;
    const scope = unitScope(caller());
    if (scope !== undefined) filter.applicantUnit = scope;
    else if (query.unit) filter.applicantUnit = query.unit;
    if (query.breached) filter.slaBreached = query.breached === 'true';

    const [total, records] = await Promise.all([
      RequestRecord.countDocuments(filter),
      RequestRecord.find(filter)
        .sort({ submittedAt: -1, _id: -1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean(),
    ]);
    const now = Date.now();
    const items = records.map((r) => {
      const state = r.state as CaseState;
      return requestSummary({ ...state, updatedAt: r.updatedAt instanceof Date ? r.updatedAt.toISOString() : null }, now);
    });
    res.json({ items, page: query.page, pageSize: query.pageSize, total });
  },
});

