// Request numbers: profile code, year in the agency's time zone, and a sequence per code and year,
// e.g. CRB-2026-0001.
import type { IndonesianTimeZone, Profile } from '../../shared/profile/schema';
import { Counter } from '../../shared/db/counter';
import { RequestNumberClaim } from '../../shared/db/requestNumberClaim';
import { UTC_OFFSET_MINUTES } from '../../shared/workingTime';
import { isDuplicateKey } from '../../shared/db/duplicateKey';

const MAX_ATTEMPTS = 50;

export function yearIn(timeZone: IndonesianTimeZone, nowMs: number): number {
  return new Date(nowMs + UTC_OFFSET_MINUTES[timeZone] * 60_000).getUTCFullYear();
}

export function formatRequestNumber(code: string, year: number, seq: number): string {
  return `${code}-${year}-${String(seq).padStart(4, '0')}`;
}

/**
 * The next free number. The counter gives a candidate; the claim insert makes it this caller's alone.
 * Should two callers get the same candidate, the loser's insert fails and it simply takes the next.
 * `isFree` can veto a claimed number that is taken elsewhere (a case that already has its workflow
 * id, e.g. after the database was restored from an older backup): it is skipped, never reused.
 */
export async function allocateRequestNumber(profile: Profile, claimedBy: string, isFree: (requestNumber: string) => Promise<boolean> = async () => true, nowMs = Date.now()): Promise<string> {
  const prefix = `${profile.code}-${yearIn(profile.timeZone, nowMs)}`;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    // No projection: FerretDB 1.24 does not support one in findOneAndUpdate.
    const counter = await Counter.findOneAndUpdate({ _id: prefix }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }).lean();
    const candidate = formatRequestNumber(profile.code, yearIn(profile.timeZone, nowMs), counter!.seq);
    try {
      await RequestNumberClaim.create({ _id: candidate, claimedBy, claimedAt: new Date(nowMs) });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      continue;
    }
    if (await isFree(candidate)) return candidate;
  }
  throw new Error(`no free request number for ${prefix} after ${MAX_ATTEMPTS} attempts`);
}
