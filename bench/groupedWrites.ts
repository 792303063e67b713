// `npx tsx bench/groupedWrites.ts`: what a write costs FerretDB and its client when it goes alone
// and when it goes in a group (shared/db/groupedWrites.ts), for documents of the sizes a case
// writes. Each row is CPU time per write: FerretDB's, read from /proc, and this process's. Printed,
// never asserted: compare runs.
import { MongoClient, type Collection, type Document } from 'mongodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startFerretDB } from '../scripts/stack';
import { provisionFerretDB } from '../scripts/tools';
import { cpuSeconds } from './e2e/stack';
import { pool } from './e2e/stats';

const WRITES = 1000;
const CLIENTS = 10;
const GROUP = 10;

const inClients = (count: number, each: (i: number) => Promise<unknown>): Promise<void> => pool(count, CLIENTS, async (i) => void (await each(i)));

async function measure(label: string, storePid: number, run: () => Promise<void>): Promise<void> {
  const store = cpuSeconds(storePid);
  const client = process.cpuUsage();
  await run();
  const used = process.cpuUsage(client);
  console.log(`${label.padEnd(44)} FerretDB ${((1000 * (cpuSeconds(storePid) - store)) / WRITES).toFixed(2)} ms, client ${((used.user + used.system) / 1000 / WRITES).toFixed(2)} ms per write`);
}

const ids = (prefix: string, from: number, n: number): string[] => Array.from({ length: n }, (_, j) => `${prefix}${from + j}`);

async function rows(collection: (name: string) => Collection<Document>, pid: number, bytes: number): Promise<void> {
  const body = 'x'.repeat(bytes);
  await measure(`insert, one per command (${bytes} B)`, pid, () => inClients(WRITES, (i) => collection(`alone${bytes}`).insertOne({ _id: `a${i}` as never, body })));
  await measure(`insert, ${GROUP} per command`, pid, () =>
    inClients(WRITES / GROUP, (i) => collection(`grouped${bytes}`).insertMany(ids('g', i * GROUP, GROUP).map((_id) => ({ _id: _id as never, body })))));
  await measure(`update by _id, one per command`, pid, () => inClients(WRITES, (i) => collection(`alone${bytes}`).updateOne({ _id: `a${i}` as never }, { $set: { n: i } })));
  await measure(`update by _id, ${GROUP} per command`, pid, () =>
    inClients(WRITES / GROUP, (i) => collection(`alone${bytes}`).bulkWrite(ids('a', i * GROUP, GROUP).map((_id) => ({ updateOne: { filter: { _id: _id as never }, update: { $set: { m: i } } } })), { ordered: false })));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kolokasi-bench-'));
  const port = await freePort();
  const store = await startFerretDB({ binary: await provisionFerretDB(), port, dataDir: join(dir, 'ferretdb'), logDir: dir });
  const client = await MongoClient.connect(`mongodb://127.0.0.1:${port}/kolokasi_bench`);
  try {
    const db = client.db();
    await db.collection('warm-up').insertOne({});
    console.log(`${WRITES} writes by ${CLIENTS} concurrent clients, to FerretDB on SQLite`);
    for (const bytes of [500, 5_000]) await rows((name) => db.collection(name), store.process.pid!, bytes);
  } finally {
    await client.close();
    await store.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
