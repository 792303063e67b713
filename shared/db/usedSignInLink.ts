import { Schema, model } from 'mongoose';

/** A sign-in link that was used: inserting its hash is the claim, so two racing uses get one session. */
const usedSignInLinkSchema = new Schema({
  /** The link's `_id` (SHA-256 of its token). */
  _id: { type: String, required: true },
  usedAt: { type: Date, required: true },
  /** Kept as long as the link would have been valid; after that the link is refused anyway. */
  expiresAt: { type: Date, required: true },
});

export const UsedSignInLink = model('UsedSignInLink', usedSignInLinkSchema, 'sign_in_links_used');
