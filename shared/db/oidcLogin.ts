import { Schema, model } from 'mongoose';

/**
 * A sign-in started at the identity provider and not yet back: its state and PKCE verifier, under
 * the SHA-256 of a random value kept in the browser's cookie, so only the browser that started it
 * can finish it (a callback URL sent to someone else signs nobody in).
 */
const oidcLoginSchema = new Schema({
  _id: { type: String, required: true },
  state: { type: String, required: true },
  codeVerifier: { type: String, required: true },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
});

export const OidcLogin = model('OidcLogin', oidcLoginSchema, 'oidc_logins');
