// Reads what the real SMTP server (MailDev) received, through its REST API: the run's MailDev, or
// another one given by its API URL (fault tests start their own).
export interface ReceivedEmail {
  id: string;
  subject: string;
  text: string;
  to: { address: string }[];
  cc?: { address: string }[];
  headers?: Record<string, string>;
}

/** The Message-ID as sent, without its angle brackets: how a resend of the same email is recognised. */
export function receivedMessageId(email: ReceivedEmail): string {
  return (email.headers?.['message-id'] ?? '').replace(/^<|>$/g, '');
}

function apiUrl(): string {
  const url = process.env.MAILDEV_API_URL;
  if (!url) throw new Error('MAILDEV_API_URL is not set: integration tests run through jest globalSetup');
  return url;
}

/** Every email received; `mailApiUrl` for a MailDev other than the test run's shared one. */
export async function listEmails(mailApiUrl = apiUrl()): Promise<ReceivedEmail[]> {
  const response = await fetch(`${mailApiUrl}/email?limit=5000`);
  if (!response.ok) throw new Error(`MailDev answered ${response.status}`);
  const body = (await response.json()) as ReceivedEmail[] | { items?: ReceivedEmail[]; emails?: ReceivedEmail[] };
  return Array.isArray(body) ? body : (body.items ?? body.emails ?? []);
}

export function emailsTo(emails: ReceivedEmail[], address: string): ReceivedEmail[] {
  return emails.filter((e) => [...e.to, ...(e.cc ?? [])].some((r) => r.address === address));
}

/** Waits until `predicate` matches at least `count` received emails; returns the matches. */
export async function waitForEmails(predicate: (e: ReceivedEmail) => boolean, count = 1, timeoutMs = 15_000, mailDevApiUrl = apiUrl()): Promise<ReceivedEmail[]> {
  const deadline = Date.now() + timeoutMs;
  let matches: ReceivedEmail[] = [];
  while (Date.now() < deadline) {
    matches = (await listEmails(mailDevApiUrl)).filter(predicate);
    if (matches.length >= count) return matches;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`expected ${count} matching email(s), got ${matches.length}`);
}
