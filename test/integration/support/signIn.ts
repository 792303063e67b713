// Signing in as a browser does, for HTTP tests: ask for a link, read it from the real MailDev,
// post its token, keep the session cookie and CSRF token the API answers with.
import { emailsTo, listEmails, ReceivedEmail, waitForEmails } from '../../support/mailbox';
import type { ApiHarness, HttpResult } from './apiHarness';

export const SIGN_IN_SUBJECT = 'Tautan masuk Layanan Kolokasi';

export interface BrowserSession {
  /** "kolokasi_session=<value>", as a browser sends it. */
  cookie: string;
  csrfToken: string;
  /** The answer to POST /auth/session, checked with expect() like every response body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export const isSignInEmailTo = (address: string) => (e: ReceivedEmail) => e.subject === SIGN_IN_SUBJECT && e.to.some((r) => r.address === address);

export async function signInEmailsTo(address: string): Promise<ReceivedEmail[]> {
  return emailsTo(await listEmails(), address).filter((e) => e.subject === SIGN_IN_SUBJECT);
}

/** The link's token: what the page finds after #token= and posts to /auth/session. */
export function linkToken(email: ReceivedEmail): string {
  const match = /\/app\/masuk#token=([A-Za-z0-9_-]+)/.exec(email.text);
  if (!match) throw new Error(`no sign-in link in: ${email.text}`);
  return match[1]!;
}

/** The cookie a response sets, as "name=value" (undefined when it sets none by that name). */
export function cookieSet(response: HttpResult, name = 'kolokasi_session'): string | undefined {
  const header = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return header?.split(';')[0];
}

/** Asks for a link and waits for the `nth` sign-in email to the address (1 = the first ever sent there). */
export async function emailedLinkToken(h: ApiHarness, address: string, nth: number): Promise<string> {
  const asked = await h.call('POST', '/auth/email-link', { body: { email: address } });
  if (asked.status !== 202) throw new Error(`email-link answered ${asked.status}: ${JSON.stringify(asked.body)}`);
  const emails = await waitForEmails(isSignInEmailTo(address), nth);
  return linkToken(emails.at(-1)!);
}

export async function openSessionWith(h: ApiHarness, token: string): Promise<BrowserSession> {
  const opened = await h.call('POST', '/auth/session', { body: { token } });
  const cookie = cookieSet(opened);
  if (opened.status !== 200 || !cookie) throw new Error(`session answered ${opened.status}: ${JSON.stringify(opened.body)}`);
  return { cookie, csrfToken: opened.body.csrfToken, body: opened.body };
}

/** The headers a browser page sends with its session: the cookie, and the CSRF token unless told not to. */
export function sessionHeaders(session: BrowserSession, o: { csrf?: boolean } = {}): Record<string, string> {
  return { cookie: session.cookie, ...(o.csrf === false ? {} : { 'x-csrf-token': session.csrfToken }) };
}
