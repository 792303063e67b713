// The shared input schemas under the names the OpenAPI document gives them. Handlers parse with these
// very instances, so what /docs shows is what is enforced.
import { z } from 'zod';
import { decisionPayloadSchemas, withdrawalSchema } from '../shared/decisions';
import type { HumanActionKind } from '../shared/profile/schema';
import { submissionSchema } from '../shared/request';
import { strictObject, text } from '../shared/text';
import { exampleSubmission } from './examples';

export const SubmissionSchema = submissionSchema.meta({
  id: 'Submission',
  description: 'Surat permohonan dan form pengajuan: unit, penanggung jawab (NIP 18 digit), alamat, kontak, domain, jangka waktu, server dan kebutuhannya.',
  example: exampleSubmission,
});

const names: Record<HumanActionKind, string> = {
  disposition: 'DispositionDecision',
  clarification: 'ClarificationDecision',
  capacityCheck: 'CapacityCheckDecision',
  applicationForm: 'ApplicationFormDecision',
  approval: 'ApprovalDecision',
  deviceDelivery: 'DeviceDeliveryDecision',
  specVerification: 'SpecVerificationDecision',
  installation: 'InstallationDecision',
  handover: 'HandoverDecision',
  task: 'TaskDecision',
};

export const DecisionBodySchemas = Object.fromEntries(
  Object.entries(decisionPayloadSchemas).map(([kind, schema]) => [kind, (schema as z.ZodType).meta({ id: names[kind as HumanActionKind] })]),
) as { [K in HumanActionKind]: (typeof decisionPayloadSchemas)[K] };

export const WithdrawalBodySchema = strictObject({ reason: withdrawalSchema.shape.reason }).meta({ id: 'WithdrawalRequest' });

const headerValue = z.string().regex(/^[\x21-\x7e]{8,128}$/, '8–128 karakter ASCII tanpa spasi, mis. UUID');

export const idempotencyHeaders = z.object({
  'Idempotency-Key': headerValue.optional().meta({
    description: 'Kunci unik dari klien (mis. UUID). Mengulang permintaan dengan kunci yang sama tidak memulai atau menerapkan apa pun dua kali.',
  }),
});

export const actAsHeaders = z.object({
  'X-Act-As-Role': text(40).optional().meta({ description: 'Khusus admin: peran yang diwakili (mis. kabid).' }),
  'X-Act-Reason': text(500, { min: 5 }).optional().meta({ description: 'Khusus admin: alasan bertindak atas nama peran itu (5–500 karakter); dicatat.' }),
});

export const idempotencyKeySchema = headerValue;
