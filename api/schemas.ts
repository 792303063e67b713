// The shared input schemas under the names the OpenAPI document gives them. Handlers parse with these
// very instances, so what /docs shows is what is enforced.
import { z } from 'zod';
import { stopRequestSchema } from '../shared/contracts/sopCase';
import { caseRequestV2 } from '../shared/contracts/sopCaseInput.v2';
import { decisionPayloadSchemas, withdrawalSchema } from '../shared/decisions';
import type { HumanActionKind } from '../shared/profile/actions';
import { backupSubmissionSchema, restoreSubmissionSchema, submissionSchema } from '../shared/request';
import { strictObject, text } from '../shared/text';
import { exampleBackupSubmission, exampleRestoreSubmission, exampleSubmission } from './examples';

export const SubmissionSchema = submissionSchema.meta({
  id: 'Submission',
  description: 'Surat permohonan dan form pengajuan: unit, penanggung jawab (NIP 18 digit), alamat, kontak, domain, jangka waktu, server dan kebutuhannya.',
  example: exampleSubmission,
});

export const BackupSubmissionSchema = backupSubmissionSchema.meta({
  id: 'BackupSubmission',
  description: 'Surat permintaan back up: unit, kontak, sistem (aplikasi/basis data), cakupan data, dan jadwal yang diinginkan (bila ada).',
  example: exampleBackupSubmission,
});

export const RestoreSubmissionSchema = restoreSubmissionSchema.meta({
  id: 'RestoreSubmission',
  description: 'Surat permintaan restore: unit, kontak, sistem, back up yang dipulihkan, dan alasannya.',
  example: exampleRestoreSubmission,
});

/** What a case was opened with, as the case keeps it (any procedure): `kind` says which. */
export const CaseRequestSchema = caseRequestV2.meta({ id: 'CaseRequest', description: 'Permohonan sebagaimana dicatat kasusnya; `kind` menyebut jenisnya (colocation, backup, restore, withdrawal).' });

const names: Record<HumanActionKind, string> = {
  disposition: 'DispositionDecision',
  clarification: 'ClarificationDecision',
  capacityCheck: 'CapacityCheckDecision',
  powerCheck: 'PowerCheckDecision',
  applicationForm: 'ApplicationFormDecision',
  approval: 'ApprovalDecision',
  deviceDelivery: 'DeviceDeliveryDecision',
  specVerification: 'SpecVerificationDecision',
  installation: 'InstallationDecision',
  handover: 'HandoverDecision',
  backupPlan: 'BackupPlanDecision',
  backupRun: 'BackupRunDecision',
  backupStop: 'BackupStopDecision',
  restoreRun: 'RestoreRunDecision',
  restoreReport: 'RestoreReportDecision',
  decision: 'YesNoDecision',
  task: 'TaskDecision',
  withdrawalApproval: 'WithdrawalApprovalDecision',
  removal: 'RemovalDecision',
};

export const DecisionBodySchemas = Object.fromEntries(
  Object.entries(decisionPayloadSchemas).map(([kind, schema]) => [kind, (schema as z.ZodType).meta({ id: names[kind as HumanActionKind] })]),
) as { [K in HumanActionKind]: (typeof decisionPayloadSchemas)[K] };

export const WithdrawalBodySchema = strictObject({ reason: withdrawalSchema.shape.reason }).meta({ id: 'WithdrawalRequest' });

export const StopBodySchema = strictObject({ letter: stopRequestSchema.shape.letter, reason: stopRequestSchema.shape.reason }).meta({
  id: 'StopRequest',
  description: 'Surat permohonan penghentian layanan back up dari SKPD, dan alasannya.',
});

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
