// The person behind a credential: deactivating a user ends their sessions and tokens at once, and a
// changed role or unit counts from the next call. What was read is remembered for a few seconds
// and forgotten the moment this API changes the user (recentlyRead.ts).
import { StoredUser, User, UserRole } from '../../shared/db/user';
import { RecentlyRead } from './recentlyRead';

export interface CallerUser {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  unitName?: string;
}


function callerUserOf(user: StoredUser): CallerUser {
  return { id: user._id, name: user.name, email: user.email, role: user.role as UserRole, unitName: user.unitName ?? undefined };
}

const recentUsers = new RecentlyRead<CallerUser>();

/** The user, if there is one by that id and it is active. */
export async function activeUser(userId: string): Promise<CallerUser | null> {
  return recentUsers.get(userId, async () => {
    const user = await User.findById(userId).lean<StoredUser>();
    return user?.active ? callerUserOf(user) : null;
  });
}

/** Called by whatever changes a user, so the next call reads the change. */
export function forgetUser(userId: string): void {
  recentUsers.forget(userId);
}

/**
 * The active user with this address, or null (also when two share it: a sign-in must name one
 * person). Addresses are matched as stored and in lower case, the form the users API stores.
 * This reads the users collection by email, not by `_id`: it is small (one agency's people) and the
 * staff directory reads it the same way; sign-in links are rate limited per address.
 */
export async function activeUserWithEmail(address: string): Promise<CallerUser | null> {
  const trimmed = address.trim();
  const users = await User.find({ email: { $in: [...new Set([trimmed, trimmed.toLowerCase()])] }, active: true }).limit(2).lean<StoredUser[]>();
  return users.length === 1 ? callerUserOf(users[0]!) : null;
}
