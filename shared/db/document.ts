import { Schema, model } from 'mongoose';

export const documentStatuses = ['current', 'superseded'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

/**
 * Documents the service issues (forms, berita acara, letters): `body` is the plain text a person
 * can read anywhere; a numbered document also keeps the fields its PDF prints (`content`,
 * `letterhead`), so the PDF is rendered from the record alone. Documents issued before numbering
 * (`BAST/<request number>`) have a body only.
 */
const caseDocumentSchema = new Schema(
  {
    _id: { type: String, required: true },
    requestNumber: { type: String, required: true },
    kind: { type: String, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    createdAt: { type: Date, required: true },
    profileId: { type: String },
    number: { type: String },
    issuedAt: { type: Date },
    timeZone: { type: String },
    letterhead: { type: Schema.Types.Mixed },
    content: { type: Schema.Types.Mixed },
    /** sha256 of what the PDF prints: the number, the date, the letterhead and the content. */
    contentHash: { type: String },
    /** The random code of its verification URL (document_codes finds the document by it). */
    verificationCode: { type: String },
    status: { type: String, enum: documentStatuses },
    supersededBy: { type: String },
  },
  { minimize: false },
);
caseDocumentSchema.index({ requestNumber: 1 });

export const CaseDocument = model('CaseDocument', caseDocumentSchema, 'documents');

/** The id of the text-only handover minutes of a case whose profile was not found (no numbering). */
export const textOnlyBastId = (requestNumber: string): string => `BAST/${requestNumber}`;

/** Verification code → document: the public URL's lookup, by _id (FerretDB scans any other field). */
const documentCodeSchema = new Schema({
  _id: { type: String, required: true },
  documentId: { type: String, required: true },
});
export const DocumentCode = model('DocumentCode', documentCodeSchema, 'document_codes');
