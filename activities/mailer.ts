// Email leaves through nodemailer over real SMTP; the outbox dispatcher gets a Mailer so tests can
// point it at the MailDev (or refusing SMTP server) started by the test run.
import nodemailer from 'nodemailer';

export interface OutgoingEmail {
  to: string | string[];
  cc?: string | string[];
  subject: string;
  text: string;
  /** Stable per logical email, so a resend after a crash is recognisable downstream. */
  messageId: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/** A recipient the server would not take, with its reply (e.g. "501 Bad recipient address syntax"). */
export interface RecipientRejection {
  address: string;
  response: string;
  responseCode?: number;
}

/** What the server took: an email to several people may be refused for some and accepted for others. */
export interface SendReport {
  accepted: string[];
  rejected: RecipientRejection[];
}

export interface Mailer {
  /** Resolves once the server accepted the message for at least one recipient; otherwise throws nodemailer's error. */
  send(email: OutgoingEmail): Promise<SendReport>;
  verify(): Promise<void>;
  close(): void;
}

// Bounded waits: the dispatcher holds a lease on each email while sending, and a send must end
// (sent or failed) well before that lease could pass to another worker.
const smtpTimeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

interface SmtpRejection {
  recipient?: string;
  response?: string;
  responseCode?: number;
}

/**
 * A few connections kept open and reused: a connection and its greeting per email cost both ends
 * more than the message itself. A connection the server dropped is replaced at the next send.
 */
const smtpPool = { pool: true, maxConnections: 4, maxMessages: 500 };

export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ url: smtpUrl, ...smtpTimeouts, ...smtpPool });
  return {
    async send(email) {
      const info = await transport.sendMail({ from, to: email.to, cc: email.cc, subject: email.subject, text: email.text, messageId: email.messageId, attachments: email.attachments });
      const rejectedErrors = ((info as { rejectedErrors?: SmtpRejection[] }).rejectedErrors ?? []);
      return {
        accepted: info.accepted.map(String),
        rejected: rejectedErrors.map((e) => ({ address: e.recipient ?? '', response: e.response ?? '', responseCode: e.responseCode })),
      };
    },
    async verify() {
      await transport.verify();
    },
    close() {
      transport.close();
    },
  };
}
