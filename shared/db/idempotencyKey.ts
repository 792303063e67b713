import { Schema, model } from 'mongoose';

/**
 * A submission's Idempotency-Key, per user: a retried POST /requests with the same key and body
 * answers with the request the first one created, instead of starting a second case.
 */
const idempotencyKeySchema = new Schema({
  /** `${userId}:${key}` */
  _id: { type: String, required: true },
  /** SHA-256 of the validated body, so the same key with another body is refused, not confused. */
  bodyHash: { type: String, required: true },
  /** Set once the number is allocated: the key is bound first, so a resend never allocates a second. */
  requestNumber: { type: String },
  createdAt: { type: Date, required: true },
});

export const IdempotencyKey = model('IdempotencyKey', idempotencyKeySchema, 'idempotency_keys');
