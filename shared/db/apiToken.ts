import { Schema, model } from 'mongoose';

/**
 * A bearer token for an integration, issued by an admin to act as one user. Stored only as the
 * SHA-256 hash of the token (the `_id`, so each call finds it by `_id`); the token itself is shown
 * once. It always expires; a revoked one stays, so the list shows what was issued and when it ended.
 */
const apiTokenSchema = new Schema({
  /** SHA-256 (hex) of the token. */
  _id: { type: String, required: true },
  /** Short and public: how people and URLs name the token (the hash would be a handle on it). */
  publicId: { type: String, required: true, unique: true },
  name: { type: String, required: true },
  userId: { type: String, required: true },
  /** The admin who issued it; absent for tokens carried over from users.tokenHash. */
  createdBy: { type: String },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  revokedAt: { type: Date, default: null },
  revokedBy: { type: String },
  /** Written here by earlier versions only; uses are now kept apart (shared/db/apiTokenUse.ts). */
  lastUsedAt: { type: Date, default: null },
});

export const ApiToken = model('ApiToken', apiTokenSchema, 'api_tokens');
