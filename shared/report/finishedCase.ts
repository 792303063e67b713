// What the compliance report reads of a finished case: the slice of its read model (requests.state)
// that says which rows it went through, how long each took against its standard, and how long it
// waited on the applicant. Parsed with zod because records written by older versions may lack fields.
import { z } from 'zod';
import { caseStatuses } from '../caseState';
import { durationSchema, roleSchema } from '../profile/schema';

export const finishedStepSchema = z.object({
  sopStep: z.string(),
  title: z.string(),
  performer: roleSchema,
  performerTitle: z.string().optional(),
  standard: durationSchema.optional(),
  standardWorkingMinutes: z.number().optional(),
  startedAt: z.string(),
  completedAt: z.string().optional(),
  actualWorkingMinutes: z.number().optional(),
  breachedAt: z.string().optional(),
  escalatedAt: z.string().optional(),
  outcome: z.string().optional(),
});
export type FinishedStep = z.infer<typeof finishedStepSchema>;

export const finishedCaseSchema = z.object({
  requestNumber: z.string(),
  procedureId: z.string().default('colocation'),
  status: z.enum(caseStatuses).exclude(['inProgress']),
  closedAt: z.string(),
  applicantWaitMinutes: z.number().default(0),
  steps: z.array(finishedStepSchema),
});
export type FinishedCase = z.infer<typeof finishedCaseSchema>;
