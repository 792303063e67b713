// The SOP profiles on disk: every profiles/*.json (subfolders such as profiles/calendar/ hold other
// data), each validated against profileSchema when first read and cached for the process's life.
// Uses fs, so workflow code must not import it: a case receives its profile as a snapshot.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Profile, profileSchema } from './schema';

export const profilesDir = path.resolve(__dirname, '../../profiles');

export class UnknownProfileError extends Error {
  constructor(
    readonly id: string,
    readonly knownIds: string[],
  ) {
    super(`Unknown SOP profile "${id}"; known profiles: ${knownIds.join(', ') || '(none)'}`);
    this.name = 'UnknownProfileError';
  }
}

/** A profile file that cannot be used: unreadable JSON, or not a valid profile. */
export class InvalidProfileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid SOP profile ${file}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'InvalidProfileError';
  }
}

/** Reads and validates one profile file; the id must match the file name. */
export function loadProfileFile(file: string): Profile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InvalidProfileError(file, [`not readable JSON: ${(error as Error).message}`]);
  }
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InvalidProfileError(
      file,
      parsed.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(profile)'}: ${issue.message}`),
    );
  }
  const expectedId = path.basename(file, '.json');
  if (parsed.data.id !== expectedId) {
    throw new InvalidProfileError(file, [`id: "${parsed.data.id}" must match the file name "${expectedId}"`]);
  }
  return parsed.data;
}

/** Loads every *.json directly in `dir` (not subfolders), keyed by id, in file-name order. */
export function loadProfilesFrom(dir: string): Map<string, Profile> {
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => entry.name)
    .sort();
  const profiles = new Map<string, Profile>();
  for (const name of files) {
    const profile = loadProfileFile(path.join(dir, name));
    profiles.set(profile.id, profile);
  }
  return profiles;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

let cache: Map<string, Profile> | undefined;

/** Cached and frozen: the profiles are shared, so a caller that wants a changed copy clones one. */
function profiles(): Map<string, Profile> {
  if (!cache) {
    cache = loadProfilesFrom(profilesDir);
    for (const profile of cache.values()) deepFreeze(profile);
  }
  return cache;
}

/** Every profile in profiles/, validated, in file-name (= id) order. */
export function listProfiles(): Profile[] {
  return [...profiles().values()];
}

export function getProfile(id: string): Profile {
  const profile = profiles().get(id);
  if (!profile) throw new UnknownProfileError(id, [...profiles().keys()]);
  return profile;
}
