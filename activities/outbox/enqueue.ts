// Writing emails into the outbox: the only thing a case waits for. Sending is the dispatcher's
// work (activities/outbox/dispatcher.ts), so a slow, down or refusing mail server never holds a
// decision up.
import { EventEmitter } from 'node:events';
import { retryWhileBusy } from '../../shared/db/busyRetry';
import { insertGrouped } from '../../shared/db/groupedWrites';
import { OutboxEmail, OutboxRow, OutboxStatus } from '../../shared/db/outbox';
import { markDue, OutboxDue } from '../../shared/db/outboxDue';

/** An email to send; its key is unique per logical email, from what it is about, so a retried write never adds a second one. */
export type NewOutboxEmail = { key: string } & Pick<OutboxRow, 'requestNumber' | 'template' | 'to' | 'cc' | 'subject' | 'text'> & Partial<Pick<OutboxRow, 'attachments'>>;

export type EnqueueResult = 'queued' | 'alreadySent' | 'noRecipient';

/** Lets a dispatcher in this process start at once instead of at its next poll. */
export const outboxWakeups = new EventEmitter();
export const ENQUEUED = 'enqueued';

/**
 * A dispatcher running in this process, which takes the emails this process writes straight from
 * memory: they are due for every other dispatcher only once `leaseMs` has passed, so the writer
 * holds them without a claim (no read, no claim written and removed: a third of an email's writes).
 */
export interface FastLane {
  leaseMs: number;
  take(rows: OutboxRow[]): void;
}
let fastLane: FastLane | undefined;

/** Sets this process's fast lane; `stopping` clears it only if it is still that dispatcher's. */
export function setFastLane(lane: FastLane | undefined, stopping?: FastLane): void {
  if (!stopping || fastLane === stopping) fastLane = lane;
}

/** What asking again for an email already in the outbox amounts to. */
export function enqueueResultOf(status: OutboxStatus): EnqueueResult {
  return status === 'pending' ? 'queued' : status === 'noRecipient' ? 'noRecipient' : 'alreadySent';
}

export async function enqueueEmail(email: NewOutboxEmail): Promise<EnqueueResult> {
  const [result] = await enqueueEmails([email]);
  return result!;
}

/**
 * Writes the emails in two writes whatever their number: the outbox rows, then when each is due.
 * An insert, not an upsert: on FerretDB the unique _id is what makes a concurrent retry harmless;
 * an email already there (a retry) is answered from what it holds.
 */
export async function enqueueEmails(emails: NewOutboxEmail[]): Promise<EnqueueResult[]> {
  if (!emails.length) return [];
  const now = new Date();
  const rows: OutboxRow[] = emails.map((e) => ({
    _id: e.key, requestNumber: e.requestNumber, template: e.template, to: e.to, cc: e.cc, subject: e.subject, text: e.text, ...(e.attachments?.length ? { attachments: e.attachments } : {}),
    status: e.to.length ? 'pending' : 'noRecipient', createdAt: now, nextAttemptAt: now, attempts: 0, delivered: [], refusals: [],
  }));
  const existing = new Set(await insertNew(rows));
  const results = await Promise.all(rows.map(async (row): Promise<EnqueueResult> => (existing.has(row._id) ? resumeExisting(row._id, now) : enqueueResultOf(row.status))));

  const fresh = rows.filter((row) => !existing.has(row._id) && row.status === 'pending');
  if (!fresh.length) return results;
  const lane = fastLane;
  const dueAt = lane ? new Date(now.getTime() + lane.leaseMs) : now;
  await insertDue(fresh.map((row) => ({ _id: row._id, dueAt })));
  if (lane) lane.take(fresh);
  else outboxWakeups.emit(ENQUEUED);
  return results;
}

/** Inserts the rows; answers the keys already in the outbox. */
async function insertNew(rows: OutboxRow[]): Promise<string[]> {
  const outcomes = await retryWhileBusy(() => insertGrouped(OutboxEmail.collection, rows));
  return rows.filter((_, i) => outcomes[i] === 'duplicate').map((row) => row._id);
}

async function insertDue(due: { _id: string; dueAt: Date }[]): Promise<void> {
  await retryWhileBusy(() => insertGrouped(OutboxDue.collection, due));
}

/** A retry after a crash between the two writes: the email is in the outbox but may not be due yet. */
async function resumeExisting(key: string, now: Date): Promise<EnqueueResult> {
  const status = (await OutboxEmail.findById(key, { status: 1 }).lean())?.status ?? 'pending';
  if (status === 'pending') await markDue(key, now);
  return enqueueResultOf(status);
}
