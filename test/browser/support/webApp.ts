// Driving the web app as people do: signing in by the email link read from the real SMTP server,
// typing into the fields a form shows, choosing, and sending it.
import type { Page } from 'puppeteer-core';
import { clearPageProblems } from './browser';
import { emailsTo, listEmails, ReceivedEmail, waitForEmails } from '../../support/mailbox';

const SIGN_IN_SUBJECT = /masuk/i;
const LINK = /\/app\/masuk#token=([\w-]+)/;

const signInEmailsTo = async (address: string): Promise<ReceivedEmail[]> => emailsTo(await listEmails(), address).filter((e) => SIGN_IN_SUBJECT.test(e.subject));

/**
 * Opens `from` (signed out, the app sends the person to sign in), asks for a link, opens the link
 * that arrives by email and confirms it; returns that email.
 */
export async function signIn(page: Page, baseUrl: string, email: string, from = '/app/'): Promise<ReceivedEmail> {
  const before = (await signInEmailsTo(email)).length;
  await page.goto(`${baseUrl}${from}`);
  await page.waitForSelector('#email');
  await page.type('#email', email);
  await page.click('button[type=submit]');
  await waitForText(page, 'Periksa email Anda');
  const emails = await waitForEmails((e) => e.to.some((t) => t.address === email) && SIGN_IN_SUBJECT.test(e.subject), before + 1);
  const mail = emails[emails.length - 1]!;
  const token = LINK.exec(mail.text)?.[1];
  if (!token) throw new Error(`no sign-in link in: ${mail.text}`);
  await page.goto(`${baseUrl}/app/masuk#token=${token}`);
  await clickButton(page, 'Masuk sekarang');
  await page.waitForSelector('[data-testid="signed-in-as"]');
  // Before signing in, the app's look at the session is answered 401: that is how it knows.
  clearPageProblems(page);
  return mail;
}

export async function waitForText(page: Page, text: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction((t: string) => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText.includes(t), { timeout }, text);
}

export async function bodyText(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText);
}

export async function clickButton(page: Page, label: string, within = ''): Promise<void> {
  const button = await page.waitForSelector(`${within} ::-p-xpath(.//button[normalize-space(.)=${JSON.stringify(label)}] | .//a[normalize-space(.)=${JSON.stringify(label)}])`);
  await button!.click();
}

/** Types into each named field of the form (clearing what it held), then picks each radio choice. */
export async function fillForm(page: Page, form: string, fields: Record<string, string>, choices: Record<string, string> = {}): Promise<void> {
  for (const [name, value] of Object.entries(choices)) await page.click(`${form} input[type=radio][name="f-${name.replace(/\./g, '-')}"][value="${value}"]`);
  for (const [name, value] of Object.entries(fields)) {
    const selector = `${form} [name="${name}"]`;
    const input = await page.waitForSelector(selector);
    const type = await input!.evaluate((e) => (e as unknown as { type: string }).type);
    if (type === 'date') {
      // A date input takes keystrokes in the browser's locale order; set it as the picker would.
      await input!.evaluate((e, v) => {
        const el = e as unknown as { value: string; dispatchEvent(ev: unknown): void };
        el.value = v;
        el.dispatchEvent(new (globalThis as unknown as { Event: new (t: string, o: object) => unknown }).Event('input', { bubbles: true }));
      }, value);
      continue;
    }
    await input!.click({ count: 3 });
    await page.keyboard.press('Backspace');
    await input!.type(value);
  }
}

/** The message shown under a field, or null. */
export async function fieldError(page: Page, form: string, name: string): Promise<string | null> {
  const id = `f-${name.replace(/\./g, '-')}-err`;
  return page.$eval(`${form} #${id}`, (e) => (e as unknown as { textContent: string }).textContent).catch(() => null);
}
