import { Schema, model } from 'mongoose';

/**
 * When an API token was last used, apart from the token: FerretDB writes an update as the whole
 * document it read, so an hourly use written onto the token could undo a revocation landing
 * between that read and write. The token's own document is written only by admins.
 */
const apiTokenUseSchema = new Schema(
  {
    /** The token's _id (the SHA-256 of the token). */
    _id: { type: String, required: true },
    lastUsedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const ApiTokenUse = model('ApiTokenUse', apiTokenUseSchema, 'api_token_uses');
