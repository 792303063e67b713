import { KeyedMutex } from '../../shared/keyedMutex';
import { isBusy, retryWhileBusy } from '../../shared/db/busyRetry';

test('callers with one key run one at a time in arrival order; other keys run alongside', async () => {
  const mutex = new KeyedMutex();
  const events: string[] = [];
  const work = (key: string, name: string, ms: number) =>
    mutex.run(key, async () => {
      events.push(`${name} in`);
      await new Promise((r) => setTimeout(r, ms));
      events.push(`${name} out`);
      return name;
    });
  const results = await Promise.all([work('a', 'a1', 30), work('a', 'a2', 5), work('b', 'b1', 5)]);
  expect(results).toEqual(['a1', 'a2', 'b1']);
  expect(events.indexOf('a2 in')).toBeGreaterThan(events.indexOf('a1 out'));
  expect(events.indexOf('b1 in')).toBeLessThan(events.indexOf('a1 out'));
});

test('a failing caller does not block the next one', async () => {
  const mutex = new KeyedMutex();
  await expect(mutex.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  expect(await mutex.run('k', async () => 'next')).toBe('next');
});

test('SQLITE_BUSY is retried until the store accepts; other errors are not', async () => {
  let calls = 0;
  const busy = new Error('database is locked (5) (SQLITE_BUSY)');
  expect(isBusy(busy)).toBe(true);
  expect(await retryWhileBusy(async () => (++calls < 3 ? Promise.reject(busy) : 'written'), { firstDelayMs: 1 })).toBe('written');
  expect(calls).toBe(3);
  calls = 0;
  await expect(retryWhileBusy(async () => (++calls, Promise.reject(new Error('E11000 duplicate key'))), { firstDelayMs: 1 })).rejects.toThrow('E11000');
  expect(calls).toBe(1);
  await expect(retryWhileBusy(async () => Promise.reject(busy), { attempts: 2, firstDelayMs: 1 })).rejects.toThrow('SQLITE_BUSY');
});
