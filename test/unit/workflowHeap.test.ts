// The worker limits the heap of the thread its workflows run in (worker/workflowHeap.ts): a thread
// started after the call gets the limit, the main thread keeps its own, which the worker's launchers
// set (scripts/stack.ts, npm run worker, docker-compose.yml). Run in a child process, so
// the flag does not reach the threads of the tests that share this one.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { WORKER_MAIN_HEAP_MB, WORKER_PROCESS_ENV, withWorkerHeapLimit } from '../../scripts/stack';

const probe = `
const { Worker } = require('node:worker_threads');
const v8 = require('node:v8');
const mainBefore = v8.getHeapStatistics().heap_size_limit;
require(${JSON.stringify(resolve(__dirname, '../../worker/workflowHeap.ts'))}).limitWorkflowThreadHeap(192);
const thread = new Worker("require('node:worker_threads').parentPort.postMessage(require('node:v8').getHeapStatistics().heap_size_limit)", { eval: true });
thread.once('message', (limit) => { console.log(JSON.stringify({ thread: limit, mainBefore, mainAfter: v8.getHeapStatistics().heap_size_limit })); thread.terminate(); });
`;

test('a thread started after the limit is set gets an old space of that size; the main thread keeps its own', () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', probe], { cwd: resolve(__dirname, '../..'), encoding: 'utf8' });
  const { thread, mainBefore, mainAfter } = JSON.parse(out.trim().split('\n').pop()!) as { thread: number; mainBefore: number; mainAfter: number };
  const MiB = 1024 * 1024;
  // The limit V8 reports adds the young generation (a few tens of MiB) to the old space.
  expect(thread / MiB).toBeGreaterThanOrEqual(192);
  expect(thread / MiB).toBeLessThan(192 + 64);
  expect(mainAfter).toBe(mainBefore);
});

test('the worker main thread gets its own heap limit wherever it is started, and an operator-set limit is kept', () => {
  const MiB = 1024 * 1024;
  const limit = execFileSync(process.execPath, ['-e', "console.log(require('node:v8').getHeapStatistics().heap_size_limit)"], {
    env: { ...process.env, ...WORKER_PROCESS_ENV },
    encoding: 'utf8',
  });
  expect(Number(limit) / MiB).toBeGreaterThanOrEqual(WORKER_MAIN_HEAP_MB);
  expect(Number(limit) / MiB).toBeLessThan(WORKER_MAIN_HEAP_MB + 64);

  const flag = `--max-old-space-size=${WORKER_MAIN_HEAP_MB}`;
  const scripts = (JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  expect(scripts.worker).toContain(flag);
  const compose = parse(readFileSync(resolve(__dirname, '../../docker-compose.yml'), 'utf8')) as { services: { worker: { command: string[] } } };
  expect(compose.services.worker.command).toContain(flag);

  expect(withWorkerHeapLimit('--max-old-space-size=1024 --trace-warnings')).toBe('--max-old-space-size=1024 --trace-warnings');
  expect(withWorkerHeapLimit('--trace-warnings')).toBe(`--trace-warnings ${flag}`);
});
