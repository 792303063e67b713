// Request numbers: the procedure's prefix (agency code, then the procedure's code where it has one),
// the year in the agency's time zone, and a sequence per prefix and year: CRB-2026-0001, JTG-BU-2026-0001.
import type { IndonesianTimeZone } from '../../shared/profile/schema';
import { Counter } from '../../shared/db/counter';
import { RequestNumberClaim, RequestNumberClaimant } from '../../shared/db/requestNumberClaim';
import { UTC_OFFSET_MINUTES } from '../../shared/workingTime';
import { isDuplicateKey } from '../../shared/db/duplicateKey';
import { retryWhileBusy } from '../../shared/db/busyRetry';
import { KeyedMutex } from '../../shared/keyedMutex';
import { allFinished } from '../../shared/allFinished';

const MAX_ATTEMPTS = 50;

export function yearIn(timeZone: IndonesianTimeZone, nowMs: number): number {
  return new Date(nowMs + UTC_OFFSET_MINUTES[timeZone] * 60_000).getUTCFullYear();
}

export function formatRequestNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(4, '0')}`;
}

/** Whose numbers: the prefix (api/cases/procedures.ts numberPrefix) and the agency's time zone. */
export interface Numbering {
  prefix: string;
  timeZone: IndonesianTimeZone;
}

// Within one API process, allocations of a prefix take turns: concurrent submissions then never
// compete for the same candidate (which, with FerretDB's non-atomic $inc, once exhausted the attempts).
const allocations = new KeyedMutex();

/** Who a number is for, and what a resend of it may ask. */
export interface Claimant {
  /** `${userId}:key:${Idempotency-Key}`, `${userId}:once:${uuid}` without a key, or what an activity is numbering. */
  id: string;
  /** A resend may ask for its number again (a keyed submission, a retried activity): the claim is recorded under `id`. */
  resendable: boolean;
  /** It may hold a number already (a resend), so it is looked up first; false for a key bound by this very call. */
  mayHaveClaimed: boolean;
}

export interface AllocationOptions {
  /**
   * Vetoes a claimed number that is taken elsewhere (a case that already has its workflow id, e.g.
   * after the database was restored from an older backup): it is skipped, never reused.
   */
  isFree?: (requestNumber: string) => Promise<boolean>;
  nowMs?: number;
}

/**
 * The request number of one submission. A claimant that already claimed a number gets that one
 * back, so a retried or parallel resend never burns a second number. Otherwise the counter gives a
 * candidate and the claim insert makes it this claimant's alone; should another process have taken
 * the candidate, the insert fails and the next one is tried. Allocations of a prefix take turns in
 * this process, so each round trip saved here is saved for every submission queued behind it: the
 * look-up is skipped when nothing can be there, and `isFree` is asked beside the claim insert.
 */
export async function allocateRequestNumber(numbering: Numbering, claimant: Claimant, { isFree = async () => true, nowMs = Date.now() }: AllocationOptions = {}): Promise<string> {
  const year = yearIn(numbering.timeZone, nowMs);
  const prefix = `${numbering.prefix}-${year}`;
  const recorded = async (): Promise<string | undefined> => (await retryWhileBusy(() => RequestNumberClaimant.findById(claimant.id).lean()))?.requestNumber;
  return allocations.run(prefix, async () => {
    const earlier = claimant.mayHaveClaimed ? await recorded() : undefined;
    if (earlier) return earlier;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // No projection: FerretDB 1.24 does not support one in findOneAndUpdate.
      const counter = await retryWhileBusy(() => Counter.findOneAndUpdate({ _id: prefix }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }).lean());
      const candidate = formatRequestNumber(numbering.prefix, year, counter!.seq);
      const [claimed, free] = await allFinished([claim(candidate, claimant.id, nowMs), isFree(candidate)]);
      if (!claimed || !free) continue;
      if (!claimant.resendable) return candidate;
      try {
        await retryWhileBusy(() => RequestNumberClaimant.create({ _id: claimant.id, requestNumber: candidate }));
      } catch (error) {
        // The same submission, sent in parallel to another API process, was numbered first: one number.
        if (!isDuplicateKey(error)) throw error;
        return (await recorded())!;
      }
      return candidate;
    }
    throw new Error(`no free request number for ${prefix} after ${MAX_ATTEMPTS} attempts`);
  });
}

/** Makes the number this claimant's; false when another holds it already. */
async function claim(candidate: string, claimedBy: string, nowMs: number): Promise<boolean> {
  try {
    await retryWhileBusy(() => RequestNumberClaim.create({ _id: candidate, claimedBy, claimedAt: new Date(nowMs) }));
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}
