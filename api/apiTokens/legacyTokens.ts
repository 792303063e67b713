// Before api_tokens each user had one bearer token, stored as users.tokenHash. At start the API moves
// every such hash into api_tokens (same hash, so the token keeps working; two years to run, like
// any token) and then removes it from the user. Safe to run again and again: a hash already moved
// is a duplicate `_id`, and a user without tokenHash has nothing to move.
import { ApiToken } from '../../shared/db/apiToken';
import { isDuplicateKey } from '../../shared/db/duplicateKey';
import { User } from '../../shared/db/user';
import { DAY_MS, MAX_TOKEN_DAYS, newPublicId } from './apiTokens';

export const LEGACY_TOKEN_NAME = 'token lama (sebelum api_tokens)';

/** Moves users.tokenHash into api_tokens; answers how many tokens were moved this time. */
export async function moveLegacyTokens(now = new Date()): Promise<number> {
  const holders = await User.find({ tokenHash: { $exists: true } }, { tokenHash: 1 }).lean();
  let moved = 0;
  for (const user of holders) {
    if (!user.tokenHash) continue;
    try {
      await ApiToken.create({ _id: user.tokenHash, publicId: newPublicId(), name: LEGACY_TOKEN_NAME, userId: user._id, createdAt: now, expiresAt: new Date(now.getTime() + MAX_TOKEN_DAYS * DAY_MS) });
      moved += 1;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  // The old unique index on tokenHash would count every user without one as a duplicate null (on
  // MongoDB): it goes before the field does.
  const indexes = await User.collection.indexes().catch(() => []);
  if (indexes.some((index) => index.name === 'tokenHash_1')) await User.collection.dropIndex('tokenHash_1');
  if (holders.length) await User.updateMany({ _id: { $in: holders.map((u) => u._id) } }, { $unset: { tokenHash: 1 } });
  return moved;
}
