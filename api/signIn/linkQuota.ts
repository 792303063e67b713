// At most a few sign-in links per address per quarter hour, so nobody can bury a person's inbox
// under links by asking for them again and again. Each link claims a numbered slot of the current
// window by inserting it: the one atomic write on FerretDB, so racing requests cannot overshoot.
// Windows are fixed, so across a window's edge an address can get twice the quota in 15 minutes.
import { SignInQuota } from '../../shared/db/signInQuota';
import { isDuplicateKey } from '../../shared/db/duplicateKey';
import { hashToken } from '../tokens';

export const LINKS_PER_WINDOW = 5;
export const QUOTA_WINDOW_MS = 15 * 60_000;

/** Claims one of the address's links for this window; false when all are taken. */
export async function claimLinkQuota(address: string, now = new Date()): Promise<boolean> {
  const window = Math.floor(now.getTime() / QUOTA_WINDOW_MS);
  // Hashed: the quota rows need not say who asked for links.
  const who = hashToken(address.trim().toLowerCase());
  const expiresAt = new Date((window + 1) * QUOTA_WINDOW_MS);
  for (let slot = 1; slot <= LINKS_PER_WINDOW; slot++) {
    try {
      await SignInQuota.create({ _id: `${window}:${slot}:${who}`, createdAt: now, expiresAt });
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  return false;
}
