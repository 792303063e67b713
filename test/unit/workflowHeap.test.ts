// The worker limits the heap of the thread its workflows run in (worker/workflowHeap.ts): a thread
// started after the call gets the limit, the main thread keeps its own. Run in a child process, so
// the flag does not reach the threads of the tests that share this one.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

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
