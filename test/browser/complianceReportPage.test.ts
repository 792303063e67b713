// The web app's Laporan SOP page in Chromium: a Kasi picks a year, reads each procedure's table and
// finds the CSV and PDF of that same period to download; on a phone the tables scroll in their box.
import { RequestRecord } from '../../shared/db/requestRecord';
import { getProfile } from '../../shared/profile/registry';
import { ApiHarness, startApiHarness } from '../integration/support/apiHarness';
import { expectNoHorizontalOverflow, expectNoPageProblems, saveScreenshot, screenshotOnFailure, useBrowser } from './support/browser';
import { bodyText, signIn, waitForText } from './support/webApp';

let h: ApiHarness;
const browser = useBrowser();
const kaltim = getProfile('kaltim');
const withdrawal = kaltim.procedures.find((p) => p.id === 'withdrawal')!;

beforeAll(async () => {
  h = await startApiHarness('browser_compliance_report', { profileId: 'kaltim' });
  // Two finished withdrawals of 2026: row 2 took 200 and 600 working minutes (standard 480).
  await RequestRecord.insertMany([200, 600].map((minutes, i) => {
    const no = `KTM-PC-2019-0000${i + 1}`;
    const at = `2026-0${i + 3}-10T03:00:00.000Z`;
    const steps = withdrawal.activities.map((a) => ({ sopStep: a.no, stepId: `${a.no}#1`, title: a.title, performer: a.performer, performerTitle: 'x', output: a.output, standardWorkingMinutes: a.no === '1' ? undefined : 480 * Number(a.no) - 480, startedAt: at, completedAt: at, actualWorkingMinutes: a.no === '2' ? minutes : 60, ...(a.no === '2' && minutes > 480 ? { breachedAt: at } : {}) }));
    return { _id: no, revision: 5, workflowId: `withdrawal-${no}`, profileId: 'kaltim', agency: 'x', applicantUnit: 'Dinas Kesehatan', status: 'completed', slaBreached: false, submittedAt: new Date(at), updatedAt: new Date(),
      state: { requestNumber: no, procedureId: 'withdrawal', status: 'completed', closedAt: at, applicantWaitMinutes: 0, steps } };
  }));
});
afterAll(() => h?.close());

test.each([['desktop', false], ['phone', true]])('the Kasi reads a year of the SOP report and finds its files (%s)', async (name, phone) => {
  const page = await browser.newPage({ phone });
  await screenshotOnFailure(page, `laporan-${name}`, async () => {
    await signIn(page, h.baseUrl, h.users.kasi.email, '/app/laporan');
    await page.goto(`${h.baseUrl}/app/laporan`);
    await waitForText(page, 'Laporan pemantauan dan evaluasi SOP');
    await page.select('select', 'year');
    const year = await page.waitForSelector('input[aria-label="Tahun"]');
    await year!.click({ count: 3 });
    await year!.type('2026');
    await page.keyboard.press('Tab');
    await waitForText(page, 'Tahun 2026: 2 permohonan yang ditutup dalam periode');
    const text = await bodyText(page);
    expect(text).toContain(withdrawal.title);
    // Row 2: 200 and 600 → median (lower middle) 200, P90 600; on time 1 of 2.
    expect(text).toMatch(/200\s+600\s+1\/2 \(50%\)\s+1\s+0/);
    const links = await page.$$eval('a[download]', (as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['/reports/compliance.csv?period=2026', '/reports/compliance.pdf?period=2026']);
    const pdf = await page.evaluate(async (href) => { const r = await fetch(href!); return [r.status, r.headers.get('content-type')]; }, links[1]);
    expect(pdf).toEqual([200, 'application/pdf']);
    if (phone) await expectNoHorizontalOverflow(page);
    expectNoPageProblems(page);
    if (process.env.KOLOKASI_SCREENSHOTS) await saveScreenshot(page, `laporan-${name}`);
  });
});
