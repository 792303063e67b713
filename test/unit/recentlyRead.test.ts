// A credential is remembered for a few seconds, but never past a change this API made: what a
// forgotten key reads next comes from the store, even when the read began before the change.
import { FRESH_MS, RecentlyRead } from '../../api/users/recentlyRead';

test('a value is read once while fresh, and read again once stale or forgotten', async () => {
  const cache = new RecentlyRead<string>();
  let reads = 0;
  const read = async () => `v${++reads}`;
  expect(await cache.get('k', read, 0)).toBe('v1');
  expect(await cache.get('k', read, FRESH_MS - 1)).toBe('v1');
  expect(await cache.get('k', read, FRESH_MS)).toBe('v2');
  cache.forget('k');
  expect(await cache.get('k', read, FRESH_MS + 1)).toBe('v3');
  expect(reads).toBe(3);
});

test('nothing found is not remembered', async () => {
  const cache = new RecentlyRead<string>();
  let reads = 0;
  const read = async () => (++reads, null);
  expect(await cache.get('k', read, 0)).toBeNull();
  expect(await cache.get('k', read, 1)).toBeNull();
  expect(reads).toBe(2);
});

test('a read that began before a change is not remembered, so the next call sees the change', async () => {
  const cache = new RecentlyRead<string>();
  let finish!: (value: string) => void;
  const slow = cache.get('k', () => new Promise<string>((resolve) => (finish = resolve)), 0);
  cache.forget('k'); // e.g. the token was revoked while the read was on its way
  finish('before the change');
  expect(await slow).toBe('before the change');
  expect(await cache.get('k', async () => 'after the change', 1)).toBe('after the change');
});
