// When an email cannot be delivered (refused for good, or given up after too long), data center staff
// are told once: which case, which email, which address and what the server answered, so someone
// can correct the address and reach the person another way. The case itself has already gone on.
import type { UserRole } from '../../shared/db/user';
import { staffAddresses } from '../emails/staffDirectory';
import { enqueueEmail } from './enqueue';
import type { Refusal } from './deliveryOutcome';

export const REFUSAL_NOTICE_TEMPLATE = 'deliveryRefused';
/** Who keeps the data center's records straight, and so can correct an address. */
const NOTICE_ROLES: UserRole[] = ['dcStaff', 'admin'];

export interface UndeliveredEmail {
  key: string;
  requestNumber: string;
  template: string;
  subject: string;
  refusals: Refusal[];
  /** Set when the email was given up after transient failures rather than refused. */
  lastError?: string;
}

export function refusalNoticeKey(emailKey: string): string {
  return `${emailKey}/refused-notice`;
}

export async function enqueueRefusalNotice(email: UndeliveredEmail): Promise<void> {
  // A notice that cannot be delivered is not noticed again: that would never end.
  if (email.template === REFUSAL_NOTICE_TEMPLATE) return;
  const to = await staffAddresses(NOTICE_ROLES);
  const reasons = email.refusals.length
    ? email.refusals.map((r) => `- ${r.address}: ${r.response}`)
    : [`- server email tidak dapat dihubungi atau terus menunda pengiriman; kesalahan terakhir: ${email.lastError ?? '-'}`];
  await enqueueEmail({
    key: refusalNoticeKey(email.key),
    requestNumber: email.requestNumber,
    template: REFUSAL_NOTICE_TEMPLATE,
    to,
    cc: [],
    subject: `[${email.requestNumber}] Email tidak terkirim: ${email.subject}`,
    text: [
      'Yth. Tim Data Center,',
      '',
      `Email permohonan ${email.requestNumber} berikut tidak dapat dikirim dan tidak akan dicoba lagi:`,
      `Subjek: ${email.subject}`,
      `Jenis: ${email.template} (kunci ${email.key})`,
      '',
      'Alamat dan jawaban server email:',
      ...reasons,
      '',
      'Proses permohonan tetap berjalan. Mohon hubungi penerima melalui saluran lain dan perbaiki alamat emailnya.',
      '',
      'Salam,',
      'Sistem Kolokasi',
    ].join('\n'),
  });
}
