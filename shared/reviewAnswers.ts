// What a person answers for one asset of the yearly register review: pure zod schemas, shared by
// the review's contract (the API, the workflow's Update validator) and the web app's forms.
import { z } from 'zod';
import { reason } from './decisionPayloads';
import { strictObject, text } from './text';

const ipv4 = z.ipv4({ message: 'alamat IP v4 tidak valid' });

/** The register fields a review may correct: what a person checks at the rack. */
export const reviewCorrectionSchema = strictObject({
  rackId: text(40).optional(),
  rackUnits: text(20).optional(),
  ipAddress: ipv4.optional(),
  serialNumber: text(100).optional(),
  typeAndBrand: text(200).optional(),
  unitName: text(200).optional(),
  contactName: text(200).optional(),
  contactNumber: text(30).optional(),
}).refine((c) => Object.values(c).some((v) => v !== undefined), 'sebutkan minimal satu kolom yang dikoreksi');
export type ReviewCorrection = z.infer<typeof reviewCorrectionSchema>;

/** What a person sends for one task, per outcome (the API's three bodies). */
export const reviewTaskBodySchemas = {
  confirm: strictObject({ note: text(2000, { min: 0, multiline: true }).optional() }),
  correct: strictObject({ changes: reviewCorrectionSchema, reason }),
  missing: strictObject({ reason }),
};
