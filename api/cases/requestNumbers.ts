// Request numbers: the procedure's prefix (agency code, then the procedure's code where it has one),
// the year in the agency's time zone, and a sequence per prefix and year: CRB-2026-0001, JTG-BU-2026-0001.
import type { IndonesianTimeZone } from '../../shared/profile/schema';
import { Counter } from '../../shared/db/counter';
import { RequestNumberClaim, RequestNumberClaimant } from '../../shared/db/requestNumberClaim';
import { UTC_OFFSET_MINUTES } from '../../shared/workingTime';
import { isDuplicateKey } from '../../shared/db/duplicateKey';
import { retryWhileBusy } from '../../shared/db/busyRetry';
import { KeyedMutex } from '../../shared/keyedMutex';

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

/**
 * The request number of one submission. `claimant` names the submission (who, and which Idempotency-Key
 * or a fresh id): a submission that already claimed a number gets that one back, so a retried or
 * parallel resend never burns a second number. Otherwise the counter gives a candidate and the
 * claim insert makes it this submission's alone; should another process have taken the candidate,
 * the insert fails and the next one is tried. `isFree` can veto a claimed number that is taken
 * elsewhere (a case that already has its workflow id, e.g. after the database was restored from an
 * older backup): it is skipped, never reused.
 */
export async function allocateRequestNumber(numbering: Numbering, claimant: string, isFree: (requestNumber: string) => Promise<boolean> = async () => true, nowMs = Date.now()): Promise<string> {
  const year = yearIn(numbering.timeZone, nowMs);
  const prefix = `${numbering.prefix}-${year}`;
  return allocations.run(prefix, async () => {
    const earlier = await retryWhileBusy(() => RequestNumberClaimant.findById(claimant).lean());
    if (earlier) return earlier.requestNumber;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // No projection: FerretDB 1.24 does not support one in findOneAndUpdate.
      const counter = await retryWhileBusy(() => Counter.findOneAndUpdate({ _id: prefix }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }).lean());
      const candidate = formatRequestNumber(numbering.prefix, year, counter!.seq);
      try {
        await retryWhileBusy(() => RequestNumberClaim.create({ _id: candidate, claimedBy: claimant, claimedAt: new Date(nowMs) }));
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        continue;
      }
      if (!(await isFree(candidate))) continue;
      try {
        await retryWhileBusy(() => RequestNumberClaimant.create({ _id: claimant, requestNumber: candidate }));
      } catch (error) {
        // The same submission, sent in parallel to another API process, was numbered first: one number.
        if (!isDuplicateKey(error)) throw error;
        return (await RequestNumberClaimant.findById(claimant).lean())!.requestNumber;
      }
      return candidate;
    }
    throw new Error(`no free request number for ${prefix} after ${MAX_ATTEMPTS} attempts`);
  });
}
