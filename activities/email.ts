// A case's emails go through the outbox: the activity renders the email and writes it, keyed by the
// workflow's email key, and returns at once. The outbox dispatcher delivers it, so a mail outage or
// a refused address never blocks a case.
import type { EmailRequest, Recipient } from '../shared/emails';
import type { Role } from '../shared/profile/schema';
import type { WebLinks } from './emails/links';
import { addressesIn, StaffDirectory, staffDirectory } from './emails/staffDirectory';
import { renderEmail } from './emails/templates';
import { enqueueEmails, EnqueueResult } from './outbox/enqueue';

const rolesOf = (recipients: Recipient[]): Role[] => recipients.flatMap((r) => ('role' in r ? [r.role] : []));

function addressesOf(recipients: Recipient[], applicantEmail: string, directory: StaffDirectory): string[] {
  return addressesIn(directory, rolesOf(recipients), recipients.some((r) => 'applicant' in r) ? [applicantEmail] : []);
}

/** The staff these emails go to: a caller may start the read early and hand it to enqueueCaseEmails. */
export function staffDirectoryFor(requests: EmailRequest[]): Promise<StaffDirectory> {
  return staffDirectory(requests.flatMap((r) => rolesOf([...r.to, ...(r.cc ?? [])])));
}

/**
 * Renders a case's emails and puts each in the outbox once, however often it is asked: the outbox's
 * insert by key is what decides (enqueue.ts), so a retry costs a render, not a read first.
 */
export async function enqueueCaseEmails(requests: EmailRequest[], links: WebLinks, directoryRead = staffDirectoryFor(requests)): Promise<EnqueueResult[]> {
  const directory = await directoryRead;
  return enqueueEmails(
    requests.map((request) => {
      const to = addressesOf(request.to, request.applicantEmail, directory);
      const cc = addressesOf(request.cc ?? [], request.applicantEmail, directory).filter((a) => !to.includes(a));
      const { subject, text } = renderEmail(request, links);
      return { key: request.key, requestNumber: request.requestNumber, template: request.intent.template, to, cc, subject, text, ...(request.attachments?.length ? { attachments: request.attachments } : {}) };
    }),
  );
}

export function createEmailActivities(links: WebLinks) {
  return {
    /** Name and input kept for running cases; it queues the email and never waits for the mail server. */
    async sendCaseEmail(request: EmailRequest): Promise<EnqueueResult> {
      const [result] = await enqueueCaseEmails([request], links);
      return result!;
    },
    enqueueCaseEmails: (requests: EmailRequest[]) => enqueueCaseEmails(requests, links),
  };
}
