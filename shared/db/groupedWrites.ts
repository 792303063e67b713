// Group commit for the writes every case makes at each of its steps (audit, read model, outbox):
// a write to a collection that arrives while this process's previous write of the same kind to it
// is on its way waits for that one, then goes with every other write that waited in one command.
// At low load a write goes at once; under load, the cases waiting together cost one round trip,
// one command for FerretDB to parse, and for inserts one SQLite transaction, instead of one each
// (bench/groupedWrites.ts prints what that saves).
//
// The writes go to the driver directly, past mongoose's documents, casting and validation: callers
// here hand over the shapes as stored. `ignoreUndefined` keeps what mongoose did for an absent
// optional field: it is left out, not stored as null.
import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';
import { isDuplicateKey } from './duplicateKey';

/** One command's worth: at most this many writes go together (FerretDB inserts 100 per transaction). */
const MAX_GROUP = 100;
const OPTIONS = { ordered: false, ignoreUndefined: true } as const;

interface Waiting<Op, Result> {
  op: Op;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

/**
 * Sends ops one group at a time: `sendGroup` for a group, and `sendAlone` for each op of a group
 * that failed, so that a failure (a busy store, a duplicate) answers only the write it concerns.
 */
function groupedSender<Op, Result>(sendGroup: (ops: Op[]) => Promise<Result[]>, sendAlone: (op: Op) => Promise<Result>): (op: Op) => Promise<Result> {
  const queue: Waiting<Op, Result>[] = [];
  let sending = false;

  async function drain(): Promise<void> {
    sending = true;
    while (queue.length) {
      const group = queue.splice(0, MAX_GROUP);
      try {
        const results = group.length === 1 ? [await sendAlone(group[0]!.op)] : await sendGroup(group.map((w) => w.op));
        group.forEach((w, i) => w.resolve(results[i]!));
      } catch (error) {
        if (group.length === 1) group[0]!.reject(error);
        // Alone, each write answers for itself; they are all idempotent, so one already applied by
        // the group is applied again to the same effect.
        else await Promise.all(group.map((w) => sendAlone(w.op).then(w.resolve, w.reject)));
      }
    }
    sending = false;
  }

  return (op) =>
    new Promise<Result>((resolve, reject) => {
      queue.push({ op, resolve, reject });
      if (!sending) void drain();
    });
}

/**
 * One queue per collection name and kind of write: a process works on one database, and a caller's
 * handle may be a new object each time. Each op carries its handle; a group goes through its first.
 */
function sendersByName<Op, Result>(make: () => (op: Op) => Promise<Result>): (name: string) => (op: Op) => Promise<Result> {
  const senders = new Map<string, (op: Op) => Promise<Result>>();
  return (name) => {
    let send = senders.get(name);
    if (!send) senders.set(name, (send = make()));
    return send;
  };
}

export type InsertOutcome = 'inserted' | 'duplicate';

interface Insert {
  collection: Collection;
  doc: Document;
}

const inserterOf = sendersByName(() =>
  groupedSender<Insert, InsertOutcome>(
    async (group) => {
      const outcomes = group.map((): InsertOutcome => 'inserted');
      try {
        await group[0]!.collection.insertMany(group.map((i) => i.doc), OPTIONS);
      } catch (error) {
        const writeErrors = (error as { writeErrors?: { index: number; code?: number }[] }).writeErrors;
        if (!writeErrors?.length || !writeErrors.every(isDuplicateKey)) throw error;
        for (const { index } of writeErrors) outcomes[index] = 'duplicate';
      }
      return outcomes;
    },
    async ({ collection, doc }) => {
      try {
        await collection.insertOne(doc, OPTIONS);
        return 'inserted';
      } catch (error) {
        if (isDuplicateKey(error)) return 'duplicate';
        throw error;
      }
    },
  ),
);

/** Inserts the documents (with their own `_id`s); answers, in order, which were there already. */
export function insertGrouped(collection: Collection, docs: Document[]): Promise<InsertOutcome[]> {
  const insert = inserterOf(collection.collectionName);
  return Promise.all(docs.map((doc) => insert({ collection, doc })));
}

/** An update by `_id`: a filter with any other field makes FerretDB decode the whole collection. */
export type IdWrite =
  | { _id: string; update: Document; upsert?: boolean }
  | { _id: string; replacement: Document; upsert?: boolean };

function bulkOpOf(write: IdWrite): AnyBulkWriteOperation {
  const filter = { _id: write._id } as Document;
  const upsert = write.upsert ?? false;
  return 'update' in write ? { updateOne: { filter, update: write.update, upsert } } : { replaceOne: { filter, replacement: write.replacement, upsert } };
}

const writerOf = sendersByName(() =>
  groupedSender<IdWrite & { collection: Collection }, void>(
    async (group) => {
      await group[0]!.collection.bulkWrite(group.map(bulkOpOf), OPTIONS);
      return group.map(() => undefined);
    },
    // The single-write command, so that a lost upsert race answers with the duplicate key error itself.
    async (one) => {
      const filter = { _id: one._id } as Document;
      const options = { upsert: one.upsert ?? false, ignoreUndefined: true };
      await ('update' in one ? one.collection.updateOne(filter, one.update, options) : one.collection.replaceOne(filter, one.replacement, options));
    },
  ),
);

/**
 * Applies the write to the document with that `_id`; an upsert that lost a race to insert it is a
 * duplicate key error. The write must be idempotent (a `$set` of explicit paths, a replacement): a
 * group the store refuses is sent again write by write, its applied writes included.
 */
export function writeGrouped(collection: Collection, write: IdWrite): Promise<void> {
  return writerOf(collection.collectionName)({ ...write, collection });
}
