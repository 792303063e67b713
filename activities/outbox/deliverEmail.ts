// One attempt at one outbox email, under a claim so that no other worker sends it meanwhile: send to
// whoever has neither received nor refused it yet, then record the server's answer. A transient
// failure backs the email off; a refusal for good is recorded and staff are told once; an email
// tried too long is given up as failed, and staff are told too.
import { retryWhileBusy } from '../../shared/db/busyRetry';
import { writeGrouped } from '../../shared/db/groupedWrites';
import { OutboxEmail, OutboxRow } from '../../shared/db/outbox';
import { forgetDue, OutboxDue } from '../../shared/db/outboxDue';
import { claimOutboxEmail, forgetOutboxClaims, releaseOutboxClaim } from '../../shared/db/outboxClaim';
import type { Mailer, SendReport } from '../mailer';
import { deliveryOutcome } from './deliveryOutcome';
import { enqueueRefusalNotice } from './refusalNotice';
import { renderAttachments } from './attachments';

export interface DeliveryPolicy {
  mailer: Mailer;
  /** Who claims: one per dispatcher. */
  holder: string;
  log: (line: string) => void;
  leaseMs: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  giveUpAfterMs: number;
  /** Where the verification URLs printed on attached documents lead. */
  publicUrl: string;
}

const findOutboxEmail = async (key: string): Promise<OutboxRow | null> => (await OutboxEmail.findById(key).lean()) as OutboxRow | null;

/** The Message-ID every send of this email carries, so a resend after a crash is recognisable. */
export function messageIdOf(key: string): string {
  return `<${key.replace(/[^\w.-]/g, '.')}@kolokasi>`;
}

/** Attempts the email if this holder wins its claim and it is still due; otherwise does nothing. */
export async function deliverEmail(key: string, p: DeliveryPolicy): Promise<void> {
  const claim = await claimOutboxEmail(key, p.holder, p.leaseMs);
  if (!claim) return;
  let settled = false;
  try {
    // Read again under the claim: another worker may have sent it, or backed it off, meanwhile.
    const row = await findOutboxEmail(key);
    if (!row || row.status !== 'pending') {
      settled = true;
      await retryWhileBusy(() => OutboxDue.deleteOne({ _id: key }));
      return;
    }
    if (row.nextAttemptAt && row.nextAttemptAt.getTime() > Date.now()) return;
    settled = await attempt(row, p);
  } finally {
    await retryWhileBusy(() => (settled ? forgetOutboxClaims(claim) : releaseOutboxClaim(claim)));
  }
}

/**
 * Attempts an email this process has just written and holds without a claim: no other dispatcher
 * looks at it before its lease has passed (activities/outbox/enqueue.ts).
 */
export async function deliverFreshEmail(row: OutboxRow, p: DeliveryPolicy): Promise<void> {
  await attempt(row, p);
}

/** Answers whether the email is settled (sent, refused or failed). */
async function attempt(row: OutboxRow, p: DeliveryPolicy): Promise<boolean> {
  const done = new Set([...row.delivered, ...row.refusals.map((r) => r.address)]);
  const to = row.to.filter((a) => !done.has(a));
  const cc = row.cc.filter((a) => !done.has(a));
  const outcome = to.length || cc.length ? deliveryOutcome([...to, ...cc], await send(row, to, cc, p.mailer, p.publicUrl)) : { delivered: [], refused: [] };
  const delivered = [...row.delivered, ...outcome.delivered];
  const refusals = [...row.refusals, ...outcome.refused];
  const attempts = (row.attempts ?? 0) + 1;
  const now = new Date();

  const givingUp = outcome.retryBecause !== undefined && now.getTime() - row.createdAt.getTime() >= p.giveUpAfterMs;
  if (outcome.retryBecause !== undefined && !givingUp) {
    // Once, and now and then after: an outage must be visible without flooding the log.
    if (attempts % 10 === 1 || outcome.refused.length) p.log(`[outbox] ${row._id} not sent yet (${outcome.retryBecause}); trying again with backoff`);
    const nextAttemptAt = new Date(now.getTime() + backoffMs(attempts, p));
    await retryWhileBusy(() => OutboxEmail.updateOne({ _id: row._id }, { $set: { attempts, delivered, refusals, lastError: outcome.retryBecause, nextAttemptAt } }));
    await retryWhileBusy(() => OutboxDue.updateOne({ _id: row._id }, { $set: { dueAt: nextAttemptAt } }));
    return false;
  }

  const status = delivered.length ? 'sent' : givingUp ? 'failed' : 'refused';
  const lastError = outcome.retryBecause ?? row.lastError ?? undefined;
  if (refusals.length || givingUp) {
    p.log(`[outbox] ${row._id} ${status}: ${refusals.map((r) => `${r.address} → ${r.response}`).join('; ') || lastError}; staff are told`);
    const notice = { key: row._id, requestNumber: row.requestNumber, template: row.template, subject: row.subject, refusals, lastError: givingUp ? lastError : undefined };
    await retryWhileBusy(() => enqueueRefusalNotice(notice));
  }
  const settledAt = status === 'sent' ? { sentAt: now } : { givenUpAt: now };
  await retryWhileBusy(() => writeGrouped(OutboxEmail.collection, { _id: row._id, update: { $set: { status, attempts, delivered, refusals, ...(lastError ? { lastError } : {}), ...settledAt } } }));
  forgetDue(row._id);
  return true;
}

async function send(row: OutboxRow, to: string[], cc: string[], mailer: Mailer, publicUrl: string): Promise<{ report: SendReport } | { error: unknown }> {
  try {
    const attachments = row.attachments?.length ? await renderAttachments(row.attachments, publicUrl) : undefined;
    return { report: await mailer.send({ to, cc, subject: row.subject, text: row.text, messageId: messageIdOf(row._id), ...(attachments ? { attachments } : {}) }) };
  } catch (error) {
    return { error };
  }
}

function backoffMs(attempts: number, p: DeliveryPolicy): number {
  const ms = Math.min(p.maxBackoffMs, p.initialBackoffMs * 2 ** (attempts - 1));
  return Math.round(ms * (0.8 + 0.4 * Math.random()));
}
