import { Schema, model } from 'mongoose';
import { emailAddressProblem } from '../emailAddress';
import { roleCodes } from '../profile/schema';

export const userRoles = [...roleCodes, 'admin'] as const;
export type UserRole = (typeof userRoles)[number];

/**
 * A person who uses Kolokasi. Staff emails are how the workflow reaches a role and where sign-in
 * links go. Credentials live elsewhere: sessions (sessions) and API tokens (api_tokens).
 */
const userSchema = new Schema({
  _id: { type: String, required: true },
  name: { type: String, required: true },
  // Where the workflow emails a role: an address no mail server takes would only bounce later.
  email: { type: String, required: true, validate: { validator: (v: string) => !emailAddressProblem(v), message: (p: { value: string }) => emailAddressProblem(p.value) ?? '' } },
  role: { type: String, required: true, enum: userRoles },
  /** For applicants: the unit (OPD/SKPD) whose requests they may see. */
  unitName: { type: String },
  /**
   * The one bearer token a user had before api_tokens: moved there when the API starts
   * (api/users/legacyTokens.ts) and then removed from the user.
   */
  tokenHash: { type: String },
  active: { type: Boolean, required: true, default: true },
  createdAt: { type: Date, required: true },
});
userSchema.index({ role: 1 });

export const User = model('User', userSchema, 'users');

/** A user as a lean read returns it. */
export interface StoredUser {
  _id: string;
  name: string;
  email: string;
  role: string;
  unitName?: string | null;
  active: boolean;
  createdAt: Date;
}
