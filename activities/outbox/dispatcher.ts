// Delivers the outbox: runs beside the worker, looks for pending emails that are due (at once when
// this process writes one, otherwise at least every few seconds) and attempts each, a few at a time
// (activities/outbox/deliverEmail.ts). A transient failure (server down, timeout, 4xx) backs the
// email off; a refusal for good (5xx for a recipient) is recorded, staff are told once, and it is
// never tried again.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { OutboxEmail, OutboxRow } from '../../shared/db/outbox';
import { markDue, OutboxDue } from '../../shared/db/outboxDue';
import type { Mailer } from '../mailer';
import { deliverEmail, deliverFreshEmail, DeliveryPolicy } from './deliverEmail';
import { ENQUEUED, FastLane, outboxWakeups, setFastLane } from './enqueue';
import { publicUrlFromEnv } from '../../shared/documents/storedDocument';

export interface OutboxDispatcherOptions {
  mailer: Mailer;
  log?: (line: string) => void;
  /** Longest pause between looks at the outbox; an email written in this process wakes it at once. */
  pollMs?: number;
  /** Pause after the first transient failure of an email, doubled each time up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long an email is tried before it is given up as failed (as a mail server bounces after days). */
  giveUpAfterMs?: number;
  /** How long a claim lasts; far longer than a send can take with the mailer's timeouts. */
  leaseMs?: number;
  /** Emails sent at once by this dispatcher. */
  concurrency?: number;
  /** API_PUBLIC_URL, for the verification URL on attached documents; from the environment by default. */
  publicUrl?: string;
}

export interface OutboxDispatcher {
  /** Looks at the outbox now rather than at the next poll. */
  wake(): void;
  /** Finishes the emails in hand and stops; resolves when nothing is being sent. */
  stop(): Promise<void>;
}

const BATCH = 50;
const MIN_PAUSE_MS = 200;

export function startOutboxDispatcher(options: OutboxDispatcherOptions): OutboxDispatcher {
  const o = {
    log: (line: string) => console.log(line),
    pollMs: 5_000,
    initialBackoffMs: 2_000,
    maxBackoffMs: 120_000,
    giveUpAfterMs: 3 * 24 * 60 * 60_000,
    leaseMs: 60_000,
    concurrency: 4,
    publicUrl: publicUrlFromEnv(),
    ...options,
  };
  const policy: DeliveryPolicy = { ...o, holder: `${hostname()}:${process.pid}:${randomUUID()}` };
  let stopping = false;
  let wokenEarly = false;
  let interruptSleep: (() => void) | undefined;

  /** When the due list is next looked at: an email of this process's own does not need that look. */
  let nextScanAt = 0;
  const wakeForFresh = (): void => {
    wokenEarly = true;
    interruptSleep?.();
  };
  const wake = (): void => {
    nextScanAt = 0;
    wakeForFresh();
  };
  outboxWakeups.on(ENQUEUED, wake);
  const fresh: OutboxRow[] = [];
  const lane: FastLane = {
    leaseMs: o.leaseMs,
    take(rows) {
      fresh.push(...rows);
      wakeForFresh();
    },
  };
  setFastLane(lane);

  function sleep(ms: number): Promise<void> {
    if (wokenEarly || stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        interruptSleep = undefined;
        resolve();
      }
      interruptSleep = done;
    });
  }

  async function inParallel<T>(items: T[], keyOf: (item: T) => string, each: (item: T) => Promise<void>): Promise<void> {
    await Promise.all(
      Array.from({ length: Math.min(o.concurrency, items.length) }, async () => {
        for (let item = items.shift(); item !== undefined && !stopping; item = items.shift()) {
          const key = keyOf(item);
          await each(item).catch((error: unknown) => o.log(`[outbox] ${key}: ${error instanceof Error ? error.message : String(error)}`));
        }
      }),
    );
  }

  /** One look at the outbox; answers how long until the next email is due. */
  async function pass(): Promise<number> {
    // Emails this process just wrote first, from memory; left unsent at a stop, they fall due elsewhere.
    await inParallel(fresh.splice(0), (row) => row._id, (row) => deliverFreshEmail(row, policy));
    if (fresh.length) return 0;
    if (Date.now() < nextScanAt) return nextScanAt - Date.now();
    const due = await OutboxDue.find({ dueAt: { $lte: new Date() } }, { _id: 1 })
      .sort({ dueAt: 1 })
      .limit(BATCH)
      .lean();
    await inParallel(due.map((d) => d._id), (key) => key, (key) => deliverEmail(key, policy));
    if (due.length === BATCH) return 0;
    const next = await OutboxDue.findOne({}, { dueAt: 1 }).sort({ dueAt: 1 }).lean();
    const untilNext = next ? Math.max(0, next.dueAt.getTime() - Date.now()) : o.pollMs;
    nextScanAt = Date.now() + Math.min(untilNext, o.pollMs);
    return untilNext;
  }

  /** Emails queued before the due list existed (an outbox from an older version) become due once. */
  async function markOlderPendingDue(): Promise<void> {
    const pending = await OutboxEmail.find({ status: 'pending' }, { _id: 1, nextAttemptAt: 1 }).lean();
    for (const row of pending) await markDue(row._id, row.nextAttemptAt ?? new Date());
  }

  const running = (async () => {
    await markOlderPendingDue().catch((error: unknown) => o.log(`[outbox] could not read the outbox: ${error instanceof Error ? error.message : String(error)}`));
    while (!stopping) {
      wokenEarly = false;
      let nextDueMs = o.pollMs;
      try {
        nextDueMs = await pass();
      } catch (error) {
        // The store may be briefly away; the outbox is still there when it is back.
        o.log(`[outbox] could not read the outbox: ${error instanceof Error ? error.message : String(error)}`);
      }
      // Never a busy loop: an email due but held by another worker stays "due" until that worker is done.
      await sleep(Math.max(MIN_PAUSE_MS, Math.min(nextDueMs, o.pollMs)));
    }
  })();

  return {
    wake,
    async stop() {
      stopping = true;
      outboxWakeups.off(ENQUEUED, wake);
      setFastLane(undefined, lane);
      interruptSleep?.();
      await running;
    },
  };
}
