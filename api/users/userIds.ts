// A new user's id, readable in logs and in the records of their decisions: from the name when the
// admin gives none ("Siti Rahmawati" → "siti-rahmawati", then "siti-rahmawati-2", ...). Taking an id
// is inserting the user with it, so two admins adding namesakes at once still get two ids.
import { isDuplicateKey } from '../../shared/db/duplicateKey';

export const USER_ID_PATTERN = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;
const MAX_BASE_LENGTH = 48;
const MAX_TRIES = 50;

export function idFromName(name: string): string {
  const base = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_BASE_LENGTH)
    .replace(/^-+|-+$/g, '');
  return base || 'pengguna';
}

/** Runs `insert` with the name's id, then with "-2", "-3", ... while the id is taken; answers the id used. */
export async function insertWithIdFromName(name: string, insert: (id: string) => Promise<void>): Promise<string> {
  const base = idFromName(name);
  for (let n = 1; n <= MAX_TRIES; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    try {
      await insert(id);
      return id;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  throw new Error(`no free user id from "${base}" after ${MAX_TRIES} tries`);
}
