// Every human decision on a case, defined once: its payload schema and its workflow Update.
// The API validates HTTP bodies with these schemas and sends the Update; the workflow validates
// again (an Update validator), so a decision out of turn or by the wrong role is refused before it
// enters history.
import { defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { HumanActionKind, roleSchema } from './profile/schema';
import { applicationFormSchema } from './request';
import { nipSchema } from './nip';
import type { CaseView } from './caseState';

const reason = z.string().trim().min(5, 'alasan minimal 5 karakter').max(2000);
const ipv4 = z.ipv4({ message: 'alamat IP v4 tidak valid' });

/** Who decides. An admin acting in a role's name says why; both are recorded. */
export const actorSchema = z.object({
  userId: z.string().min(1),
  name: z.string().min(1),
  role: roleSchema,
  onBehalf: z.object({ adminUserId: z.string().min(1), adminName: z.string().min(1), reason }).optional(),
});
export type Actor = z.infer<typeof actorSchema>;

const placementSchema = z.object({
  rackId: z.string().min(1),
  startUnit: z.number().int().min(1),
  ipAddress: ipv4.optional(),
});

/**
 * Form persetujuan. Strict on purpose: a host admin *password* must never enter workflow history,
 * a record or an email, so a body that carries one is refused rather than silently stored.
 */
export const approvalFormSchema = z.strictObject(
  {
    dataCenterNoc: z.string().trim().min(1).optional(),
    serverLocation: z.string().trim().min(1).optional(),
    domain: z.string().trim().min(4).optional(),
    colocationNoc: z.string().trim().min(1).optional(),
    serialNumber: z.string().trim().min(1).max(100),
    typeAndBrand: z.string().trim().min(1).max(200),
    hostAdminUser: z.string().trim().min(1).max(100),
    ipAddress: ipv4.optional(),
    contactPerson: z.string().trim().min(3).max(200),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `kolom tidak dikenal: ${issue.keys.join(', ')} (kata sandi host admin tidak boleh dikirim: serahkan langsung kepada pemohon)`
        : undefined,
  },
);
export type ApprovalForm = z.infer<typeof approvalFormSchema>;

const servedServerSchema = z.object({
  name: z.string().trim().min(1),
  serialNumber: z.string().trim().min(1).max(100),
  typeAndBrand: z.string().trim().min(1).max(200),
});

const officialSchema = z.object({ name: z.string().trim().min(3).max(200), nip: nipSchema });

/** The payload of each decision kind (what the person fills in), without actor and id. */
export const decisionPayloadSchemas = {
  disposition: z.object({ note: z.string().trim().max(2000).optional(), routedTo: z.string().trim().max(200).optional() }),
  clarification: z.object({ summary: z.string().trim().min(3).max(4000) }),
  capacityCheck: z.discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('confirm'), note: z.string().trim().max(2000).optional() }),
    z.object({ outcome: z.literal('override'), placement: placementSchema, reason }),
    z.object({ outcome: z.literal('unavailable'), reason }),
  ]),
  applicationForm: z.object({ form: applicationFormSchema.optional() }),
  approval: z.discriminatedUnion('decision', [
    z.object({ decision: z.literal('approve'), consideration: z.string().trim().min(3).max(2000), form: approvalFormSchema.optional() }),
    z.object({ decision: z.literal('reject'), consideration: reason }),
  ]),
  deviceDelivery: z.object({ deliveredBy: z.string().trim().min(3).max(200), note: z.string().trim().max(2000).optional() }),
  specVerification: z.discriminatedUnion('result', [
    z.object({ result: z.literal('match'), servers: z.array(servedServerSchema).min(1) }),
    z.object({ result: z.literal('mismatch'), reasons: z.array(z.string().trim().min(3)).min(1) }),
  ]),
  installation: z.object({
    ipAddress: ipv4.optional(),
    monitoringId: z.string().trim().min(1).max(200),
    note: z.string().trim().max(2000).optional(),
  }),
  handover: z.object({ handedOverBy: officialSchema, receivedBy: officialSchema, note: z.string().trim().max(2000).optional() }),
  task: z.object({ note: z.string().trim().max(4000).optional(), documentRef: z.string().trim().max(300).optional() }),
} satisfies Record<HumanActionKind, z.ZodType>;

export type DecisionPayload<K extends HumanActionKind> = z.infer<(typeof decisionPayloadSchemas)[K]>;

/** A decision as it reaches the workflow. `decisionId` makes a resend apply once. */
export interface Decision<K extends HumanActionKind = HumanActionKind> {
  decisionId: string;
  actor: Actor;
  payload: DecisionPayload<K>;
}

export function decisionSchema<K extends HumanActionKind>(kind: K) {
  return z.object({
    decisionId: z.string().min(8).max(128),
    actor: actorSchema,
    payload: decisionPayloadSchemas[kind],
  });
}

export interface DecisionResult {
  /** True when this decisionId had already been applied: nothing was changed again. */
  duplicate: boolean;
  case: CaseView;
}

export const decisionUpdates: { [K in HumanActionKind]: ReturnType<typeof defineUpdate<DecisionResult, [Decision<K>]>> } = {
  disposition: defineUpdate('disposition'),
  clarification: defineUpdate('clarification'),
  capacityCheck: defineUpdate('capacityCheck'),
  applicationForm: defineUpdate('applicationForm'),
  approval: defineUpdate('approval'),
  deviceDelivery: defineUpdate('deviceDelivery'),
  specVerification: defineUpdate('specVerification'),
  installation: defineUpdate('installation'),
  handover: defineUpdate('handover'),
  task: defineUpdate('task'),
};

export const withdrawalSchema = z.object({ decisionId: z.string().min(8).max(128), actor: actorSchema, reason });
export type Withdrawal = z.infer<typeof withdrawalSchema>;
export const withdrawUpdate = defineUpdate<DecisionResult, [Withdrawal]>('withdraw');

/** Why a decision was refused; the API maps each code to an HTTP status. */
export const refusalCodes = ['INVALID', 'WRONG_ROLE', 'OUT_OF_TURN', 'CLOSED'] as const;
export type RefusalCode = (typeof refusalCodes)[number];
export const DECISION_REFUSED = 'DecisionRefused';
export interface RefusalDetails {
  code: RefusalCode;
  message: string;
  /** What the case is waiting for, when the decision came out of turn. */
  waitingFor?: { stepId: string; sopStep: string; action: string; role: string; roleTitle: string } | null;
  /** For INVALID: a message per payload field (paths without the leading "payload."). */
  fields?: Record<string, string>;
}
