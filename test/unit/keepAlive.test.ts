// The restart policy of `npm start`, on real short-lived child processes: pauses that double from the
// first, a log line per restart, back to the first pause once a process stayed up, and stop() for good.
import { keepAlive, launch } from '../../scripts/stack';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const logDir = mkdtempSync(join(tmpdir(), 'kolokasi-keepalive-'));
const exitingAfter = (ms: number, code: number) => async () => launch('crashy', process.execPath, ['-e', `setTimeout(() => process.exit(${code}), ${ms})`], logDir).service;
const until = async (done: () => boolean): Promise<void> => {
  while (!done()) await new Promise((r) => setTimeout(r, 10));
};

test('a process that keeps dying is restarted with doubling pauses, up to the maximum, each with a log line', async () => {
  const lines: string[] = [];
  const kept = await keepAlive('crashy', exitingAfter(0, 3), { firstDelayMs: 20, maxDelayMs: 80, stableMs: 60_000, log: (l) => lines.push(l) });
  await until(() => kept.restarts >= 4);
  await kept.stop();
  expect(lines.filter((l) => l.includes('restarting')).slice(0, 4)).toEqual([
    '[kolokasi] crashy exited with code 3; restarting in 0.02 s (attempt 1)',
    '[kolokasi] crashy exited with code 3; restarting in 0.04 s (attempt 2)',
    '[kolokasi] crashy exited with code 3; restarting in 0.08 s (attempt 3)',
    '[kolokasi] crashy exited with code 3; restarting in 0.08 s (attempt 4)',
  ]);
  expect(lines).toContainEqual(expect.stringMatching(/^\[kolokasi\] crashy is running again \(pid \d+\)$/));
});

test('a process that stayed up long enough starts again from the first pause, and stop() ends it for good', async () => {
  const lines: string[] = [];
  const kept = await keepAlive('crashy', exitingAfter(150, 137), { firstDelayMs: 20, stableMs: 100, log: (l) => lines.push(l) });
  await until(() => kept.restarts >= 2);
  await kept.stop();
  const pid = kept.process.pid!;
  const restarting = lines.filter((l) => l.includes('restarting'));
  expect(restarting.slice(0, 2)).toEqual([
    '[kolokasi] crashy exited with code 137; restarting in 0.02 s (attempt 1)',
    '[kolokasi] crashy exited with code 137; restarting in 0.02 s (attempt 1)',
  ]);
  const count = lines.length;
  await new Promise((r) => setTimeout(r, 400));
  expect(lines.length).toBe(count);
  expect(() => process.kill(pid, 0)).toThrow();
});
