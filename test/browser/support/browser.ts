// Browser tests drive the system's Chromium (provisioned by globalSetup, KOLOKASI_CHROMIUM) with
// puppeteer-core, which never downloads a browser of its own. Every page records what went wrong
// in it (console errors, uncaught exceptions, failed requests) so a test can assert there was none.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { Browser, Page, Viewport } from 'puppeteer-core';
import { findChromium } from '../../../scripts/tools';

export const DESKTOP_VIEWPORT: Viewport = { width: 1280, height: 800 };
/** A common phone (390×844 CSS pixels), honouring the page's meta viewport and touch as a phone does. */
export const PHONE_VIEWPORT: Viewport = { width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

export interface NewPageOptions {
  /** The phone viewport instead of the desktop one. */
  phone?: boolean;
}

export interface BrowserSession {
  /** A page in a browser context of its own, so one user's cookies and storage never reach another's page. */
  newPage(options?: NewPageOptions): Promise<Page>;
  close(): Promise<void>;
}

const problemsByPage = new WeakMap<Page, string[]>();

function chromiumPath(): string {
  const path = process.env.KOLOKASI_CHROMIUM ?? findChromium();
  if (!path) throw new Error('No Chromium: run the browser tests through jest, whose globalSetup provisions it (npm run provision)');
  return path;
}

function watchProblems(page: Page): void {
  const problems: string[] = [];
  problemsByPage.set(page, problems);
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    problems.push(`console error: ${message.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error instanceof Error ? error.message : String(error)}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.method()} ${request.url()}: ${request.failure()?.errorText ?? 'unknown error'}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`request failed: ${response.request().method()} ${response.url()}: HTTP ${response.status()}`);
  });
}

export async function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Tests run as root, where Chromium's sandbox refuses to start; /dev/shm is small in containers.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
    // Two busy cores can take a while to start a browser beside the stack.
    timeout: 60_000,
  });
}

export async function startBrowser(): Promise<BrowserSession> {
  const browser = await launchBrowser();
  return {
    async newPage(options = {}) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      watchProblems(page);
      await page.setViewport(options.phone ? PHONE_VIEWPORT : DESKTOP_VIEWPORT);
      return page;
    },
    async close() {
      await browser.close();
    },
  };
}

/** One browser for the calling test file: started in beforeAll, closed (with every page) in afterAll. */
export function useBrowser(): BrowserSession {
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    session = await startBrowser();
  });
  const close = async (): Promise<void> => {
    await session?.close();
    session = undefined;
  };
  afterAll(close);
  return {
    newPage: (options) => {
      if (!session) throw new Error('useBrowser(): the browser starts in beforeAll; open pages in a test or a later hook');
      return session.newPage(options);
    },
    close,
  };
}

/** What went wrong in the page so far: console errors, uncaught exceptions, failed or 4xx/5xx requests. */
export function pageProblems(page: Page): string[] {
  return [...(problemsByPage.get(page) ?? [])];
}

/** Forgets what went wrong so far: a test that signs in starts counting after the refusals signing in meets. */
export function clearPageProblems(page: Page): void {
  problemsByPage.get(page)?.splice(0);
}

/** Asserts the page had no problem; `allow` lists the ones a test provokes on purpose (a refused login). */
export function expectNoPageProblems(page: Page, allow: RegExp[] = []): void {
  expect(pageProblems(page).filter((p) => !allow.some((a) => a.test(p)))).toEqual([]);
}

// The test program is type-checked without the DOM library (it runs in Node): these name the little
// of the page that code run inside it with page.evaluate reads.
interface PageElement {
  tagName: string;
  id: string;
  classList: Iterable<string>;
  getBoundingClientRect(): { right: number };
}
interface PageDocument {
  documentElement: { scrollWidth: number };
  querySelectorAll(selector: string): Iterable<PageElement>;
}

/**
 * Asserts nothing is wider than the screen (a page a phone has to scroll sideways), naming what sticks
 * out. The screen is the viewport the page was opened with, not window.innerWidth: in a phone
 * viewport Chrome zooms out to fit wide content, and innerWidth grows with it (an 800px-wide box
 * reads innerWidth 809 on a 390px phone), so comparing with it would never fail. A page without a
 * meta viewport is laid out 980px wide on a phone, and fails too.
 */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const screenWidth = page.viewport()?.width;
  if (!screenWidth) throw new Error('expectNoHorizontalOverflow: the page has no viewport; open it with newPage()');
  const layout = await page.evaluate((limit: number) => {
    const { document } = globalThis as unknown as { document: PageDocument };
    const describe = (e: PageElement): string => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${[...e.classList].map((c) => `.${c}`).join('')}`;
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > limit + 0.5)
      .slice(0, 5)
      .map((e) => `${describe(e)} (right edge ${Math.round(e.getBoundingClientRect().right)}px)`);
    return { scrollWidth: document.documentElement.scrollWidth, wide };
  }, screenWidth);
  if (layout.scrollWidth > screenWidth) {
    throw new Error(`The page is ${layout.scrollWidth}px wide on a ${screenWidth}px screen; sticking out: ${layout.wide.join(', ') || '(no element: a page without a meta viewport?)'}`);
  }
}

function screenshotDir(): string {
  const dir = join(process.env.KOLOKASI_TEST_LOG_DIR ?? join(process.cwd(), '.tmp'), 'screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Saves a full-page PNG under the test log directory and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const file = join(screenshotDir(), `${name.replace(/[^\w.-]+/g, '-')}-${Date.now()}.png`);
  await page.screenshot({ path: file as `${string}.png`, fullPage: true });
  return file;
}

/** Runs `steps`; if they fail, saves a screenshot of the page and names it in the error. */
export async function screenshotOnFailure<T>(page: Page, name: string, steps: () => Promise<T>): Promise<T> {
  try {
    return await steps();
  } catch (error) {
    const file = await saveScreenshot(page, name).catch((e: unknown) => `(no screenshot: ${e instanceof Error ? e.message : String(e)})`);
    if (error instanceof Error) error.message += `\n  screenshot: ${file}`;
    throw error;
  }
}
