// What a placement needs of its agency's profile, read once when it starts (and carried across
// Continue-As-New), so a later edit of the profile never changes a running placement's timers.
import type { PlacementSettings } from '../../shared/contracts/placement';
import { getProfile } from '../../shared/profile/registry';
import { placementSettingsOf, type Role } from '../../shared/profile/schema';

export async function loadPlacementSettings(input: { profileId: string }): Promise<PlacementSettings> {
  const profile = getProfile(input.profileId);
  const settings = placementSettingsOf(profile);
  const withdrawal = profile.procedures.find((p) => p.request === 'withdrawal');
  // Those who take servers out hear of a term's end, with the approver of extensions.
  const removers = withdrawal?.activities.filter((a) => a.actions.some((x) => x.kind === 'removal')).map((a) => a.performer) ?? [];
  const staffRoles = [...new Set<Role>([settings.extensionApprover, ...removers])];
  return {
    agency: profile.agency.name,
    timeZone: profile.timeZone,
    workingStart: profile.calendar.workingHours.start,
    reminderLeadDays: settings.reminderLeadDays,
    extensionApprover: settings.extensionApprover,
    extensionApproverTitle: profile.roles[settings.extensionApprover]?.title ?? settings.extensionApprover,
    staffRoles,
    hasWithdrawalProcedure: !!withdrawal,
  };
}
