// The kop surat from the profile: the government the agency belongs to (the first part of its
// region: "Kabupaten Cirebon, Provinsi Jawa Barat" → PEMERINTAH KABUPATEN CIREBON), the agency, and
// its address lines where the profile has them.
import type { Profile } from '../profile/schema';
import type { Letterhead } from './content';

export function letterheadOf(profile: Pick<Profile, 'agency'>): Letterhead {
  const government = profile.agency.region.split(',')[0]!.trim();
  return {
    government: `PEMERINTAH ${government}`.toUpperCase(),
    agency: profile.agency.name.toUpperCase(),
    address: profile.agency.address ?? [profile.agency.region],
  };
}

/** The city a document is signed in; without one in the profile, the region's own name. */
export function placeOf(profile: Pick<Profile, 'agency'>): string {
  return profile.agency.city ?? profile.agency.region.split(',')[0]!.replace(/^(Kabupaten|Kota|Provinsi)\s+/i, '').trim();
}
