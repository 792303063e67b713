// Which worker process may send an outbox email right now. Several workers run dispatchers over one
// outbox, and FerretDB 1.24 does not make a conditional update atomic (two "set status where
// pending" race and both win), so a claim is the one write it does make atomic: an insert against
// the unique _id. Each claim of an email takes the next epoch, `<email key>#<epoch>`; exactly one
// contender wins an epoch. A claim left by a crashed worker lapses when its lease expires.
import { Schema, model } from 'mongoose';
import { isDuplicateKey } from './duplicateKey';

const outboxClaimSchema = new Schema({
  _id: { type: String, required: true },
  emailKey: { type: String, required: true },
  epoch: { type: Number, required: true },
  holder: { type: String, required: true },
  expiresAt: { type: Date, required: true },
  releasedAt: { type: Date, default: null },
});
outboxClaimSchema.index({ emailKey: 1, epoch: -1 });

export const OutboxClaim = model('OutboxClaim', outboxClaimSchema, 'outbox_claims');

export interface Claim {
  emailKey: string;
  epoch: number;
}

/** Takes the email for `leaseMs`, or answers undefined when another holder has it. */
export async function claimOutboxEmail(emailKey: string, holder: string, leaseMs: number): Promise<Claim | undefined> {
  // Most emails are claimed once: try the first epoch straight away (an insert by _id) and look
  // for the latest claim only when it is taken, since that lookup makes FerretDB scan the claims.
  const first = await insertClaim(emailKey, 1, holder, leaseMs);
  if (first !== 'taken') return first;
  const latest = await OutboxClaim.findOne({ emailKey }).sort({ epoch: -1 }).lean();
  const now = Date.now();
  if (latest && !latest.releasedAt && latest.expiresAt.getTime() > now) return undefined;
  const claimed = await insertClaim(emailKey, (latest?.epoch ?? 0) + 1, holder, leaseMs);
  return claimed === 'taken' ? undefined : claimed;
}

async function insertClaim(emailKey: string, epoch: number, holder: string, leaseMs: number): Promise<Claim | 'taken'> {
  try {
    await OutboxClaim.create({ _id: `${emailKey}#${epoch}`, emailKey, epoch, holder, expiresAt: new Date(Date.now() + leaseMs) });
    return { emailKey, epoch };
  } catch (error) {
    if (isDuplicateKey(error)) return 'taken';
    throw error;
  }
}

export async function releaseOutboxClaim(claim: Claim): Promise<void> {
  await OutboxClaim.updateOne({ _id: `${claim.emailKey}#${claim.epoch}` }, { $set: { releasedAt: new Date() } });
}

/**
 * Once an email is settled its claims are only clutter; a late contender finds it settled on
 * reading it. A first claim is deleted by _id; only an email claimed again needs the scan.
 */
export async function forgetOutboxClaims(claim: Claim): Promise<void> {
  if (claim.epoch === 1) await OutboxClaim.deleteOne({ _id: `${claim.emailKey}#1` });
  else await OutboxClaim.deleteMany({ emailKey: claim.emailKey });
}
