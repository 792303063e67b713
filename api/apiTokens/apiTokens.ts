// API tokens for integrations: an admin issues one for a user, with a name and an expiry; the
// integration sends it as "Authorization: Bearer <token>". Each call finds it by `_id` (its hash).
import { randomBytes } from 'node:crypto';
import { ApiToken } from '../../shared/db/apiToken';
import { ApiTokenUse } from '../../shared/db/apiTokenUse';
import { isDuplicateKey } from '../../shared/db/duplicateKey';
import { activeUser, CallerUser } from '../users/activeUser';
import { RecentlyRead } from '../users/recentlyRead';
import { hashToken, MAX_TOKEN_LENGTH, newToken } from '../tokens';

/** Two years: a token that never expires outlives the integration and the person who knew of it. */
export const MAX_TOKEN_DAYS = 730;
export const DAY_MS = 86_400_000;
/** lastUsedAt is news to the hour; writing it on every call would double a busy integration's writes. */
const LAST_USED_RESOLUTION_MS = 3_600_000;
/** When this process last wrote each token's use (one entry per token in use, and tokens are few). */
const useWrittenAt = new Map<string, number>();

export interface IssuedToken {
  token: string;
  publicId: string;
  expiresAt: Date;
}

/** "tok_" and 8 characters: short enough to read out, random enough never to repeat by chance. */
export function newPublicId(): string {
  return `tok_${randomBytes(6).toString('base64url')}`;
}

/** Issues a token (or stores a given one, for demo and test users); the plain token is returned only here. */
export async function issueApiToken(o: { userId: string; name: string; expiresInDays: number; createdBy?: string; token?: string; now?: Date }): Promise<IssuedToken> {
  if (o.expiresInDays > MAX_TOKEN_DAYS) throw new RangeError(`an API token lives at most ${MAX_TOKEN_DAYS} days`);
  const token = o.token ?? newToken();
  const now = o.now ?? new Date();
  const expiresAt = new Date(now.getTime() + o.expiresInDays * DAY_MS);
  const publicId = newPublicId();
  await ApiToken.create({ _id: hashToken(token), publicId, name: o.name, userId: o.userId, createdBy: o.createdBy, createdAt: now, expiresAt });
  return { token, publicId, expiresAt };
}

type TokenRow = NonNullable<Awaited<ReturnType<typeof readToken>>>;
const recentTokens = new RecentlyRead<TokenRow>();

function readToken(tokenId: string) {
  return ApiToken.findById(tokenId, { userId: 1, expiresAt: 1, revokedAt: 1 }).lean();
}

/** Called by whatever revokes or changes a token (by its _id), so the next call reads the change. */
export function forgetToken(tokenId: string): void {
  recentTokens.forget(tokenId);
}

/** The active user a bearer token acts for; null when unknown, expired, revoked or its user is inactive. */
export async function apiTokenUser(token: string, now = new Date()): Promise<CallerUser | null> {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const tokenId = hashToken(token);
  const row = await recentTokens.get(tokenId, () => readToken(tokenId));
  if (!row || row.revokedAt || row.expiresAt <= now) return null;
  const user = await activeUser(row.userId);
  if (!user) return null;
  await recordUse(row._id, now);
  return user;
}

/** Writes the use by _id alone, apart from the token (shared/db/apiTokenUse.ts); at most hourly per process. */
async function recordUse(tokenId: string, now: Date): Promise<void> {
  const written = useWrittenAt.get(tokenId);
  if (written !== undefined && now.getTime() - written < LAST_USED_RESOLUTION_MS) return;
  useWrittenAt.set(tokenId, now.getTime());
  await ApiTokenUse.replaceOne({ _id: tokenId }, { lastUsedAt: now }, { upsert: true }).catch((error: unknown) => {
    // Two processes recording the first use at once: the other one wrote it.
    if (isDuplicateKey(error)) return;
    useWrittenAt.delete(tokenId);
    throw error;
  });
}
