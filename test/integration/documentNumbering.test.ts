// Document numbers on the real FerretDB, which neither makes a counter's $inc atomic nor stays calm
// when writers contend (SQLITE_BUSY): many documents numbered at once, in this process and in three
// others, get 1..N with no gap and no repeat, and every retry of a document, in any process, gets
// that document's number back.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { claimDocumentNumber } from '../../activities/documents/numbering';
import { connectMongo, disconnectMongo } from '../../shared/db/connect';
import { DocumentNumberSlot } from '../../shared/db/documentNumber';

const run = promisify(execFile);
const uri = () => process.env.MONGODB_URI!.replace(/\/kolokasi$/, '/kolokasi_document_numbers');

beforeAll(async () => {
  await connectMongo(uri());
});
afterAll(disconnectMongo);

function inOtherProcess(scope: string, ids: string[]): Promise<Record<string, number>> {
  const tsx = path.resolve(__dirname, '../../node_modules/.bin/tsx');
  return run(tsx, [path.join(__dirname, 'support/claimDocumentNumbers.ts'), uri(), scope, ...ids], { timeout: 90_000 }).then(({ stdout }) => JSON.parse(stdout) as Record<string, number>);
}

test('parallel issuances across processes are numbered 1..N without gap or repeat, and retries get the same number', async () => {
  const scope = `test-${randomUUID().slice(0, 8)}/2026`;
  const local = Array.from({ length: 24 }, (_, i) => `LOCAL-${i}.bast`);
  const shared = Array.from({ length: 4 }, (_, i) => `SHARED-${i}.form-persetujuan`);
  const remote = (p: number) => Array.from({ length: 8 }, (_, i) => `P${p}-${i}.surat-balasan`);

  const [here, ...there] = await Promise.all([
    Promise.all([...local, ...shared, ...local.slice(0, 6)].map(async (id) => [id, await claimDocumentNumber(scope, id)] as const)),
    // Each process also retries the documents every other process is numbering.
    ...[1, 2, 3].map((p) => inOtherProcess(scope, [...remote(p), ...shared])),
  ]);

  const claims: (readonly [string, number])[] = [...here!, ...there.flatMap((r) => Object.entries(r))];
  const byId = new Map<string, Set<number>>();
  for (const [id, n] of claims) byId.set(id, (byId.get(id) ?? new Set()).add(n));
  // One number per document, however many times and wherever it was asked.
  for (const [id, numbers] of byId) expect([id, [...numbers]]).toEqual([id, [expect.any(Number)]]);

  const distinct = [...byId.keys()];
  expect(distinct).toHaveLength(local.length + shared.length + 3 * 8);
  const numbers = [...byId.values()].map((s) => [...s][0]!).sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: distinct.length }, (_, i) => i + 1));

  // Asked again later, each document still has its number, and no slot was taken beyond N.
  for (const id of [local[3]!, shared[1]!, remote(2)[5]!]) expect(await claimDocumentNumber(scope, id)).toBe([...byId.get(id)!][0]);
  expect(await DocumentNumberSlot.countDocuments({ _id: { $regex: `^${scope}/` } })).toBe(distinct.length);
});

test('a new year starts again at 1, beside the old one', async () => {
  const agency = `test-${randomUUID().slice(0, 8)}`;
  expect(await claimDocumentNumber(`${agency}/2026`, 'A-1.bast')).toBe(1);
  expect(await claimDocumentNumber(`${agency}/2026`, 'A-2.bast')).toBe(2);
  expect(await claimDocumentNumber(`${agency}/2027`, 'A-3.bast')).toBe(1);
});
