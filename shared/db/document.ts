import { Schema, model } from 'mongoose';

/** Documents the service produces (berita acara serah terima, …), as text a person can print. */
const caseDocumentSchema = new Schema({
  _id: { type: String, required: true },
  requestNumber: { type: String, required: true },
  kind: { type: String, required: true },
  title: { type: String, required: true },
  body: { type: String, required: true },
  createdAt: { type: Date, required: true },
});
caseDocumentSchema.index({ requestNumber: 1 });

export const CaseDocument = model('CaseDocument', caseDocumentSchema, 'documents');
