// A withdrawal's request number ("KTM-PC-2026-0001"): from the same counters as every request, claimed
// under the placement and the attempt, so a retried activity gets the number it already has.
import { numberPrefix } from '../../api/cases/procedures';
import { allocateRequestNumber } from '../../api/cases/requestNumbers';
import { getProfile } from '../../shared/profile/registry';

export async function allocateWithdrawalNumber(input: { profileId: string; placementNumber: string; attempt: number }): Promise<string> {
  const profile = getProfile(input.profileId);
  const procedure = profile.procedures.find((p) => p.request === 'withdrawal');
  if (!procedure) throw new Error(`profile ${profile.id} has no withdrawal procedure`);
  const claimant = { id: `placement:${input.placementNumber}:withdrawal:${input.attempt}`, resendable: true, mayHaveClaimed: true };
  return allocateRequestNumber({ prefix: numberPrefix(profile, procedure), timeZone: profile.timeZone }, claimant);
}
