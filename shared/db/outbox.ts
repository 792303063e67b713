import { Schema, model } from 'mongoose';

/**
 * pending      written by the case, waiting for the dispatcher (or for its next attempt after a failure)
 * sent         the mail server took it for every recipient it did not refuse
 * refused      the mail server refused every recipient for good (5xx); staff were told
 * failed       the mail server could not be reached, or kept deferring, for too long; staff were told
 * noRecipient  nobody holds the role yet: kept, visible, rather than vanishing
 */
export const outboxStatuses = ['pending', 'sent', 'refused', 'failed', 'noRecipient'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/**
 * Every email the system means to send, keyed by the workflow's email key. A case only writes the
 * row (so mail never holds a case up); the outbox dispatcher sends it, records what the server
 * answered, and retries only what may still succeed.
 */
const outboxEmailSchema = new Schema({
  _id: { type: String, required: true },
  requestNumber: { type: String, required: true },
  template: { type: String, required: true },
  to: { type: [String], required: true },
  cc: { type: [String], default: [] },
  subject: { type: String, required: true },
  text: { type: String, required: true },
  status: { type: String, required: true, enum: outboxStatuses },
  createdAt: { type: Date, required: true },
  /** When the dispatcher may try (again); backs off after each transient failure. */
  nextAttemptAt: { type: Date },
  attempts: { type: Number, default: 0 },
  lastError: { type: String },
  /** Recipients the server took, so a retry for a deferred recipient never sends them a second copy. */
  delivered: { type: [String], default: [] },
  /** Recipients the server refused for good, with its answer. */
  refusals: { type: [{ _id: false, address: String, response: String }], default: [] },
  /** Documents to attach, by id (a letter's numbered PDF), rendered at each send. */
  attachments: { type: [String], default: undefined },
  sentAt: { type: Date },
  /** When it became refused or failed. */
  givenUpAt: { type: Date },
});
outboxEmailSchema.index({ requestNumber: 1, createdAt: 1 });
outboxEmailSchema.index({ status: 1, nextAttemptAt: 1 });

/** An outbox row as read and written: what the dispatcher attempts. */
export interface OutboxRow {
  _id: string;
  requestNumber: string;
  template: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  status: OutboxStatus;
  createdAt: Date;
  nextAttemptAt?: Date | null;
  attempts?: number | null;
  lastError?: string | null;
  delivered: string[];
  refusals: { address: string; response: string }[];
  attachments?: string[] | null;
  sentAt?: Date | null;
  givenUpAt?: Date | null;
}

export const OutboxEmail = model('OutboxEmail', outboxEmailSchema, 'outbox');
