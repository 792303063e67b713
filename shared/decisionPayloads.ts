// What a person fills in for each kind of human decision: pure zod schemas, shared by the API, the
// workflow's Update validators (through shared/decisions.ts) and the web app, which generates each
// decision form from them and checks it as it is typed.
import { z } from 'zod';
import type { HumanActionKind } from './profile/actions';
import { builtOnFirstUse } from './builtOnFirstUse';
import { applicationFormSchema } from './request';
import { nipSchema } from './nip';
import { list, strictObject, text } from './text';

export const reason = text(2000, { min: 5, minMessage: 'alasan minimal 5 karakter', multiline: true });
const note = (max = 2000) => text(max, { min: 0, multiline: true }).optional();
const ipv4 = z.ipv4({ message: 'alamat IP v4 tidak valid' });

const placementSchema = strictObject({
  rackId: text(40),
  startUnit: z.number().int().min(1).max(60),
  ipAddress: ipv4.optional(),
});

/**
 * Form persetujuan. Strict like every decision body, with a word on why: a host admin *password*
 * must never enter workflow history, a record or an email.
 */
export const approvalFormSchema = strictObject(
  {
    dataCenterNoc: text(100).optional(),
    serverLocation: text(200).optional(),
    domain: text(253, { min: 4 }).optional(),
    colocationNoc: text(100).optional(),
    serialNumber: text(100),
    typeAndBrand: text(200),
    hostAdminUser: text(100),
    ipAddress: ipv4.optional(),
    contactPerson: text(200, { min: 3 }),
  },
  ' (kata sandi host admin tidak boleh dikirim: serahkan langsung kepada pemohon)',
);
export type ApprovalForm = z.infer<typeof approvalFormSchema>;

const servedServerSchema = strictObject({
  name: text(100),
  serialNumber: text(100),
  typeAndBrand: text(200),
});

const officialSchema = strictObject({ name: text(200, { min: 3 }), nip: nipSchema });

/** At most as many as a submission has servers; each reason a paragraph, not a document. */
const MAX_SERVERS = 20;

const answer = z.enum(['ya', 'tidak']);
const schedule = strictObject({ every: z.number().int().min(1).max(90), unit: z.enum(['hari', 'minggu', 'bulan']) });

/** The payload of each decision kind (what the person fills in), without actor and id; each built when first read. */
export const decisionPayloadSchemas = builtOnFirstUse({
  disposition: () => strictObject({ note: note(), routedTo: text(200, { min: 0 }).optional() }),
  clarification: () => strictObject({ summary: text(4000, { min: 3, multiline: true }) }),
  capacityCheck: () => z.discriminatedUnion('outcome', [
    strictObject({ outcome: z.literal('confirm'), note: note() }),
    strictObject({ outcome: z.literal('override'), placement: placementSchema, reason }),
    strictObject({ outcome: z.literal('unavailable'), reason }),
  ]),
  powerCheck: () => z.discriminatedUnion('outcome', [
    strictObject({ outcome: z.literal('available'), note: note() }),
    strictObject({ outcome: z.literal('unavailable'), reason }),
  ]),
  applicationForm: () => strictObject({ form: applicationFormSchema.optional() }),
  approval: () => z.discriminatedUnion('decision', [
    strictObject({ decision: z.literal('approve'), consideration: text(2000, { min: 3, multiline: true }), form: approvalFormSchema.optional() }),
    strictObject({ decision: z.literal('reject'), consideration: reason }),
  ]),
  deviceDelivery: () => strictObject({ deliveredBy: text(200, { min: 3 }), note: note() }),
  specVerification: () => z.discriminatedUnion('result', [
    strictObject({ result: z.literal('match'), servers: list(servedServerSchema, MAX_SERVERS, 1) }),
    strictObject({ result: z.literal('mismatch'), reasons: list(text(1000, { min: 3, multiline: true }), MAX_SERVERS, 1) }),
  ]),
  installation: () => strictObject({
    ipAddress: ipv4.optional(),
    monitoringId: text(200),
    note: note(),
  }),
  handover: () => strictObject({ handedOverBy: officialSchema, receivedBy: officialSchema, note: note() }),
  backupPlan: () => strictObject({ scope: text(1000, { min: 3, multiline: true }), schedule, note: note() }),
  backupRun: () => strictObject({ files: text(2000, { min: 3, multiline: true }), sizeMb: z.number().min(0).max(100_000_000).optional(), storedAt: text(300, { min: 3 }), note: note() }),
  backupStop: () => strictObject({ note: note() }),
  restoreRun: () => strictObject({ restoredFrom: text(300, { min: 3 }), note: note() }),
  restoreReport: () => strictObject({ summary: text(4000, { min: 3, multiline: true }), formRef: text(300, { min: 0 }).optional() }),
  decision: () => strictObject({ answer, note: note() }),
  task: () => strictObject({ note: note(4000), documentRef: text(300, { min: 0 }).optional() }),
  // Form pencabutan: the Kabid signs "dengan pertimbangan", whichever way the answer goes.
  withdrawalApproval: () => z.discriminatedUnion('decision', [
    strictObject({ decision: z.literal('approve'), consideration: text(2000, { min: 3, multiline: true }) }),
    strictObject({ decision: z.literal('reject'), consideration: reason }),
  ]),
  removal: () => strictObject({ removedBy: text(200, { min: 3 }), note: note() }),
} satisfies Record<HumanActionKind, () => z.ZodType>);

export type DecisionPayload<K extends HumanActionKind> = z.infer<(typeof decisionPayloadSchemas)[K]>;
