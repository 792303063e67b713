// Passwordless sign-in: a one-time link to the user's address. The link's token is random and only
// its hash is stored; spending it inserts that hash into sign_in_links_used, so of two racing uses
// exactly one opens a session.
import { SignInLink } from '../../shared/db/signInLink';
import { isDuplicateKey } from '../../shared/db/duplicateKey';
import { UsedSignInLink } from '../../shared/db/usedSignInLink';
import type { ApiDeps } from '../deps';
import { hashToken, MAX_TOKEN_LENGTH, newToken } from '../tokens';
import { activeUser, activeUserWithEmail, CallerUser } from '../users/activeUser';
import { claimLinkQuota } from './linkQuota';
import { signInEmail, signInLinkUrl } from './signInEmail';

export const LINK_MINUTES = 15;

export type LinkOutcome = 'sent' | 'noSuchUser' | 'throttled';

/** Emails a sign-in link to the active user with this address, if there is one and its quota allows. */
export async function emailSignInLink(deps: ApiDeps & { publicUrl: string }, address: string, now = new Date()): Promise<LinkOutcome> {
  const user = await activeUserWithEmail(address);
  if (!user) return 'noSuchUser';
  if (!(await claimLinkQuota(address, now))) return 'throttled';
  const token = newToken();
  const id = hashToken(token);
  await SignInLink.create({ _id: id, userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + LINK_MINUTES * 60_000) });
  await deps.mailer.send(signInEmail({ to: user.email, name: user.name, link: signInLinkUrl(deps.publicUrl, token), minutes: LINK_MINUTES, linkId: id.slice(0, 24) }));
  return 'sent';
}

/** Spends a link: the user it signs in, or null for an unknown, expired or already used link (or an inactive user). */
export async function spendSignInLink(token: string, now = new Date()): Promise<CallerUser | null> {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const id = hashToken(token);
  const link = await SignInLink.findById(id).lean();
  if (!link || link.expiresAt <= now) return null;
  try {
    await UsedSignInLink.create({ _id: id, usedAt: now, expiresAt: link.expiresAt });
  } catch (error) {
    if (isDuplicateKey(error)) return null;
    throw error;
  }
  return activeUser(link.userId);
}
