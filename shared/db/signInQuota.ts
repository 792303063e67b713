import { Schema, model } from 'mongoose';

/**
 * One sign-in link sent to an address in one time window: `_id` = `${window}:${slot}:${addressHash}`.
 * A send claims the first free slot by inserting it (atomic on FerretDB), so however many requests
 * race, an address gets at most as many links per window as there are slots.
 */
const signInQuotaSchema = new Schema({
  _id: { type: String, required: true },
  createdAt: { type: Date, required: true },
  /** When the window is over and the row can go. */
  expiresAt: { type: Date, required: true },
});

export const SignInQuota = model('SignInQuota', signInQuotaSchema, 'sign_in_quota');
