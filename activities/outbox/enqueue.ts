// Writing an email into the outbox: the only thing a case waits for. Sending is the dispatcher's
// work (activities/outbox/dispatcher.ts), so a slow, down or refusing mail server never holds a
// decision up.
import { EventEmitter } from 'node:events';
import { isDuplicateKey } from '../../shared/db/duplicateKey';
import { OutboxEmail, OutboxStatus } from '../../shared/db/outbox';
import { markDue } from '../../shared/db/outboxDue';

export interface NewOutboxEmail {
  /** Unique per logical email, derived from what it is about, so a retried write never adds a second one. */
  key: string;
  requestNumber: string;
  template: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
}

export type EnqueueResult = 'queued' | 'alreadySent' | 'noRecipient';

/** Lets a dispatcher in this process start at once instead of at its next poll. */
export const outboxWakeups = new EventEmitter();
export const ENQUEUED = 'enqueued';

/** What asking again for an email already in the outbox amounts to. */
export function enqueueResultOf(status: OutboxStatus): EnqueueResult {
  return status === 'pending' ? 'queued' : status === 'noRecipient' ? 'noRecipient' : 'alreadySent';
}

export async function enqueueEmail(email: NewOutboxEmail): Promise<EnqueueResult> {
  const status = email.to.length ? 'pending' : 'noRecipient';
  const now = new Date();
  try {
    // An insert, not an upsert: on FerretDB the unique _id is what makes a concurrent retry harmless.
    await OutboxEmail.create({ _id: email.key, ...email, status, createdAt: now, nextAttemptAt: now });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const existing = (await OutboxEmail.findById(email.key, { status: 1 }).lean())?.status ?? 'pending';
    // A retry after a crash between the two writes: the email is in the outbox but not yet due.
    if (existing === 'pending') await markDue(email.key, now);
    return enqueueResultOf(existing);
  }
  if (status === 'noRecipient') return 'noRecipient';
  await markDue(email.key, now);
  outboxWakeups.emit(ENQUEUED);
  return 'queued';
}
