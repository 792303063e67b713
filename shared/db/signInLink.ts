import { Schema, model } from 'mongoose';

/**
 * A sign-in link emailed to a user: the SHA-256 hash of its token (the `_id`) and whom it signs in.
 * It is spent by inserting the same hash into sign_in_links_used (see usedSignInLink.ts): on
 * FerretDB an update "where not yet used" is not atomic, an insert on a unique `_id` is.
 */
const signInLinkSchema = new Schema({
  _id: { type: String, required: true },
  userId: { type: String, required: true },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
});

export const SignInLink = model('SignInLink', signInLinkSchema, 'sign_in_links');
