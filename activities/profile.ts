// A case's profile snapshot: the SOP profile as it is today plus the non-working dates of the years
// asked for. It is taken once at the start and lives in the workflow's history, so later edits of
// the profile never change a running case; later years come from loadWorkingYears.
import type { ProfileSnapshot } from '../shared/profile/schema';
import { getProfile } from '../shared/profile/registry';
import { loadWorkingYears } from './workingYears';

export function createProfileActivities() {
  return {
    async loadProfileSnapshot(input: { profileId: string; years: number[] }): Promise<ProfileSnapshot> {
      const profile = getProfile(input.profileId);
      const { nonWorkingDates, years, missing } = await loadWorkingYears(input);
      return { profile, nonWorkingDates, years, missingYears: missing };
    },
  };
}
