// Where the workflow emails a role: the addresses of its active staff, read once for a whole batch.
import { User, type UserRole } from '../../shared/db/user';

export type StaffDirectory = Map<string, string[]>;

/** The active staff of these roles, by role, in one query. */
export async function staffDirectory(roles: readonly UserRole[]): Promise<StaffDirectory> {
  const wanted = [...new Set(roles)];
  const staff = wanted.length ? await User.find({ role: { $in: wanted }, active: true }, { email: 1, role: 1 }).lean() : [];
  const directory: StaffDirectory = new Map();
  for (const user of staff) directory.set(user.role, [...(directory.get(user.role) ?? []), user.email]);
  return directory;
}

/** The active staff of these roles, sorted, each address once. */
export async function staffAddresses(roles: readonly UserRole[]): Promise<string[]> {
  return addressesIn(await staffDirectory(roles), roles);
}

/** The addresses of these roles (and any extra ones), sorted, each once. */
export function addressesIn(directory: StaffDirectory, roles: readonly UserRole[], extra: readonly string[] = []): string[] {
  return [...new Set([...extra, ...roles.flatMap((role) => directory.get(role) ?? [])])].sort();
}
