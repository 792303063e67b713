import { Schema, model } from 'mongoose';

/**
 * A browser's sign-in. The cookie holds a random value; only its SHA-256 hash is stored (the `_id`),
 * so a leaked collection opens no session. Signing out sets revokedAt: the cookie stops working
 * wherever it was copied to.
 */
const sessionSchema = new Schema({
  /** SHA-256 (hex) of the cookie's value. */
  _id: { type: String, required: true },
  userId: { type: String, required: true },
  /** Sent back in X-CSRF-Token with every change: another site's page can send the cookie, not this. */
  csrfToken: { type: String, required: true },
  /** How the person signed in. */
  method: { type: String, required: true, enum: ['emailLink', 'oidc'] },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  revokedAt: { type: Date, default: null },
});

export const Session = model('Session', sessionSchema, 'sessions');
