// The colocation workflow's input, its ID and its task queue name: shared by the API that starts a
// case and the workflow that validates what it was given.
import { z } from 'zod';
import { actorSchema } from './decisions';
import { submissionSchema } from './request';

export const requestNumberSchema = z.string().regex(/^[A-Z]{2,5}-\d{4}-\d{4,6}$/, 'nomor permohonan tidak valid (contoh: CRB-2026-0001)');

export const colocationInputSchema = z.object({
  requestNumber: requestNumberSchema,
  profileId: z.string().min(1),
  submission: submissionSchema,
  submittedBy: actorSchema,
});
export type ColocationInput = z.infer<typeof colocationInputSchema>;

/** The one-line summary admins read in the Temporal UI's memo. */
export function caseSummary(requestNumber: string, submission: ColocationInput['submission']): string {
  const { form, needs } = submission;
  return `${requestNumber}: ${form.unitName} — ${form.domain} (${needs.rackUnits}U, ${needs.powerWatts} W, ${needs.bandwidthMbps} Mbps)`;
}

/** Readable in the Temporal UI and derivable from the request number alone. */
export function colocationWorkflowId(requestNumber: string): string {
  return `colocation-${requestNumber}`;
}
