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
  const latest = await OutboxClaim.findOne({ emailKey }).sort({ epoch: -1 }).lean();
  const now = Date.now();
  if (latest && !latest.releasedAt && latest.expiresAt.getTime() > now) return undefined;
  const epoch = (latest?.epoch ?? 0) + 1;
  try {
    await OutboxClaim.create({ _id: `${emailKey}#${epoch}`, emailKey, epoch, holder, expiresAt: new Date(now + leaseMs) });
    return { emailKey, epoch };
  } catch (error) {
    if (isDuplicateKey(error)) return undefined;
    throw error;
  }
}

export async function releaseOutboxClaim(claim: Claim): Promise<void> {
  await OutboxClaim.updateOne({ _id: `${claim.emailKey}#${claim.epoch}` }, { $set: { releasedAt: new Date() } });
}

/** Once an email is settled its claims are only clutter; a late contender finds it settled on reading it. */
export async function forgetOutboxClaims(emailKey: string): Promise<void> {
  await OutboxClaim.deleteMany({ emailKey });
}
