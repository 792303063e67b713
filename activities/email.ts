// A case's emails go through the outbox: the activity renders the email and writes it, keyed by the
// workflow's email key, and returns at once. The outbox dispatcher delivers it, so a mail outage or
// a refused address never blocks a case.
import { User } from '../shared/db/user';
import type { EmailRequest, Recipient } from '../shared/emails';
import { renderEmail } from './emails/templates';
import { enqueueEmail, EnqueueResult } from './outbox/enqueue';

async function addressesOf(recipients: Recipient[], applicantEmail: string): Promise<string[]> {
  const roles = recipients.flatMap((r) => ('role' in r ? [r.role] : []));
  const staff = roles.length ? await User.find({ role: { $in: roles }, active: true }, { email: 1 }).lean() : [];
  const applicant = recipients.some((r) => 'applicant' in r) ? [applicantEmail] : [];
  return [...new Set([...applicant, ...staff.map((u) => u.email)])].sort();
}

/**
 * Renders a case's email and puts it in the outbox once, however often it is asked: the outbox's
 * insert by key is what decides (enqueue.ts), so a retry costs a render, not a read first.
 */
export async function enqueueCaseEmail(request: EmailRequest): Promise<EnqueueResult> {
  const to = await addressesOf(request.to, request.applicantEmail);
  const cc = (await addressesOf(request.cc ?? [], request.applicantEmail)).filter((a) => !to.includes(a));
  const { subject, text } = renderEmail(request);
  return enqueueEmail({ key: request.key, requestNumber: request.requestNumber, template: request.intent.template, to, cc, subject, text });
}

export function createEmailActivities() {
  return {
    /** Name and input kept for running cases; it queues the email and never waits for the mail server. */
    async sendCaseEmail(request: EmailRequest): Promise<EnqueueResult> {
      return enqueueCaseEmail(request);
    },
  };
}
