// Idempotency-Key for submissions: the first request with a key binds it, then records which request
// it created; a retry with the same key and body gets that request back, with another body it is refused.
import { createHash } from 'node:crypto';
import { IdempotencyKey } from '../../shared/db/idempotencyKey';
import { ApiError } from '../errors';
import { isDuplicateKey } from '../../shared/db/duplicateKey';
import { retryWhileBusy } from '../../shared/db/busyRetry';

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

export interface BoundKey {
  /** Whether this call bound the key; false for a resend (earlier, or running side by side). */
  first: boolean;
  /** The request number the key already leads to, once its first use allocated one. */
  requestNumber?: string;
}

/**
 * Binds the key to this submission before any number is allocated, so a resend is recognised as one
 * however early it arrives. The same key with another body is refused.
 */
export async function bindKey(userId: string, key: string, hash: string): Promise<BoundKey> {
  const _id = `${userId}:${key}`;
  try {
    await retryWhileBusy(() => IdempotencyKey.create({ _id, bodyHash: hash, createdAt: new Date() }));
    return { first: true };
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  const existing = await retryWhileBusy(() => IdempotencyKey.findById(_id).lean());
  if (!existing) throw new Error(`idempotency key ${_id} vanished after a duplicate-key error`);
  if (existing.bodyHash !== hash) throw conflict();
  return { first: false, requestNumber: existing.requestNumber ?? undefined };
}

/**
 * Records the number the key's submission got, and answers the number the key leads to (one recorded
 * earlier wins). Twins, even on two API processes, were allocated the same number: it is claimed under
 * the key (api/cases/requestNumbers.ts), so writing it twice writes the same. The update filters on
 * `_id` alone: FerretDB on SQLite answers any other filter by decoding the whole collection, which
 * made each submission slower than the last (0.6 s of FerretDB's CPU per submission at 6,000 keys).
 */
export async function recordKeyNumber(userId: string, key: string, requestNumber: string): Promise<string> {
  const _id = `${userId}:${key}`;
  const recorded = await retryWhileBusy(() => IdempotencyKey.findById(_id, { requestNumber: 1 }).lean());
  if (recorded?.requestNumber) return recorded.requestNumber;
  await retryWhileBusy(() => IdempotencyKey.updateOne({ _id }, { $set: { requestNumber } }));
  return requestNumber;
}
