// One lock that every change to the capacity inventory holds, across processes (worker and API).
//
// Why a lock, when each grab is already a single conditional update: FerretDB 1.24 on SQLite runs an
// update as "query the matching documents, then write each back by _id" with nothing in between
// that re-checks the filter, so two racing conditional updates can both match and the later write
// silently overwrites the earlier one (measured: 40 racing `$inc free -1` with `free: {$gte: 1}` on
// free=10 all reported modified). The one write FerretDB does make atomic is an insert against the
// unique _id index, so the lock is taken by inserting the next epoch number; exactly one contender
// wins each epoch. No TTL indexes either, so a lock left by a crashed holder expires by its lease.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Schema, model } from 'mongoose';
import { KeyedMutex } from '../keyedMutex';
import { isDuplicateKey } from './duplicateKey';

/** Far longer than any capacity change takes (milliseconds), short enough to outwait a crash. */
const LEASE_MS = 20_000;
/** Longer than a lease, so a waiter always outlives a crashed holder's lock. */
const WAIT_MS = 30_000;
/**
 * Epochs are kept briefly as a trace, then pruned: FerretDB finds the latest by decoding every
 * epoch document, and every waiter asks several times a second, so a long trace (it was 1,000)
 * made the lock itself the bottleneck of every capacity change.
 */
const KEEP_EPOCHS = 20;
const PRUNE_EVERY = 10;

const capacityLockSchema = new Schema({
  /** The epoch: 1, 2, 3, ... one per acquisition. */
  _id: { type: Number, required: true },
  holder: { type: String, required: true },
  acquiredAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  releasedAt: { type: Date, default: null },
});
export const CapacityLock = model('CapacityLock', capacityLockSchema, 'capacity_lock');

export class CapacityLockTimeoutError extends Error {
  constructor() {
    super(`the capacity lock was not free within ${WAIT_MS / 1000}s`);
    this.name = 'CapacityLockTimeoutError';
  }
}

const processHolder = `${hostname()}:${process.pid}`;

/**
 * Within one process the holders take turns in memory first: a waiter then goes to the database
 * once, when its turn comes, instead of polling it while another local holder works (most capacity
 * changes come from one worker, and polling FerretDB was most of their latency under load).
 */
const localTurns = new KeyedMutex();

/**
 * The epoch this process holds, kept while local holders queue behind one another: handing it on
 * spares a database acquire and release per capacity change exactly when changes pile up.
 */
let held: { epoch: number; renewBy: number } | undefined;

/** Runs `work` while this process alone may change the capacity inventory. */
export async function withCapacityLock<T>(work: () => Promise<T>): Promise<T> {
  return localTurns.run('capacity', async (othersWaiting) => {
    // Renewed halfway through its lease, so a long queue never outlives it (and others get a turn).
    if (held && Date.now() >= held.renewBy) await release(takeHeld());
    held ??= { epoch: await acquire(), renewBy: Date.now() + LEASE_MS / 2 };
    try {
      return await work();
    } finally {
      if (!othersWaiting()) await release(takeHeld());
    }
  });
}

function takeHeld(): number {
  const epoch = held!.epoch;
  held = undefined;
  return epoch;
}

async function release(epoch: number): Promise<void> {
  await CapacityLock.updateOne({ _id: epoch }, { $set: { releasedAt: new Date() } });
  if (epoch % PRUNE_EVERY === 0) await CapacityLock.deleteMany({ _id: { $lte: epoch - KEEP_EPOCHS } });
}

async function acquire(): Promise<number> {
  const holder = `${processHolder}:${randomUUID()}`;
  const deadline = Date.now() + WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    const latest = await CapacityLock.findOne().sort({ _id: -1 }).lean();
    const now = Date.now();
    if (!latest || latest.releasedAt || latest.expiresAt.getTime() <= now) {
      const epoch = (latest?._id ?? 0) + 1;
      try {
        await CapacityLock.create({ _id: epoch, holder, acquiredAt: new Date(now), expiresAt: new Date(now + LEASE_MS) });
        return epoch;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    if (Date.now() >= deadline) throw new CapacityLockTimeoutError();
    await sleep(Math.min(100, 5 * 2 ** attempt) * (0.5 + Math.random()));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
