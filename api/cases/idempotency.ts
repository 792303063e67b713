// Idempotency-Key for submissions: the first request with a key records which request it created;
// a retry with the same key and body gets that request back, with another body it is refused.
import { createHash } from 'node:crypto';
import { IdempotencyKey } from '../../shared/db/idempotencyKey';
import { ApiError } from '../errors';
import { isDuplicateKey } from '../../shared/db/duplicateKey';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** Of the validated body, so spacing or key order that changes nothing does not count as different. */
export function bodyHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex');
}

const conflict = (): ApiError =>
  new ApiError(409, 'IDEMPOTENCY_CONFLICT', 'Idempotency-Key ini sudah dipakai untuk permohonan dengan isi yang berbeda. Gunakan kunci baru untuk permohonan baru.');

/** The request number an earlier use of this key created, or null for a new key. */
export async function previousRequestFor(userId: string, key: string, hash: string): Promise<string | null> {
  const existing = await IdempotencyKey.findById(`${userId}:${key}`).lean();
  if (!existing) return null;
  if (existing.bodyHash !== hash) throw conflict();
  return existing.requestNumber;
}

/**
 * Binds the key to the request number. When a concurrent twin got there first, its number wins and
 * is returned (the number allocated here is then never used).
 */
export async function bindKey(userId: string, key: string, hash: string, requestNumber: string): Promise<string> {
  try {
    await IdempotencyKey.create({ _id: `${userId}:${key}`, bodyHash: hash, requestNumber, createdAt: new Date() });
    return requestNumber;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const winner = await previousRequestFor(userId, key, hash);
    if (!winner) throw error;
    return winner;
  }
}
