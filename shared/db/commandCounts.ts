// What a process asks of the store, counted by command and collection when KOLOKASI_DB_COUNTS_DIR
// names a directory: the end-to-end benchmark reads the counts to show what a case costs the store
// (bench/e2e/storeCommands.ts). Off unless asked, since monitoring every command has a price.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MongoClient } from 'mongodb';

export const COUNTS_DIR_ENV = 'KOLOKASI_DB_COUNTS_DIR';
const WRITE_EVERY_MS = 500;

export function countsDir(): string | undefined {
  return process.env[COUNTS_DIR_ENV] || undefined;
}

/** Keeps `<dir>/<pid>.json` current with `{ "insert outbox": n, ... }`. */
export function countCommands(client: MongoClient, dir: string): void {
  const counts: Record<string, number> = {};
  client.on('commandStarted', (event) => {
    const target = event.command[event.commandName] as unknown;
    const key = `${event.commandName} ${typeof target === 'string' ? target : ''}`.trim();
    counts[key] = (counts[key] ?? 0) + 1;
  });
  // Written aside and renamed, so the benchmark never reads a file half written.
  const file = join(dir, `${process.pid}.json`);
  setInterval(() => {
    writeFileSync(`${file}.tmp`, JSON.stringify(counts));
    renameSync(`${file}.tmp`, file);
  }, WRITE_EVERY_MS).unref();
}
