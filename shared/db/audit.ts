import { Schema, model } from 'mongoose';

/** Every transition and decision of every case, append-only. IDs come from the workflow, so a retried write is a no-op. */
const auditEntrySchema = new Schema({
  _id: { type: String, required: true },
  requestNumber: { type: String, required: true },
  at: { type: Date, required: true },
  event: { type: String, required: true },
  stepId: { type: String },
  sopStep: { type: String },
  actor: { type: Schema.Types.Mixed },
  details: { type: Schema.Types.Mixed },
});
auditEntrySchema.index({ requestNumber: 1, at: 1 });

export const AuditEntry = model('AuditEntry', auditEntrySchema, 'audit_trail');
