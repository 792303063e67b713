// A case's emails go through the outbox: the activity renders the email and writes it, keyed by the
// workflow's email key, and returns at once. The outbox dispatcher delivers it, so a mail outage or
// a refused address never blocks a case.
import { User } from '../shared/db/user';
import type { EmailRequest, Recipient } from '../shared/emails';
import { renderEmail } from './emails/templates';
import { enqueueEmails, EnqueueResult } from './outbox/enqueue';

type Directory = Map<string, string[]>;

/** The active staff of the roles these emails name, read in one query. */
async function directoryFor(requests: EmailRequest[]): Promise<Directory> {
  const roles = [...new Set(requests.flatMap((r) => [...r.to, ...(r.cc ?? [])]).flatMap((r) => ('role' in r ? [r.role] : [])))];
  const staff = roles.length ? await User.find({ role: { $in: roles }, active: true }, { email: 1, role: 1 }).lean() : [];
  const directory: Directory = new Map();
  for (const user of staff) directory.set(user.role, [...(directory.get(user.role) ?? []), user.email]);
  return directory;
}

function addressesOf(recipients: Recipient[], applicantEmail: string, directory: Directory): string[] {
  const addresses = recipients.flatMap((r) => ('role' in r ? (directory.get(r.role) ?? []) : 'applicant' in r ? [applicantEmail] : []));
  return [...new Set(addresses)].sort();
}

/**
 * Renders a case's emails and puts each in the outbox once, however often it is asked: the outbox's
 * insert by key is what decides (enqueue.ts), so a retry costs a render, not a read first.
 */
export async function enqueueCaseEmails(requests: EmailRequest[]): Promise<EnqueueResult[]> {
  const directory = await directoryFor(requests);
  return enqueueEmails(
    requests.map((request) => {
      const to = addressesOf(request.to, request.applicantEmail, directory);
      const cc = addressesOf(request.cc ?? [], request.applicantEmail, directory).filter((a) => !to.includes(a));
      const { subject, text } = renderEmail(request);
      return { key: request.key, requestNumber: request.requestNumber, template: request.intent.template, to, cc, subject, text };
    }),
  );
}

export function createEmailActivities() {
  return {
    /** Name and input kept for running cases; it queues the email and never waits for the mail server. */
    async sendCaseEmail(request: EmailRequest): Promise<EnqueueResult> {
      const [result] = await enqueueCaseEmails([request]);
      return result!;
    },
    enqueueCaseEmails,
  };
}
