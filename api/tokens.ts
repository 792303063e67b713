// Secrets the API hands out (bearer tokens, sign-in links, session cookies): random, shown or sent
// once, stored only as a hash, so a leaked collection grants nothing.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Ours are 32 random bytes in base64url; anything far longer is no token of ours, so it is not even hashed. */
export const MAX_TOKEN_LENGTH = 512;

/** Equal secrets, compared in constant time (hashed first, so lengths give nothing away either). */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());
}
