// FerretDB has no TTL indexes: what sign-in leaves behind (links, their claims, quota slots, logins
// at the provider, sessions) is deleted once it can no longer be used, by the API every hour.
import { OidcLogin } from '../../shared/db/oidcLogin';
import { Session } from '../../shared/db/session';
import { SignInLink } from '../../shared/db/signInLink';
import { SignInQuota } from '../../shared/db/signInQuota';
import { UsedSignInLink } from '../../shared/db/usedSignInLink';

export const SWEEP_EVERY_MS = 3_600_000;

export async function sweepSignIns(now = new Date()): Promise<void> {
  const over = { expiresAt: { $lt: now } };
  // A link's claim goes with the link: past its expiry the link is refused without it.
  for (const model of [SignInLink, UsedSignInLink, SignInQuota, OidcLogin, Session] as const) {
    await (model as typeof Session).deleteMany(over);
  }
}

/** Sweeps now and then every hour, logging (not throwing) a failed sweep; stop() ends it. */
export function startSignInSweeper(log: (message: string, error: unknown) => void): { stop(): void } {
  const sweep = (): void => void sweepSignIns().catch((error: unknown) => log('[api] sweeping expired sign-ins failed:', error));
  sweep();
  const timer = setInterval(sweep, SWEEP_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
