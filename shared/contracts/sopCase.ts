// The contract of the SOP case workflow, in one place for the workflow, the API and the tests:
// its type name, its ID, its queries and updates and its search attributes. One workflow type
// runs every procedure of every profile (workflows/sop/): the profile is data.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import type { CaseState, CaseView } from '../caseState';
import { actorSchema, decisionIdSchema, decisionUpdates, DecisionResult, withdrawalSchema, withdrawUpdate } from '../decisions';
import { requestLetterSchema } from '../request';
import { text } from '../text';
export { SA } from '../searchAttributes';
export { decisionUpdates, withdrawUpdate, withdrawalSchema };
import { sopCaseInputV1, type SopCaseInputV1 } from './sopCaseInput.v1';
import { sopCaseInputV2, type SopCaseInputV2 } from './sopCaseInput.v2';

/** Every input version a case may have been started with; a withdrawal (pencabutan) needs v2. */
export const sopCaseInputSchema = z.discriminatedUnion('v', [sopCaseInputV1, sopCaseInputV2]);
// One type for both versions (a v1 input never carries a withdrawal: the schema refuses it).
export type SopCaseInput = Omit<SopCaseInputV2, 'v'> & { v: SopCaseInputV1['v'] | SopCaseInputV2['v'] };

export const SOP_CASE_WORKFLOW_TYPE = 'sopCaseWorkflow';

/** Readable in the Temporal UI: the procedure and the request number, e.g. "backup-JTG-BU-2026-0003". */
export function sopCaseWorkflowId(procedureId: string, requestNumber: string): string {
  return `${procedureId}-${requestNumber}`;
}

export const caseStateQuery = defineQuery<CaseState>('caseState');

/**
 * Sent with the start (Update-with-Start): answers once the case has written its first record and
 * waits for its first action, so the API answers the submission without polling.
 */
export const caseOpenedUpdate = defineUpdate<CaseView>('caseOpened');

/** A backup service runs until the SKPD asks, by letter, to stop it (Jateng Back up, row 4 and 6). */
export const stopRequestSchema = z.object({
  decisionId: decisionIdSchema,
  actor: actorSchema,
  letter: requestLetterSchema,
  reason: text(2000, { min: 5, minMessage: 'alasan minimal 5 karakter', multiline: true }),
});
export type StopRequest = z.infer<typeof stopRequestSchema>;
export const requestStopUpdate = defineUpdate<DecisionResult, [StopRequest]>('requestStop');
