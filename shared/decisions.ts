// Every human decision on a case, defined once: its payload schema and its workflow Update.
// The API validates HTTP bodies with these schemas and sends the Update; the workflow validates
// again (an Update validator), so a decision out of turn or by the wrong role is refused before it
// enters history.
import { defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { roleSchema } from './profile/roles';
import type { HumanActionKind } from './profile/actions';
import { decisionPayloadSchemas, DecisionPayload, reason } from './decisionPayloads';
import { strictObject, text } from './text';
import type { CaseView } from './caseState';

export { approvalFormSchema, decisionPayloadSchemas } from './decisionPayloads';
export type { ApprovalForm, DecisionPayload } from './decisionPayloads';

/** Who decides. An admin acting in a role's name says why; both are recorded. */
export const actorSchema = strictObject({
  userId: text(100),
  name: text(200),
  role: roleSchema,
  onBehalf: strictObject({ adminUserId: text(100), adminName: text(200), reason }).optional(),
});
export type Actor = z.infer<typeof actorSchema>;

/** A decision as it reaches the workflow. `decisionId` makes a resend apply once. */
export interface Decision<K extends HumanActionKind = HumanActionKind> {
  decisionId: string;
  actor: Actor;
  payload: DecisionPayload<K>;
}

export const decisionIdSchema = z.string().min(8).max(128);

export function decisionSchema<K extends HumanActionKind>(kind: K) {
  return z.object({
    decisionId: decisionIdSchema,
    actor: actorSchema,
    payload: decisionPayloadSchemas[kind],
  });
}

export interface DecisionResult {
  /** True when this decisionId had already been applied: nothing was changed again. */
  duplicate: boolean;
  case: CaseView;
}

export const decisionUpdates = Object.fromEntries(
  (Object.keys(decisionPayloadSchemas) as HumanActionKind[]).map((kind) => [kind, defineUpdate<DecisionResult, [Decision]>(kind)]),
) as { [K in HumanActionKind]: ReturnType<typeof defineUpdate<DecisionResult, [Decision<K>]>> };

export const withdrawalSchema = z.object({ decisionId: decisionIdSchema, actor: actorSchema, reason });
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
