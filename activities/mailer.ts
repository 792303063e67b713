// Email leaves through nodemailer over real SMTP; activities get a Mailer so tests can point it at
// the MailDev started by the test run.
import nodemailer from 'nodemailer';

export interface OutgoingEmail {
  to: string | string[];
  cc?: string | string[];
  subject: string;
  text: string;
  /** Stable per logical email, so a retried activity's resend is recognisable downstream. */
  messageId: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
  verify(): Promise<void>;
  close(): void;
}

export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(email) {
      await transport.sendMail({ from, to: email.to, cc: email.cc, subject: email.subject, text: email.text, messageId: email.messageId });
    },
    async verify() {
      await transport.verify();
    },
    close() {
      transport.close();
    },
  };
}
