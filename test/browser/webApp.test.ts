// The web app in a real browser on the real stack: a Cirebon request clicked through from submission
// to go-live by each role in its own browser (each signed in by the email link read from MailDev),
// an applicant who cannot open another unit's case, a bad form's messages, and pages on a phone.
import type { Page } from 'puppeteer-core';
import { ApiHarness, eventually, OTHER_UNIT, staffEmail, startApiHarness } from '../integration/support/apiHarness';
import { emailsTo, listEmails } from '../support/mailbox';
import { expectNoHorizontalOverflow, expectNoPageProblems, saveScreenshot, screenshotOnFailure, useBrowser } from './support/browser';
import { bodyText, clickButton, fieldError, fillForm, signIn, waitForText } from './support/webApp';

const DB = 'kolokasi_web_app';
let h: ApiHarness;
const browser = useBrowser();
const pages: Partial<Record<string, Page>> = {};
/** KOLOKASI_SCREENSHOTS=1 keeps a picture of each form and phone page, to look at what people see. */
const keepPicture = async (page: Page, name: string): Promise<void> => {
  if (process.env.KOLOKASI_SCREENSHOTS) await saveScreenshot(page, name);
};

beforeAll(async () => {
  h = await startApiHarness(DB);
});
afterAll(async () => {
  await h?.close();
});

/** One signed-in browser per person, as each would have on their own desk. */
async function pageOf(user: string, phone = false): Promise<Page> {
  const key = `${user}${phone ? '-phone' : ''}`;
  if (!pages[key]) {
    const page = await browser.newPage({ phone });
    await signIn(page, h.baseUrl, staffEmail(user, DB));
    pages[key] = page;
  }
  return pages[key]!;
}

async function openCase(page: Page, no: string): Promise<void> {
  await page.goto(`${h.baseUrl}/app/permohonan/${no}`);
  await waitForText(page, `Permohonan ${no}`);
}

/** On the case page: waits for the form of `kind`, fills it in and sends it; then the case moves on. */
async function decide(user: string, no: string, kind: string, fields: Record<string, string> = {}, choices: Record<string, string> = {}): Promise<void> {
  const page = await pageOf(user);
  await screenshotOnFailure(page, `${no}-${kind}-${user}`, async () => {
    await openCase(page, no);
    const form = `[data-testid="decision-${kind}"]`;
    await page.waitForSelector(form);
    await fillForm(page, form, fields, choices);
    await keepPicture(page, `${kind}-${user}`);
    await clickButton(page, 'Kirim keputusan', form);
    await waitForText(page, 'Keputusan tercatat.');
    expectNoPageProblems(page);
  });
}

async function status(no: string): Promise<{ status: string; waitingFor: { kind: string; role: string } | null }> {
  return (await h.as('admin')('GET', `/requests/${no}`)).body;
}

let requestNumber: string;

test('an applicant signs in by the emailed link and submits a request, checked field by field as typed', async () => {
  const page = await pageOf('applicant');
  await screenshotOnFailure(page, 'submit', async () => {
    expect(await bodyText(page)).toContain('Permohonan saya');
    await clickButton(page, 'Ajukan permohonan');
    const form = '[data-testid="new-request"]';
    await page.waitForSelector(form);
    // The unit and the email come from the applicant's own record.
    expect(await page.$eval(`${form} [name="form.unitName"]`, (e) => (e as unknown as { value: string }).value)).toBe(h.applicantUnit);

    // Wrong values are named as they are typed, in Bahasa Indonesia, before anything is sent.
    await fillForm(page, form, { 'form.nip': '12345', 'form.domain': 'bukan domain', 'needs.rackUnits': '99' });
    expect(await fieldError(page, form, 'form.nip')).toBe('NIP harus 18 digit angka');
    expect(await fieldError(page, form, 'form.domain')).toBe('nama domain atau subdomain tidak valid');
    expect(await fieldError(page, form, 'needs.rackUnits')).toMatch(/42/);
    await clickButton(page, 'Kirim permohonan', form);
    await waitForText(page, 'Periksa kolom yang ditandai');
    expect(await fieldError(page, form, 'letter.letterNumber')).toBe('wajib diisi');
    expect((await h.as('applicant')('GET', '/requests')).body.total).toBe(0);

    await fillForm(page, form, {
      'letter.letterNumber': '045/771/Diskes/2026',
      'letter.letterDate': new Date().toISOString().slice(0, 10),
      'letter.subject': 'Permohonan co-location server SIMPUS',
      'form.responsibleOfficer': 'dr. Siti Rahmawati',
      'form.nip': '198503152010012003',
      'form.unitAddress': 'Jl. Kesehatan No. 1, Cirebon',
      'form.contactNumber': '0812-1111-2222',
      'form.domain': 'simpus.dinkes.example.go.id',
      'form.domainActiveDate': '2027-01-04',
      'servers.0.name': 'srv-simpus-01',
      'servers.0.processor': 'Intel Xeon Silver 4310',
      'servers.0.ram': '64 GB',
      'servers.0.motherboard': 'Dell 0X6FFV',
      'servers.0.storage': '2 x 1,2 TB SAS',
      'servers.0.psu': '2 x 800 W',
      'needs.rackUnits': '2',
      'needs.powerWatts': '800',
      'needs.bandwidthMbps': '100',
    });
    expect(await fieldError(page, form, 'form.nip')).toBeNull();
    await clickButton(page, 'Kirim permohonan', form);
    await page.waitForFunction(() => /\/app\/permohonan\/CRB-/.test((globalThis as unknown as { location: { pathname: string } }).location.pathname));
    requestNumber = (await page.evaluate(() => (globalThis as unknown as { location: { pathname: string } }).location.pathname)).split('/').pop()!;
    await waitForText(page, 'Menunggu:');
    expect(await bodyText(page)).toContain('Kepala Bidang Aptika');
    expectNoPageProblems(page);
  });
  const listed = await h.as('applicant')('GET', '/requests');
  expect(listed.body.items.map((r: { requestNumber: string }) => r.requestNumber)).toEqual([requestNumber]);
});

test('the case goes to go-live, each decision clicked by its own role on the case page', async () => {
  const no = requestNumber;
  // Kabid finds it in the inbox, with its SLA state, and opens it from there.
  const kabid = await pageOf('kabid');
  await kabid.goto(`${h.baseUrl}/app/tugas`);
  await waitForText(kabid, no);
  expect(await bodyText(kabid)).toMatch(/1 tugas menunggu/);
  await clickButton(kabid, no);
  await kabid.waitForSelector('[data-testid="decision-disposition"]');

  // Someone else's step is shown, not offered.
  const dcStaff = await pageOf('dcStaff');
  await openCase(dcStaff, no);
  expect(await dcStaff.$('[data-testid^="decision-"]')).toBeNull();
  expect(await bodyText(dcStaff)).toContain('Keputusan langkah ini diambil oleh Kepala Bidang Aptika');

  await decide('kabid', no, 'disposition', { note: 'Diteruskan ke Seksi Infrastruktur' });
  await decide('kasi', no, 'disposition');
  await decide('dcStaff', no, 'capacityCheck', { note: 'Rak R01 cukup' }, { outcome: 'confirm' });
  await decide('applicant', no, 'applicationForm');
  await decide('kabid', no, 'approval', { consideration: 'Kapasitas tersedia dan dokumen lengkap', 'form.serialNumber': 'SN-WEB-0001', 'form.typeAndBrand': 'Dell PowerEdge R650', 'form.hostAdminUser': 'admin-simpus', 'form.contactPerson': 'Siti Rahmawati 0812-1111-2222' }, { decision: 'approve' });
  await eventually(() => status(no), (s) => s.waitingFor?.kind === 'deviceDelivery', `${no} to wait for the server`);
  await decide('dcStaff', no, 'deviceDelivery', { deliveredBy: 'Budi Santoso' });
  // The spec table comes prefilled with the server and the approved S/N: staff confirm it.
  await decide('dcStaff', no, 'specVerification', {}, { result: 'match' });
  await decide('dcStaff', no, 'installation', { monitoringId: `zabbix-${no}` });
  await decide('dcStaff', no, 'handover', { 'handedOverBy.name': 'Siti Rahmawati', 'handedOverBy.nip': '198503152010012003', 'receivedBy.name': 'Andi Pratama', 'receivedBy.nip': '199001012015031001' });

  const done = await eventually(() => status(no), (s) => s.status === 'completed', `${no} to complete`);
  expect(done.status).toBe('completed');
  const applicant = await pageOf('applicant');
  await openCase(applicant, no);
  await waitForText(applicant, 'Selesai');
  await waitForText(applicant, 'Berita Acara Serah Terima — BAST/');
  const text = await bodyText(applicant);
  expect(text).toMatch(/Berita Acara Serah Terima — BAST\/\d{4}\/CRB\/\d{4}/);
  expect(text).toContain('Unduh PDF');
  expect(text).toContain('Berita Acara Serah Terima');
  // Every decision, by whom, in the timeline.
  expect(text.match(/— langkah \d+:/g)).toHaveLength(9);
  expectNoPageProblems(applicant);
});

test('an applicant of another unit cannot open the case nor see it listed', async () => {
  const other = await pageOf('otherApplicant');
  await screenshotOnFailure(other, 'other-unit', async () => {
    await other.goto(`${h.baseUrl}/app/permohonan/${requestNumber}`);
    await waitForText(other, 'tidak ditemukan atau bukan milik unit Anda');
    expect(await bodyText(other)).not.toContain('srv-simpus-01');
    await other.goto(`${h.baseUrl}/app/permohonan`);
    await waitForText(other, 'Belum ada permohonan.');
    expect(await bodyText(other)).not.toContain(requestNumber);
    expect(await bodyText(other)).toContain(OTHER_UNIT);
  });
  expectNoPageProblems(other, [/\/requests\/CRB-[\d-]+(: HTTP 40[34]|\))/]);
});

test('a link from an email to a case page leads there once signed in', async () => {
  const page = await browser.newPage();
  await signIn(page, h.baseUrl, staffEmail('kadis', DB), `/app/permohonan/${requestNumber}`);
  await waitForText(page, `Permohonan ${requestNumber}`);
  expect(await page.evaluate(() => (globalThis as unknown as { location: { pathname: string } }).location.pathname)).toBe(`/app/permohonan/${requestNumber}`);
  expectNoPageProblems(page);
});

test('a sign-in link works once: a second use is refused and nothing is signed in', async () => {
  const page = await browser.newPage();
  const mail = await signIn(page, h.baseUrl, staffEmail('kasi', DB));
  const token = /#token=([\w-]+)/.exec(mail.text)![1];
  const again = await browser.newPage();
  await again.goto(`${h.baseUrl}/app/masuk#token=${token}`);
  await clickButton(again, 'Masuk sekarang');
  await again.waitForSelector('.alert.error');
  expect(await again.$('[data-testid="signed-in-as"]')).toBeNull();
  // An unknown address is answered the same, and no email goes out.
  const stranger = 'orang.asing@contoh.go.id';
  const page2 = await browser.newPage();
  await page2.goto(`${h.baseUrl}/app/masuk`);
  await page2.type('#email', stranger);
  await page2.click('button[type=submit]');
  await waitForText(page2, 'Periksa email Anda');
  await new Promise((r) => setTimeout(r, 1000));
  expect(emailsTo(await listEmails(), stranger)).toHaveLength(0);
});

test.each([
  ['inbox', '/app/tugas', 'kabid'],
  ['case page', '', 'applicant'],
  ['capacity', '/app/kapasitas', 'dcStaff'],
  ['new request form', '/app/permohonan/baru', 'applicant'],
])('on a phone, the %s fits the screen', async (name, path, user) => {
  const page = await pageOf(user, true);
  await screenshotOnFailure(page, `phone-${name}`, async () => {
    await page.goto(`${h.baseUrl}${path || `/app/permohonan/${requestNumber}`}`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('main h1');
    await keepPicture(page, `phone-${name}`);
    await expectNoHorizontalOverflow(page);
    expectNoPageProblems(page);
  });
});

test('the capacity page draws the rack with the installed server and the pools as gauges', async () => {
  const page = await pageOf('dcStaff');
  await page.goto(`${h.baseUrl}/app/kapasitas`);
  await page.waitForSelector('[data-testid="rack-R01-installed"]');
  const installed = await page.$eval('[data-testid="rack-R01-installed"]', (e) => (e as unknown as { textContent: string }).textContent);
  expect(installed).toContain(requestNumber);
  expect(installed).toContain('U1–U2');
  expect(await page.$$eval('meter', (m) => m.length)).toBe(5);
  await keepPicture(page, 'capacity');
  expectNoPageProblems(page);
});

test('an admin adds a user, issues an API token shown once, revokes it, and reads the SOP diagram', async () => {
  const page = await pageOf('admin');
  await screenshotOnFailure(page, 'admin', async () => {
    await page.goto(`${h.baseUrl}/app/admin/pengguna`);
    const userForm = '[data-testid="new-user"]';
    await page.waitForSelector(userForm);
    // The same rule as the API's: an applicant needs a unit.
    await fillForm(page, userForm, { name: 'Rina Kartika', email: 'rina@dinsos.example.go.id' });
    await page.select(`${userForm} [name="role"]`, 'applicant');
    await clickButton(page, 'Tambah pengguna', userForm);
    expect(await fieldError(page, userForm, 'unitName')).toBe('pemohon wajib punya unit kerja');
    await fillForm(page, userForm, { unitName: 'Dinas Sosial' });
    await clickButton(page, 'Tambah pengguna', userForm);
    await waitForText(page, 'rina@dinsos.example.go.id');
    const created = (await h.as('admin')('GET', '/users')).body.items.find((u: { email: string }) => u.email === 'rina@dinsos.example.go.id');
    expect(created).toMatchObject({ name: 'Rina Kartika', role: 'applicant', unitName: 'Dinas Sosial', active: true });

    const tokenForm = '[data-testid="new-token"]';
    await fillForm(page, tokenForm, { name: 'Integrasi SIMPEG', expiresInDays: '30' });
    await page.select(`${tokenForm} [name="userId"]`, created.id);
    await clickButton(page, 'Buat token', tokenForm);
    const shown = await page.waitForSelector('[data-testid="new-token-value"]');
    const token = await shown!.evaluate((e) => (e as unknown as { textContent: string }).textContent);
    expect((await h.call('GET', '/me', { token })).body).toMatchObject({ id: created.id });
    // This token's row: the demo users' tokens are listed with their own "Cabut" buttons, and the
    // list may not have reloaded with the new token yet.
    const row = await page.waitForSelector('::-p-xpath(//tr[td[normalize-space(.)="Integrasi SIMPEG"]])');
    await (await row!.waitForSelector('::-p-xpath(.//button[normalize-space(.)="Cabut"])'))!.click();
    await row!.waitForSelector('::-p-xpath(.//span[normalize-space(.)="Dicabut"])');
    expect((await h.call('GET', '/me', { token })).status).toBe(401);

    await page.goto(`${h.baseUrl}/app/profil`);
    await page.waitForSelector('[data-testid="diagram-colocation"] svg', { timeout: 30_000 });
    await keepPicture(page, 'profile');
    expectNoPageProblems(page);
  });
});
