// The outbox emails still to be sent, and when each is next due: a small collection beside the
// outbox. The dispatcher polls this, not the outbox, because FerretDB decodes a whole collection
// for any query but an _id lookup, and the outbox keeps every email ever sent (a case's record).
import { Schema, model } from 'mongoose';
import { isDuplicateKey } from './duplicateKey';

const outboxDueSchema = new Schema({
  /** The outbox email's key. */
  _id: { type: String, required: true },
  dueAt: { type: Date, required: true },
});

export const OutboxDue = model('OutboxDue', outboxDueSchema, 'outbox_due');

/** Marks an email as waiting to be sent; a second mark of the same email changes nothing. */
export async function markDue(key: string, dueAt: Date): Promise<void> {
  try {
    await OutboxDue.create({ _id: key, dueAt });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

const settled = new Set<string>();
let pendingFlush: NodeJS.Timeout | undefined;

/**
 * Forgets settled emails in one write per short batch rather than one each. An entry left behind
 * (the process stopped first) costs only a look: a dispatcher finds its email settled and drops it.
 */
export function forgetDue(key: string): void {
  settled.add(key);
  pendingFlush ??= setTimeout(() => {
    pendingFlush = undefined;
    const keys = [...settled];
    settled.clear();
    OutboxDue.deleteMany({ _id: { $in: keys } }).catch(() => undefined);
  }, 50);
}
