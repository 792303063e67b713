// The running number of a document within its agency and year, gap-free and never repeated, and
// the same number for the same document however often it is asked (a retried activity, a replayed
// commit). FerretDB neither makes `$inc` atomic nor stays calm under contention (SQLITE_BUSY), so
// a number is taken by inserting its slot on a unique _id, as request numbers are
// (api/cases/requestNumbers.ts); the counter is only a hint where to start looking (see takeSlot).
import { Counter } from '../../shared/db/counter';
import { DocumentNumberHolder, DocumentNumberSlot } from '../../shared/db/documentNumber';
import { isDuplicateKey } from '../../shared/db/duplicateKey';
import { retryWhileBusy } from '../../shared/db/busyRetry';
import { KeyedMutex } from '../../shared/keyedMutex';

/** How long a claimant waits for another attempt at the same document before taking over (a crashed worker). */
const TAKE_OVER_AFTER_MS = 20_000;
const MAX_PROBES = 10_000;

/** Within one process the claims of a scope take turns: they never race for the same slot. */
const turns = new KeyedMutex();
/**
 * The last number this process took in each scope: slots are never freed, so the next is above it
 * (a store restored under a running worker would leave a gap, never a repeat).
 */
const lastTaken = new Map<string, number>();
/** The shared hint is written every few numbers: a process starting from a lagging one probes past the difference. */
const HINT_EVERY = 8;

const slotId = (scope: string, seq: number) => `${scope}/${seq}`;
const hintId = (scope: string) => `document-numbers/${scope}`;

async function tryInsert(insert: () => Promise<unknown>): Promise<boolean> {
  try {
    await retryWhileBusy(insert);
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/**
 * The lowest free slot above the hint; the hint only ever lags behind the slots, never leads them.
 * A process starts from its own last number when it has one, and consults the shared hint once a
 * slot turns out taken: another process numbers in this scope too and may be far ahead.
 */
async function takeSlot(scope: string, documentId: string, now: Date): Promise<number> {
  const sharedHint = async (): Promise<number> => (await retryWhileBusy(() => Counter.findById(hintId(scope)).lean()))?.seq ?? 0;
  const own = lastTaken.get(scope);
  let consulted = own === undefined;
  let seq = (own ?? (await sharedHint())) + 1;
  for (let probes = 0; probes < MAX_PROBES; probes++, seq++) {
    if (await tryInsert(() => DocumentNumberSlot.create({ _id: slotId(scope, seq), documentId, claimedAt: now }))) {
      lastTaken.set(scope, seq);
      // Not atomic on FerretDB: a lost update leaves the hint lower, which costs probes, not numbers.
      if (seq % HINT_EVERY === 0) {
        await retryWhileBusy(() => Counter.updateOne({ _id: hintId(scope) }, { $max: { seq } }, { upsert: true })).catch((error: unknown) => {
          if (!isDuplicateKey(error)) throw error;
        });
      }
      return seq;
    }
    // The slot may be this document's own, from an attempt that died before recording it.
    const slot = await retryWhileBusy(() => DocumentNumberSlot.findById(slotId(scope, seq)).lean());
    if (slot?.documentId === documentId) return seq;
    if (!consulted) {
      consulted = true;
      seq = Math.max(seq, await sharedHint());
    }
  }
  throw new Error(`no free document number in ${scope} after ${MAX_PROBES} probes`);
}

async function waitForNumber(documentId: string): Promise<number | undefined> {
  const deadline = Date.now() + TAKE_OVER_AFTER_MS;
  while (Date.now() < deadline) {
    const holder = await retryWhileBusy(() => DocumentNumberHolder.findById(documentId).lean());
    if (holder?.seq) return holder.seq;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

/**
 * The document's running number in `scope` (`${profileId}/${year}`). The first call for a document
 * becomes its claimant by inserting its holder row, then takes the lowest free slot and records it;
 * any other call for it waits for that number.
 */
export async function claimDocumentNumber(scope: string, documentId: string, now = new Date()): Promise<number> {
  return turns.run(scope, async () => {
    const existing = await retryWhileBusy(() => DocumentNumberHolder.findById(documentId).lean());
    if (existing?.seq) return existing.seq;
    const claimant = !existing && (await tryInsert(() => DocumentNumberHolder.create({ _id: documentId, scope, claimedAt: now })));
    if (!claimant) {
      const seq = await waitForNumber(documentId);
      if (seq) return seq;
      // The claimant died without recording a number: this call takes its place, and its slot if
      // it had taken one (a query on a field FerretDB scans for, on this rare path only).
      const orphan = await retryWhileBusy(() => DocumentNumberSlot.findOne({ documentId }).lean());
      const orphanSeq = orphan && Number(orphan._id.split('/').at(-1));
      if (orphanSeq) {
        await retryWhileBusy(() => DocumentNumberHolder.updateOne({ _id: documentId }, { $set: { seq: orphanSeq } }));
        return orphanSeq;
      }
    }
    const seq = await takeSlot(scope, documentId, now);
    await retryWhileBusy(() => DocumentNumberHolder.updateOne({ _id: documentId }, { $set: { seq } }));
    return seq;
  });
}
