// The browser harness on the real stack: the API's interactive docs (/docs, served by the API
// itself) open in Chromium at desktop and phone size, readable, without errors, and on a phone
// without sideways scrolling.
import { existsSync } from 'node:fs';
import { ApiHarness, eventually, startApiHarness } from '../integration/support/apiHarness';
import { expectNoHorizontalOverflow, expectNoPageProblems, pageProblems, screenshotOnFailure, useBrowser } from './support/browser';

let h: ApiHarness;
const browser = useBrowser();

beforeAll(async () => {
  h = await startApiHarness('browserSmoke', { seedUsers: false });
});

afterAll(async () => {
  await h?.close();
});

test.each([
  ['desktop', false],
  ['phone', true],
])('/docs opens on a %s with its title shown and no errors', async (name, phone) => {
  const page = await browser.newPage({ phone });
  await screenshotOnFailure(page, `docs-${name}`, async () => {
    await page.goto(`${h.baseUrl}/docs/`, { waitUntil: 'networkidle0' });
    expect(await page.title()).toBe('Kolokasi API');
    const heading = await page.waitForSelector('.info .title', { visible: true });
    expect(await heading!.evaluate((e) => e.textContent)).toMatch(/^Kolokasi API/);
    expectNoPageProblems(page);
    if (phone) await expectNoHorizontalOverflow(page);
  });
});

test('the harness sees what goes wrong: a console error, a failed request, a page too wide for a phone', async () => {
  const page = await browser.newPage({ phone: true });
  await page.goto(`${h.baseUrl}/health`);
  await page.setContent('<meta name="viewport" content="width=device-width"><div id="lebar" style="width:800px">terlalu lebar</div>');
  await page.evaluate(async () => {
    console.error('rusak');
    await fetch('/tidak-ada').catch(() => undefined);
  });
  // Waits for both problems by name: the browser's own favicon request may fail first and count.
  const seen = (problems: string[]) => problems.some((p) => /^console error: rusak/.test(p)) && problems.some((p) => /^request failed: GET .*\/tidak-ada/.test(p));
  await eventually(async () => pageProblems(page), seen, 'the page\'s problems to be seen');
  expect(pageProblems(page)).toEqual(expect.arrayContaining([expect.stringMatching(/^console error: rusak/), expect.stringMatching(/^request failed: GET .*\/tidak-ada: HTTP 404$/)]));
  await expect(expectNoHorizontalOverflow(page)).rejects.toThrow(/div#lebar/);
  const failed = await screenshotOnFailure(page, 'harness-self-check', async () => {
    throw new Error('sengaja gagal');
  }).catch((error: Error) => error.message);
  const screenshot = /screenshot: (.+\.png)$/.exec(failed)?.[1];
  expect(screenshot && existsSync(screenshot)).toBe(true);
});
