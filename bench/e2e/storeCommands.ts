// What the cases cost the store: the worker's and the API's database commands (counted by each
// process, shared/db/commandCounts.ts), read before and after a phase and divided by its cases.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COUNTS_DIR_ENV } from '../../shared/db/commandCounts';

type Counts = Record<string, number>;
const WRITES = /^(insert|update|delete|findAndModify) /;

export interface StoreCommandCounter {
  /** The commands counted so far, summed over the processes. */
  read(): Counts;
  /** Removes the counts' directory, once the processes that write it have stopped. */
  remove(): void;
}

/** Asks the stack's processes (started after this call) to count their commands. */
export function countStoreCommands(): StoreCommandCounter {
  const dir = mkdtempSync(join(tmpdir(), 'kolokasi-db-counts-'));
  process.env[COUNTS_DIR_ENV] = dir;
  return {
    read() {
      const total: Counts = {};
      for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
        for (const [key, n] of Object.entries(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Counts)) total[key] = (total[key] ?? 0) + n;
      }
      return total;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface StoreFigures {
  readsPerCase: number;
  writesPerCase: number;
  /** The collections written most, with writes per case. */
  topWrites: [string, number][];
  /** The collections read most, with reads per case. */
  topReads: [string, number][];
}

export function storeFigures(before: Counts, after: Counts, cases: number): StoreFigures {
  const delta = Object.entries(after)
    .map(([key, n]): [string, number] => [key, n - (before[key] ?? 0)])
    .filter(([key, n]) => n > 0 && !/^(hello|ping|isMaster|ismaster|endSessions|buildInfo)\b/i.test(key));
  const writes = delta.filter(([key]) => WRITES.test(key));
  const reads = delta.filter(([key]) => !WRITES.test(key));
  const sum = (rows: [string, number][]): number => rows.reduce((a, [, n]) => a + n, 0);
  const top = (rows: [string, number][]): [string, number][] => rows.sort((a, b) => b[1] - a[1]).slice(0, 6).map(([key, n]) => [key, n / cases]);
  return { readsPerCase: sum(reads) / cases, writesPerCase: sum(writes) / cases, topWrites: top(writes), topReads: top(reads) };
}
