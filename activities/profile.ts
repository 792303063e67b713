// A case's profile snapshot: the SOP profile as it is today plus the non-working dates of the years
// the case may run in. It is taken once at the start and lives in the workflow's history, so later
// edits of the profile never change a running case.
import type { ProfileSnapshot } from '../shared/profile/schema';
import { getProfile } from '../shared/profile/registry';
import { resolveNonWorkingDates } from './calendar';

export function createProfileActivities() {
  return {
    async loadProfileSnapshot(input: { profileId: string; years: number[] }): Promise<ProfileSnapshot> {
      const profile = getProfile(input.profileId);
      return { profile, nonWorkingDates: resolveNonWorkingDates(profile.calendar, input.years) };
    },
  };
}
