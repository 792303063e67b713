import { Schema, model } from 'mongoose';

/**
 * An Idempotency-Key used for a decision on one case, and what it was used for. The key alone means
 * nothing: a second use is a resend only by the same caller, for the same kind and body; anything
 * else with that key is refused, so one person's key can never stand in for another's decision.
 */
const decisionKeySchema = new Schema({
  /** `${requestNumber}:${key}`: inserting it is the claim (the one atomic write on FerretDB). */
  _id: { type: String, required: true },
  userId: { type: String, required: true },
  /** The decision kind, or "withdrawal". */
  kind: { type: String, required: true },
  /** SHA-256 of the validated payload. */
  bodyHash: { type: String, required: true },
  /** The id the workflow knows the decision by, derived from the scope. */
  decisionId: { type: String, required: true },
  createdAt: { type: Date, required: true },
});

export const DecisionKey = model('DecisionKey', decisionKeySchema, 'decision_keys');
