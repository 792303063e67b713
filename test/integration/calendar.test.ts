// The working calendar as an admin keeps it, against real FerretDB: the admin API, health reporting
// a year nobody recorded, the email to admins (once per year), and the activity a case reads its
// years with. Temporal and SMTP are not involved, so the API runs with stand-ins for them, and only
// the routes this test calls are mounted (the same declarations, router and error handler as the app).
import type { Client } from '@temporalio/client';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import { requiredYears } from '../../activities/calendarCoverage';
import { seedCalendar } from '../../activities/calendarStore';
import type { Mailer } from '../../activities/mailer';
import { createProfileActivities } from '../../activities/profile';
import { loadWorkingYears } from '../../activities/workingYears';
import type { ApiDeps } from '../../api/deps';
import { errorHandler, unknownRoute } from '../../api/errors';
import { mountRoutes } from '../../api/route';
import { calendarRoutes } from '../../api/routes/calendar';
import { healthRoute } from '../../api/routes/health';
import { serveApi } from '../../api/server';
import { issueApiToken } from '../../api/apiTokens/apiTokens';
import { connectMongo, disconnectMongo } from '../../shared/db/connect';
import { OutboxEmail } from '../../shared/db/outbox';
import { User, UserRole } from '../../shared/db/user';
import { useIndonesianValidationMessages } from '../../shared/zodLocale';
import { startCalendarWatch } from '../../worker/calendarWatch';

// The profile files are being rewritten to the SOP-book format (issue 8) and do not load yet; the
// calendar needs only a profile's id, agency, time zone and calendar, so a Cirebon stand-in serves.
jest.mock('../../shared/profile/registry', () => {
  const cirebon = {
    id: 'cirebon',
    agency: { name: 'Diskominfo Kabupaten Cirebon', region: 'Kabupaten Cirebon' },
    timeZone: 'WIB',
    calendar: { workingDays: [1, 2, 3, 4, 5], workingHours: { start: '08:00', end: '16:00' }, holidays: { country: 'ID' }, extraNonWorkingDates: { '2026': ['2026-06-17'] } },
  };
  return { getProfile: () => cirebon, listProfiles: () => [cirebon] };
});

const DATABASE = 'kolokasi_calendar_test';
const tokens = { admin: 'calendar-admin-token', kabid: 'calendar-kabid-token' } satisfies Partial<Record<UserRole, string>>;
// Every year from the next on has no recorded cuti bersama: the seed stops at 2026.
const [thisYear, nextYear] = requiredYears('cirebon', Date.now()) as [number, number];

function calendarApp(deps: ApiDeps): express.Express {
  useIndonesianValidationMessages();
  const app = express();
  app.use(express.json());
  const router = express.Router();
  mountRoutes(router, [healthRoute, ...calendarRoutes], deps);
  app.use(router, unknownRoute, errorHandler(() => undefined));
  return app;
}

let server: Server;
let baseUrl: string;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked with expect()
async function call(method: string, path: string, o: { token?: string; body?: unknown } = {}): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = o.token ? { authorization: `Bearer ${o.token}` } : {};
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
  return { status: response.status, body: await response.json() };
}
const as = (who: keyof typeof tokens) => (method: string, path: string, body?: unknown) => call(method, path, { token: tokens[who], body });
const admin = as('admin');
const kabid = as('kabid');

beforeAll(async () => {
  await connectMongo(process.env.MONGODB_URI!.replace(/\/kolokasi$/, `/${DATABASE}`));
  await mongoose.connection.dropDatabase();
  for (const [role, token] of Object.entries(tokens) as [UserRole, string][]) {
    await User.create({ _id: `calendar-${role}`, name: `Uji ${role}`, email: `${role}.calendar@kominfo.test`, role, active: true, createdAt: new Date() });
    await issueApiToken({ userId: `calendar-${role}`, name: 'uji', expiresInDays: 30, token });
  }
  const temporal = { workflowService: { getSystemInfo: async () => ({}) } } as unknown as Client;
  const mailer = { verify: async () => true } as unknown as Mailer;
  server = await serveApi(calendarApp({ temporal, mailer, taskQueue: 'unused', profileId: 'cirebon' }), 0, '127.0.0.1');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await disconnectMongo();
});

test('health is degraded, not down, while next year is missing; only an admin sees which year', async () => {
  const publicAnswer = await call('GET', '/health');
  expect(publicAnswer.status).toBe(200);
  expect(publicAnswer.body).toEqual({ status: 'degraded', checks: { temporal: { ok: true }, mongodb: { ok: true }, smtp: { ok: true } } });

  const adminAnswer = await admin('GET', '/health');
  expect(adminAnswer.status).toBe(200);
  expect(adminAnswer.body.calendar.missing).toContain(nextYear);
  expect(adminAnswer.body.calendar.covered).not.toContain(nextYear);
  expect((await kabid('GET', '/health')).body.calendar).toBeUndefined();
});

test('the seeded years are listed with their decree; the missing year is listed as not covered', async () => {
  const { status, body } = await admin('GET', '/calendar/years');
  expect(status).toBe(200);
  expect(body.profileId).toBe('cirebon');
  const y2026 = body.years.find((y: { year: number }) => y.year === 2026);
  expect(y2026).toMatchObject({ covered: true, cutiBersama: { source: 'cuti-bersama.json', decree: expect.stringContaining('2026') } });
  expect(y2026.cutiBersama.dates).toContain('2026-12-24');
  expect(y2026.agencyDays).toMatchObject({ source: 'profile', dates: ['2026-06-17'] });
  expect(body.years.find((y: { year: number }) => y.year === nextYear)).toMatchObject({ covered: false, required: true, cutiBersama: null });
  expect(body.missing).toContain(nextYear);
});

test('a non-admin may neither read nor change the calendar', async () => {
  for (const [method, path, body] of [
    ['GET', '/calendar/years', undefined],
    ['PUT', `/calendar/years/${nextYear}/cuti-bersama`, { decree: 'SKB', dates: [] }],
    ['PUT', `/calendar/years/${nextYear}/agency-days`, { dates: [] }],
  ] as const) {
    const response = await kabid(method, path, body);
    expect([path, response.status, response.body.error?.message]).toEqual([path, 403, 'Hanya admin yang dapat melihat dan mengubah kalender kerja.']);
  }
  expect((await call('GET', '/calendar/years')).status).toBe(401);
});

test('a wrong body answers 400 naming the wrong date, and changes nothing', async () => {
  const before = (await admin('GET', '/calendar/years')).body;
  const y = nextYear;
  const cases: [unknown, Record<string, string>][] = [
    [{ decree: 'SKB', dates: [`${y}-01-02`, `${y + 1}-01-04`] }, { 'dates.1': `${y + 1}-01-04 tidak jatuh pada tahun ${y}` }],
    [{ decree: 'SKB', dates: [`${y}-05-14`, `${y}-05-14`] }, { 'dates.1': `${y}-05-14 disebut lebih dari sekali` }],
    [{ decree: 'SKB', dates: [`${y}-02-30`, 'besok'] }, { 'dates.0': expect.stringContaining('bukan tanggal yang sah'), 'dates.1': expect.stringContaining('bukan tanggal yang sah') }],
    [{ decree: 'SKB', dates: Array.from({ length: 61 }, (_, i) => new Date(Date.UTC(y, 0, 1 + i)).toISOString().slice(0, 10)) }, { dates: 'paling banyak 60 tanggal' }],
    [{ dates: [] }, { decree: 'wajib diisi' }],
    [{ decree: 'SKB', dates: [], extra: 1 }, { extra: expect.stringContaining('kolom tidak dikenal') }],
  ];
  for (const [body, fields] of cases) {
    const response = await admin('PUT', `/calendar/years/${y}/cuti-bersama`, body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields });
  }
  const agency = await admin('PUT', `/calendar/years/${y}/agency-days`, { dates: [`${y - 1}-12-31`] });
  expect(agency.status).toBe(400);
  expect(agency.body.error.fields).toEqual({ 'dates.0': `${y - 1}-12-31 tidak jatuh pada tahun ${y}` });
  expect((await admin('PUT', '/calendar/years/tahun-depan/cuti-bersama', { decree: 'SKB', dates: [] })).status).toBe(404);

  expect((await admin('GET', '/calendar/years')).body).toEqual(before);
});

test('an admin records next year: GET shows it, health is ok again, and a case reads the dates', async () => {
  const cuti = [`${nextYear}-12-24`, `${nextYear}-01-02`];
  const put = await admin('PUT', `/calendar/years/${nextYear}/cuti-bersama`, { decree: `SKB Cuti Bersama Tahun ${nextYear}`, dates: cuti });
  expect(put.status).toBe(200);
  expect(put.body).toMatchObject({ year: nextYear, covered: true, cutiBersama: { decree: `SKB Cuti Bersama Tahun ${nextYear}`, dates: [...cuti].sort(), source: 'admin', updatedBy: 'calendar-admin' } });
  const agency = await admin('PUT', `/calendar/years/${nextYear}/agency-days`, { dates: [`${nextYear}-07-01`], note: 'Hari jadi Kabupaten Cirebon' });
  expect(agency.body).toMatchObject({ agencyDays: { dates: [`${nextYear}-07-01`], note: 'Hari jadi Kabupaten Cirebon' } });

  const listed = (await admin('GET', '/calendar/years')).body;
  expect(listed.years.find((y: { year: number }) => y.year === nextYear)).toMatchObject({ covered: true, cutiBersama: { dates: [...cuti].sort() }, agencyDays: { dates: [`${nextYear}-07-01`] } });
  expect(listed.missing).not.toContain(nextYear);

  const health = await admin('GET', '/health');
  expect(health.body.calendar).toEqual({ covered: expect.arrayContaining([nextYear]), missing: thisYear <= 2026 ? [] : [thisYear] });
  if (thisYear <= 2026) expect(health.body.status).toBe('ok');

  const working = await loadWorkingYears({ profileId: 'cirebon', years: [nextYear] });
  expect(working.nonWorkingDates).toEqual(expect.arrayContaining([...cuti, `${nextYear}-07-01`, `${nextYear}-08-17`]));
  expect(working).toMatchObject({ years: [nextYear], missing: [] });
  const snapshot = await createProfileActivities().loadProfileSnapshot({ profileId: 'cirebon', years: [nextYear] });
  expect(snapshot).toMatchObject({ years: [nextYear], nonWorkingDates: working.nonWorkingDates });
  expect(snapshot.profile.id).toBe('cirebon');

  // A second PUT replaces the year's list; "tidak ada" with no dates still covers the year.
  await admin('PUT', `/calendar/years/${nextYear}/cuti-bersama`, { decree: 'tidak ada', dates: [] });
  const again = await loadWorkingYears({ profileId: 'cirebon', years: [nextYear] });
  expect(again.missing).toEqual([]);
  expect(again.nonWorkingDates).not.toContain(`${nextYear}-12-24`);
});

test('what an admin recorded survives the seed running again (another process starting)', async () => {
  await admin('PUT', '/calendar/years/2026/agency-days', { dates: ['2026-06-18'], note: 'Digeser' });
  await seedCalendar();
  const working = await loadWorkingYears({ profileId: 'cirebon', years: [2026] });
  expect(working.nonWorkingDates).toContain('2026-06-18');
  expect(working.nonWorkingDates).not.toContain('2026-06-17');
});

test('a year without cuti bersama is still loaded with its national holidays, and named missing', async () => {
  const working = await loadWorkingYears({ profileId: 'cirebon', years: [2026, 2040] });
  expect(working.missing).toEqual([2040]);
  expect(working.nonWorkingDates).toEqual(expect.arrayContaining(['2026-12-24', '2040-08-17']));
});

test('the worker emails the admins once per missing year, however often it checks', async () => {
  const lines: string[] = [];
  const watch = startCalendarWatch({ profileId: 'cirebon', intervalMs: 50, now: () => Date.UTC(2040, 5, 1), log: (line) => lines.push(line) });
  await new Promise((r) => setTimeout(r, 500));
  await watch.stop();

  const emails = await OutboxEmail.find({ template: 'calendarYearMissing' }).sort({ _id: 1 }).lean();
  expect(emails.map((e) => e._id)).toEqual(['calendar-missing/cirebon/2040', 'calendar-missing/cirebon/2041']);
  expect(emails[0]).toMatchObject({ to: ['admin.calendar@kominfo.test'], status: 'pending', subject: 'Kalender kerja 2040 belum lengkap: cuti bersama belum dicatat' });
  expect(emails[0]!.text).toContain('PUT /calendar/years/2040/cuti-bersama');
  expect(lines.filter((line) => line.includes('admins emailed'))).toHaveLength(2);
});
