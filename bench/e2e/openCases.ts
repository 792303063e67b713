// (c) K open cases waiting at their first step (submitted by several clients, with progress), then
// the inbox and the list timed one call after another, and the worker's and the API's memory.
import { performance } from 'node:perf_hooks';
import type { ApiCall } from './http';
import { submitCase, Tokens } from './cirebonCase';
import { Latencies, pool } from './stats';

export interface OpenCaseFigures {
  open: number;
  submitSeconds: number;
  waitingSeconds: number;
}

export async function openCases(call: ApiCall, tokens: Tokens, k: number, clients: number, runId: string, log: (line: string) => void): Promise<OpenCaseFigures> {
  const started = performance.now();
  let done = 0;
  let failed = 0;
  const progress = setInterval(() => log(`  open cases: ${done}/${k} submitted${failed ? `, ${failed} failed` : ''}, ${((performance.now() - started) / 1000).toFixed(0)} s`), 15_000);
  try {
    await pool(k, clients, async (i) => {
      if (!(await submitCase(call, tokens, `${runId}-open-${i}`, 100_000 + i))) failed += 1;
      done += 1;
    });
  } finally {
    clearInterval(progress);
  }
  const submitSeconds = (performance.now() - started) / 1000;
  log(`  open cases: ${done - failed}/${k} submitted in ${submitSeconds.toFixed(0)} s; waiting until each waits for Kabid...`);

  const waitStarted = performance.now();
  // Every submitted case reaches its first step; stop waiting once nothing moved for two minutes.
  let open = 0;
  let lastMove = Date.now();
  for (let attempt = 0; attempt < 3600 && Date.now() - lastMove < 120_000; attempt += 1) {
    const inbox = await call('GET', '/inbox?pageSize=1', 'GET /inbox (waiting)', { token: tokens.kabid! });
    const now = inbox.body?.total ?? 0;
    if (now !== open) lastMove = Date.now();
    open = now;
    if (open >= done - failed) break;
    if (attempt % 30 === 0) log(`  open cases: ${open} waiting for Kabid`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (open < done - failed) log(`  open cases: only ${open} of ${done - failed} reached their first step`);
  return { open, submitSeconds, waitingSeconds: (performance.now() - waitStarted) / 1000 };
}

/** Times `calls` reads of Kabid's inbox (first page) and of the list (first page), one after another. */
export async function timeReads(call: ApiCall, tokens: Tokens, latencies: Latencies, calls: number): Promise<void> {
  for (let i = 0; i < calls; i += 1) {
    await call('GET', '/inbox', 'GET /inbox', { token: tokens.kabid! });
    await call('GET', `/requests?page=${1 + (i % 5)}&pageSize=20`, 'GET /requests', { token: tokens.admin! });
  }
}
