import { Schema, model } from 'mongoose';

/**
 * Every email the system means to send, keyed by the workflow's email key: written before the send
 * and marked after, so a retry sends only what was not sent yet and nothing is silently lost.
 */
const outboxEmailSchema = new Schema({
  _id: { type: String, required: true },
  requestNumber: { type: String, required: true },
  template: { type: String, required: true },
  to: { type: [String], required: true },
  cc: { type: [String], default: [] },
  subject: { type: String, required: true },
  text: { type: String, required: true },
  status: { type: String, required: true, enum: ['pending', 'sent', 'noRecipient'] },
  createdAt: { type: Date, required: true },
  sentAt: { type: Date },
});
outboxEmailSchema.index({ requestNumber: 1, createdAt: 1 });

export const OutboxEmail = model('OutboxEmail', outboxEmailSchema, 'outbox');
