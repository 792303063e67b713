// Sends a case's emails through the outbox: the outbox entry is written first and marked sent
// after, keyed by the workflow's email key, so a retried activity never sends the same email twice.
import { OutboxEmail } from '../shared/db/outbox';
import { User } from '../shared/db/user';
import type { EmailRequest, Recipient } from '../shared/emails';
import { renderEmail } from './emails/templates';
import type { Mailer } from './mailer';

async function addressesOf(recipients: Recipient[], applicantEmail: string): Promise<string[]> {
  const roles = recipients.flatMap((r) => ('role' in r ? [r.role] : []));
  const staff = roles.length ? await User.find({ role: { $in: roles }, active: true }, { email: 1 }).lean() : [];
  const applicant = recipients.some((r) => 'applicant' in r) ? [applicantEmail] : [];
  return [...new Set([...applicant, ...staff.map((u) => u.email)])].sort();
}

export function createEmailActivities(deps: { mailer: Mailer }) {
  return {
    async sendCaseEmail(request: EmailRequest): Promise<'sent' | 'alreadySent' | 'noRecipient'> {
      const existing = await OutboxEmail.findById(request.key).lean();
      if (existing?.status === 'sent') return 'alreadySent';
      if (existing?.status === 'noRecipient') return 'noRecipient';

      const to = existing?.to ?? (await addressesOf(request.to, request.applicantEmail));
      const cc = existing?.cc ?? (await addressesOf(request.cc ?? [], request.applicantEmail)).filter((a) => !to.includes(a));
      const { subject, text } = existing ?? renderEmail(request);
      if (!existing) {
        await OutboxEmail.updateOne(
          { _id: request.key },
          { $setOnInsert: { requestNumber: request.requestNumber, template: request.intent.template, to, cc, subject, text, status: to.length ? 'pending' : 'noRecipient', createdAt: new Date() } },
          { upsert: true },
        );
      }
      // Nobody holds the role yet: the email stays in the outbox, visible, rather than vanishing.
      if (!to.length) return 'noRecipient';

      await deps.mailer.send({ to, cc, subject, text, messageId: `<${request.key.replace(/[^\w.-]/g, '.')}@kolokasi>` });
      await OutboxEmail.updateOne({ _id: request.key }, { $set: { status: 'sent', sentAt: new Date() } });
      return 'sent';
    },
  };
}
