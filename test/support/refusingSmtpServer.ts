// A real SMTP server (the smtp-server package MailDev is built on) that refuses some recipients for
// good, as a mail server refuses an address it will never deliver to, and keeps what it received.
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../scripts/stack';

export interface ReceivedMessage {
  messageId: string;
  recipients: string[];
  subject: string;
}

export interface RefusingSmtpServer {
  url: string;
  received: ReceivedMessage[];
  /** Every RCPT TO the server refused, in order: how often a refused address was tried. */
  refusedAttempts: string[];
  close(): Promise<void>;
}

/** The header's value, unfolded (long headers continue on indented lines). */
function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const match = new RegExp(`^${name}:(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  return (match?.[1] ?? '').replace(/\r?\n[ \t]+/g, ' ').trim();
}

export async function startRefusingSmtpServer(refuse: Record<string, { code: number; message: string }>): Promise<RefusingSmtpServer> {
  const received: ReceivedMessage[] = [];
  const refusedAttempts: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = refuse[address.address];
      if (!refusal) return callback();
      refusedAttempts.push(address.address);
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({ messageId: header(raw, 'Message-ID'), subject: header(raw, 'Subject'), recipients: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refusedAttempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
