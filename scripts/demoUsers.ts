// `npm run demo-users -- --profile cirebon [--env]`: (re)creates one demo user per role the profile
// uses, plus an admin and an applicant of "Dinas Kesehatan", and prints an API token of each
// (api_tokens, named "demo"; shown only now: only their hashes are stored). Also seeds the demo
// capacity inventory where it is empty.
// With --env it prints `export TOKEN_<ROLE>=...` lines, for `eval "$(npm run -s demo-users -- --env)"`.
import { seedDemoInventory } from '../activities/capacityInventory';
import { issueApiToken } from '../api/apiTokens/apiTokens';
import { loadConfigOrExit } from '../shared/config';
import { ApiToken } from '../shared/db/apiToken';
import { connectMongo, disconnectMongo } from '../shared/db/connect';
import { User, UserRole } from '../shared/db/user';
import { getProfile, UnknownProfileError } from '../shared/profile/registry';
import type { Profile } from '../shared/profile/schema';

export const DEMO_APPLICANT_UNIT = 'Dinas Kesehatan';
const DEMO_ID_PREFIX = 'demo-';
export const DEMO_TOKEN_NAME = 'demo';
const DEMO_TOKEN_DAYS = 365;

export interface DemoUser {
  id: string;
  name: string;
  role: UserRole;
  email: string;
  unitName?: string;
  token: string;
}

/** TOKEN_KABID, TOKEN_DCSTAFF, ... */
export function tokenVariable(role: UserRole): string {
  return `TOKEN_${role.toUpperCase()}`;
}

function demoUsersFor(profile: Profile): Omit<DemoUser, 'token'>[] {
  const staff = Object.entries(profile.roles)
    .filter(([role]) => role !== 'applicant')
    .map(([role, r]) => ({ id: `${DEMO_ID_PREFIX}${role}`, name: `Demo ${r?.title ?? role}`, role: role as UserRole, email: `${role.toLowerCase()}@kominfo.example.go.id` }));
  return [
    { id: `${DEMO_ID_PREFIX}applicant`, name: `Demo Pemohon ${DEMO_APPLICANT_UNIT}`, role: 'applicant', email: 'dinkes@opd.example.go.id', unitName: DEMO_APPLICANT_UNIT },
    ...staff,
    { id: `${DEMO_ID_PREFIX}admin`, name: 'Demo Admin Kolokasi', role: 'admin', email: 'admin@kominfo.example.go.id' },
  ];
}

/**
 * Replaces every demo user (also those of roles a previously chosen profile used) and their API
 * tokens with fresh ones. Users that are not demo users are left alone.
 */
export async function createDemoUsers(profile: Profile): Promise<DemoUser[]> {
  const prefix = { $regex: `^${DEMO_ID_PREFIX}` };
  await ApiToken.deleteMany({ userId: prefix });
  await User.deleteMany({ _id: prefix });
  const users: DemoUser[] = [];
  for (const u of demoUsersFor(profile)) {
    await User.create({ _id: u.id, name: u.name, email: u.email, role: u.role, unitName: u.unitName, active: true, createdAt: new Date() });
    const { token } = await issueApiToken({ userId: u.id, name: DEMO_TOKEN_NAME, expiresInDays: DEMO_TOKEN_DAYS });
    users.push({ ...u, token });
  }
  return users;
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const config = loadConfigOrExit();
  const profileId = argValue(args, '--profile') ?? config.KOLOKASI_PROFILE;
  let profile: Profile;
  try {
    profile = getProfile(profileId);
  } catch (error) {
    if (!(error instanceof UnknownProfileError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
  const asEnv = args.includes('--env');
  // Like `npm start`: without MONGODB_URI, the FerretDB it started listens on MONGODB_PORT.
  await connectMongo(process.env.MONGODB_URI ? config.MONGODB_URI : `mongodb://127.0.0.1:${config.MONGODB_PORT}/kolokasi`);
  try {
    const users = await createDemoUsers(profile);
    const seeded = await seedDemoInventory();
    if (asEnv) {
      for (const u of users) console.log(`export ${tokenVariable(u.role)}='${u.token}'`);
      return;
    }
    console.log(`Demo users for the "${profile.id}" profile (${profile.agency.name}). Tokens are shown only now.\n`);
    const width = Math.max(...users.map((u) => u.name.length));
    for (const u of users) console.log(`  ${u.name.padEnd(width)}  ${u.role.padEnd(15)}  ${u.token}`);
    console.log(`\nApplicant unit: ${DEMO_APPLICANT_UNIT}. Capacity inventory: ${seeded ? 'demo racks, pools and IP addresses seeded' : 'already present, left as it is'}.`);
    console.log('For shell variables (TOKEN_KABID, ...): eval "$(npm run --silent demo-users -- --profile ' + profile.id + ' --env)"');
    console.log('Note: new requests follow KOLOKASI_PROFILE of the running API (default cirebon).');
  } finally {
    await disconnectMongo();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error('[demo-users] failed:', error);
    process.exit(1);
  });
}
