// Delivers the outbox: runs beside the worker, takes pending emails that are due, sends each under a
// claim (so two workers never send the same one), and records what the mail server answered.
// A transient failure (server down, timeout, 4xx) backs the email off and tries again; a refusal for
// good (5xx for a recipient) is recorded, staff are told once, and it is never tried again.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { retryWhileBusy } from '../../shared/db/busyRetry';
import { OutboxEmail } from '../../shared/db/outbox';
import { claimOutboxEmail, forgetOutboxClaims, releaseOutboxClaim } from '../../shared/db/outboxClaim';
import type { Mailer, SendReport } from '../mailer';
import { deliveryOutcome } from './deliveryOutcome';
import { ENQUEUED, outboxWakeups } from './enqueue';
import { enqueueRefusalNotice } from './refusalNotice';

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
}

export interface OutboxDispatcher {
  /** Looks at the outbox now rather than at the next poll. */
  wake(): void;
  /** Finishes the emails in hand and stops; resolves when nothing is being sent. */
  stop(): Promise<void>;
}

const BATCH = 50;
const MIN_PAUSE_MS = 200;

const findOutboxEmail = (key: string) => OutboxEmail.findById(key).lean();
type OutboxRow = NonNullable<Awaited<ReturnType<typeof findOutboxEmail>>>;

/** The Message-ID every send of this email carries, so a resend after a crash is recognisable. */
export function messageIdOf(key: string): string {
  return `<${key.replace(/[^\w.-]/g, '.')}@kolokasi>`;
}

export function startOutboxDispatcher(options: OutboxDispatcherOptions): OutboxDispatcher {
  const o = {
    log: (line: string) => console.log(line),
    pollMs: 5_000,
    initialBackoffMs: 2_000,
    maxBackoffMs: 120_000,
    giveUpAfterMs: 3 * 24 * 60 * 60_000,
    leaseMs: 120_000,
    concurrency: 4,
    ...options,
  };
  const holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  let stopping = false;
  let wokenEarly = false;
  let interruptSleep: (() => void) | undefined;

  const wake = (): void => {
    wokenEarly = true;
    interruptSleep?.();
  };
  outboxWakeups.on(ENQUEUED, wake);

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

  function backoffMs(attempts: number): number {
    const ms = Math.min(o.maxBackoffMs, o.initialBackoffMs * 2 ** (attempts - 1));
    return Math.round(ms * (0.8 + 0.4 * Math.random()));
  }

  /** One attempt at one email, if this dispatcher wins its claim and it is still due. */
  async function deliver(key: string): Promise<void> {
    const claim = await claimOutboxEmail(key, holder, o.leaseMs);
    if (!claim) return;
    let settled = false;
    try {
      // Read again under the claim: another worker may have sent it, or backed it off, meanwhile.
      const row = await findOutboxEmail(key);
      if (!row || row.status !== 'pending') {
        settled = true;
        return;
      }
      if (row.nextAttemptAt && row.nextAttemptAt.getTime() > Date.now()) return;
      settled = await attempt(row);
    } finally {
      await retryWhileBusy(() => (settled ? forgetOutboxClaims(key) : releaseOutboxClaim(claim)));
    }
  }

  /** Sends to whoever has neither received nor refused it yet; answers whether the email is settled. */
  async function attempt(row: OutboxRow): Promise<boolean> {
    const done = new Set([...row.delivered, ...row.refusals.map((r) => r.address!)]);
    const to = row.to.filter((a) => !done.has(a));
    const cc = row.cc.filter((a) => !done.has(a));
    const outcome = to.length || cc.length ? deliveryOutcome([...to, ...cc], await send(row, to, cc)) : { delivered: [], refused: [] };
    const delivered = [...row.delivered, ...outcome.delivered];
    const refusals = [...row.refusals.map((r) => ({ address: r.address!, response: r.response! })), ...outcome.refused];
    const attempts = (row.attempts ?? 0) + 1;
    const now = new Date();

    const givingUp = outcome.retryBecause !== undefined && now.getTime() - row.createdAt.getTime() >= o.giveUpAfterMs;
    if (outcome.retryBecause !== undefined && !givingUp) {
      // Once, and now and then after: an outage must be visible without flooding the log.
      if (attempts % 10 === 1 || outcome.refused.length) o.log(`[outbox] ${row._id} not sent yet (${outcome.retryBecause}); trying again with backoff`);
      await retryWhileBusy(() =>
        OutboxEmail.updateOne({ _id: row._id }, { $set: { attempts, delivered, refusals, lastError: outcome.retryBecause, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) } }),
      );
      return false;
    }

    const status = delivered.length ? 'sent' : givingUp ? 'failed' : 'refused';
    const lastError = outcome.retryBecause ?? row.lastError ?? undefined;
    if (refusals.length || givingUp) {
      o.log(`[outbox] ${row._id} ${status}: ${refusals.map((r) => `${r.address} → ${r.response}`).join('; ') || lastError}; staff are told`);
      await retryWhileBusy(() => enqueueRefusalNotice({ key: row._id, requestNumber: row.requestNumber, template: row.template, subject: row.subject, refusals, lastError: givingUp ? lastError : undefined }));
    }
    await retryWhileBusy(() =>
      OutboxEmail.updateOne(
        { _id: row._id },
        { $set: { status, attempts, delivered, refusals, ...(lastError ? { lastError } : {}), ...(status === 'sent' ? { sentAt: now } : { givenUpAt: now }) } },
      ),
    );
    return true;
  }

  async function send(row: OutboxRow, to: string[], cc: string[]): Promise<{ report: SendReport } | { error: unknown }> {
    try {
      return { report: await o.mailer.send({ to, cc, subject: row.subject, text: row.text, messageId: messageIdOf(row._id) }) };
    } catch (error) {
      return { error };
    }
  }

  /** One look at the outbox; answers how long until the next email is due. */
  async function pass(): Promise<number> {
    const due = await OutboxEmail.find({ status: 'pending', $or: [{ nextAttemptAt: { $lte: new Date() } }, { nextAttemptAt: null }] }, { _id: 1 })
      .sort({ nextAttemptAt: 1 })
      .limit(BATCH)
      .lean();
    const keys = due.map((d) => d._id);
    await Promise.all(
      Array.from({ length: Math.min(o.concurrency, keys.length) }, async () => {
        for (let key = keys.shift(); key !== undefined && !stopping; key = keys.shift()) {
          await deliver(key).catch((error: unknown) => o.log(`[outbox] ${key}: ${error instanceof Error ? error.message : String(error)}`));
        }
      }),
    );
    if (due.length === BATCH) return 0;
    const next = await OutboxEmail.findOne({ status: 'pending' }, { nextAttemptAt: 1 }).sort({ nextAttemptAt: 1 }).lean();
    return next ? Math.max(0, (next.nextAttemptAt?.getTime() ?? 0) - Date.now()) : o.pollMs;
  }

  const running = (async () => {
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
      interruptSleep?.();
      await running;
    },
  };
}
