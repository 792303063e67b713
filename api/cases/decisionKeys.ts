// Idempotency-Key for decisions, scoped: a key binds to the case, the caller, the kind of decision
// and its body. The workflow's decision id (and Update id) is derived from that scope, so two
// callers who happen to send the same key never share an id, and a key reused for anything else is
// refused (409) instead of being answered with somebody else's decision.
import { createHash, randomUUID } from 'node:crypto';
import { retryWhileBusy } from '../../shared/db/busyRetry';
import { DecisionKey } from '../../shared/db/decisionKey';
import { insertGrouped } from '../../shared/db/groupedWrites';
import type { HumanActionKind } from '../../shared/profile/actions';
import { ApiError } from '../errors';
import { bodyHash } from './idempotency';

/** A decision's kind, the applicant's withdrawal or letter asking to stop a back up service, a placement's withdrawal and extension, or a register review's answer. */
export type DecisionKind = HumanActionKind | 'withdrawal' | 'stop' | 'placementWithdrawal' | 'extension' | 'extensionDecision' | 'reviewConfirmed' | 'reviewCorrected' | 'reviewMissing';

export interface DecisionKeyUse {
  decisionId: string;
  /** The key was bound to this very decision before: it may have been applied already. */
  resend: boolean;
}

interface Scope {
  requestNumber: string;
  userId: string;
  kind: DecisionKind;
  key: string;
}

export function scopedDecisionId({ requestNumber, userId, kind, key }: Scope): string {
  return `d-${createHash('sha256').update(JSON.stringify([requestNumber, userId, kind, key])).digest('hex').slice(0, 40)}`;
}

const conflict = (): ApiError =>
  new ApiError(
    409,
    'IDEMPOTENCY_CONFLICT',
    'Idempotency-Key ini sudah dipakai pada permohonan ini untuk keputusan lain (oleh pengguna lain, jenis keputusan lain, atau dengan isi berbeda). Tidak ada yang diterapkan; gunakan kunci baru untuk keputusan baru.',
  );

/**
 * Binds `key` to this decision, or checks that an earlier binding is the same decision. Without a
 * key the decision gets a fresh id: nothing to deduplicate.
 */
export async function useDecisionKey(scope: Omit<Scope, 'key'> & { key: string | undefined }, payload: unknown): Promise<DecisionKeyUse> {
  if (scope.key === undefined) return { decisionId: randomUUID(), resend: false };
  const full = { ...scope, key: scope.key };
  const decisionId = scopedDecisionId(full);
  const hash = bodyHash(payload);
  const _id = `${scope.requestNumber}:${scope.key}`;
  const [outcome] = await retryWhileBusy(() => insertGrouped(DecisionKey.collection, [{ _id, userId: scope.userId, kind: scope.kind, bodyHash: hash, decisionId, createdAt: new Date() }]));
  if (outcome === 'inserted') return { decisionId, resend: false };
  const bound = await retryWhileBusy(() => DecisionKey.findById(_id).lean());
  if (!bound || bound.userId !== scope.userId || bound.kind !== scope.kind || bound.bodyHash !== hash) throw conflict();
  return { decisionId: bound.decisionId, resend: true };
}
