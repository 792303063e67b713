// What the API answers, as zod schemas: the OpenAPI document is generated from them and the handlers
// build values of their inferred types, so the documented shape and the real one are the same.
import { z } from 'zod';
import { caseStatuses } from '../../shared/caseState';
import { actorSchema } from '../../shared/decisions';
import { roleCodes } from '../../shared/profile/schema';
import { userRoles } from '../../shared/db/user';
import { humanActionKinds } from '../decisionKinds';
import { slaStatuses } from './slaStatus';
import { CaseRequestSchema } from '../schemas';

/** Who a user is, as /me and the user admin show it. */
export const userIdentitySchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(userRoles),
  unitName: z.string().nullable(),
});

const isoDateTime = z.string().meta({ format: 'date-time', example: '2026-11-23T02:15:00.000Z' });

export const linkSchema = z.object({ method: z.enum(['GET', 'POST', 'PUT']), href: z.string() });

export const waitingForViewSchema = z
  .object({
    kind: z.enum(humanActionKinds),
    action: z.string().meta({ description: 'Apa yang harus dilakukan, dengan kata-kata SOP.' }),
    role: z.enum(roleCodes),
    roleTitle: z.string(),
    deadline: isoDateTime.nullable(),
    overdue: z.boolean(),
    endpoint: linkSchema,
  })
  .meta({ id: 'WaitingFor', description: 'Keputusan yang sedang ditunggu permohonan, oleh siapa dan sampai kapan.' });
export type WaitingForView = z.infer<typeof waitingForViewSchema>;

export const stepViewSchema = z
  .object({
    stepId: z.string(),
    sopStep: z.string(),
    title: z.string(),
    performer: z.enum(roleCodes),
    performerTitle: z.string(),
    output: z.string(),
    standard: z.string().nullable().meta({ description: 'Mutu baku waktu, mis. "15 menit"; null bila SOP tidak menetapkan.' }),
    startedAt: isoDateTime,
    deadline: isoDateTime.nullable(),
    completedAt: isoDateTime.nullable(),
    standardWorkingMinutes: z.number().nullable(),
    actualWorkingMinutes: z.number().nullable(),
    breachedAt: isoDateTime.nullable(),
    escalatedAt: isoDateTime.nullable(),
    outcome: z.string().nullable(),
    sla: z.enum(slaStatuses).meta({
      description: 'onTime: selesai dalam mutu baku; breached: selesai terlambat; running: berjalan, belum lewat batas; overdue: berjalan dan lewat batas; noStandard: SOP tidak menetapkan waktu.',
    }),
  })
  .meta({ id: 'StepView' });
export type StepView = z.infer<typeof stepViewSchema>;

export const timelineEntrySchema = z
  .object({
    decisionId: z.string(),
    kind: z.string(),
    stepId: z.string(),
    sopStep: z.string(),
    at: isoDateTime,
    actor: actorSchema.meta({ description: 'Pengambil keputusan; onBehalf bila admin bertindak atas nama peran ini.' }),
    payload: z.unknown(),
  })
  .meta({ id: 'TimelineEntry' });

export const requestViewSchema = z
  .object({
    requestNumber: z.string().meta({ example: 'CRB-2026-0001' }),
    workflowId: z.string(),
    profileId: z.string(),
    profileVersion: z.number().nullable(),
    procedureId: z.string().nullable().meta({ description: 'Prosedur SOP kasus ini, mis. "colocation", "backup", "restore".', example: 'colocation' }),
    procedureTitle: z.string().nullable(),
    agency: z.string(),
    applicantUnit: z.string(),
    applicantEmail: z.string().nullable(),
    domain: z.string().nullable().meta({ description: 'Co-location: domain yang di-hosting; back up dan restore: sistem (aplikasi/basis data) yang dimaksud.' }),
    status: z.enum(caseStatuses),
    statusText: z.string(),
    submittedAt: isoDateTime,
    closedAt: isoDateTime.nullable(),
    closeReason: z.string().nullable(),
    slaBreached: z.boolean(),
    currentStep: stepViewSchema.nullable(),
    waitingFor: waitingForViewSchema.nullable(),
    deadlines: z.object({ currentStep: isoDateTime.nullable(), total: isoDateTime.nullable() }),
    steps: z.array(stepViewSchema),
    timeline: z.array(timelineEntrySchema),
    submission: CaseRequestSchema.nullable(),
    capacity: z.unknown().meta({ description: 'Usulan penempatan, penempatan yang dipilih dan cadangan kapasitas (co-location).' }),
    installation: z.unknown().nullable().meta({ description: 'Co-location: alamat IP, monitoring dan rak.' }),
    handover: z.object({ bastNumber: z.string(), at: isoDateTime }).nullable().meta({ description: 'Co-location: berita acara serah terima.' }),
    backup: z.unknown().nullable().meta({ description: 'Layanan back up: rencana dan jadwal, jumlah dan pelaksanaan terakhir, permintaan penghentian.' }),
    restore: z.unknown().nullable().meta({ description: 'Restore: tiap pelaksanaan dan sumbernya.' }),
    revision: z.number(),
    links: z.record(z.string(), linkSchema),
  })
  .meta({ id: 'RequestView' });
export type RequestView = z.infer<typeof requestViewSchema>;

export const requestSummarySchema = z
  .object({
    requestNumber: z.string(),
    profileId: z.string(),
    procedureId: z.string(),
    agency: z.string(),
    applicantUnit: z.string(),
    domain: z.string().nullable(),
    status: z.enum(caseStatuses),
    statusText: z.string(),
    slaBreached: z.boolean(),
    submittedAt: isoDateTime,
    updatedAt: isoDateTime.nullable(),
    waitingFor: waitingForViewSchema.nullable(),
    currentStep: z.object({ sopStep: z.string(), title: z.string() }).nullable(),
    href: z.string(),
  })
  .meta({ id: 'RequestSummary' });
export type RequestSummary = z.infer<typeof requestSummarySchema>;

export const requestPageSchema = z
  .object({ items: z.array(requestSummarySchema), page: z.number(), pageSize: z.number(), total: z.number() })
  .meta({ id: 'RequestPage' });

export const inboxItemSchema = z
  .object({
    requestNumber: z.string(),
    procedureId: z.string(),
    applicantUnit: z.string(),
    domain: z.string().nullable(),
    step: z.object({ stepId: z.string(), sopStep: z.string(), title: z.string() }),
    todo: waitingForViewSchema,
    submittedAt: isoDateTime,
    href: z.string(),
  })
  .meta({ id: 'InboxItem' });
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const inboxSchema = z
  .object({
    role: z.enum(userRoles),
    total: z.number().meta({ description: 'Jumlah seluruh tugas yang menunggu (semua halaman).' }),
    overdue: z.number().meta({ description: 'Berapa di antaranya yang melewati batas waktu (semua halaman).' }),
    page: z.number(),
    pageSize: z.number(),
    items: z.array(inboxItemSchema),
  })
  .meta({ id: 'Inbox', description: 'Yang menunggu peran ini, satu halaman: batas waktu paling awal (paling terlambat) dulu, tanpa batas waktu di akhir.' });

export const submitResultSchema = z
  .object({
    requestNumber: z.string().meta({ example: 'CRB-2026-0001' }),
    workflowId: z.string().meta({ example: 'colocation-CRB-2026-0001' }),
    procedureId: z.string().meta({ example: 'colocation' }),
    status: z.enum(caseStatuses),
    waitingFor: waitingForViewSchema.nullable().meta({
      description: 'Tindakan pertama yang ditunggu kasus. null bila kasus belum sampai ke sana dalam batas waktu (mis. worker tidak berjalan): baca GET /requests/{requestNumber} sebentar lagi.',
    }),
    links: z.record(z.string(), linkSchema),
  })
  .meta({ id: 'SubmitResult' });
export type SubmitResult = z.infer<typeof submitResultSchema>;

export const decisionResultSchema = z
  .object({
    decisionId: z.string(),
    duplicate: z.boolean().meta({ description: 'true bila keputusan dengan decisionId ini sudah pernah diterapkan: tidak ada yang berubah lagi.' }),
    case: requestSummarySchema,
  })
  .meta({ id: 'DecisionResult' });
export type DecisionResultView = z.infer<typeof decisionResultSchema>;
