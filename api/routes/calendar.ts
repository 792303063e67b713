// The working calendar over HTTP: an admin records each year's national cuti bersama (once its SKB
// is out) and the agency's own non-working days, without a deploy. Running cases read a year's
// dates when their clock reaches it, so a year recorded late still counts for them.
import { z } from 'zod';
import { isCalendarDate } from '../../activities/calendar';
import { requiredYears } from '../../activities/calendarCoverage';
import { CalendarEntry, calendarEntries, recordAgencyDays, recordCutiBersama } from '../../activities/calendarStore';
import { calendarSources, NATIONAL } from '../../shared/db/calendarYear';
import { strictObject, text } from '../../shared/text';
import type { Caller } from '../auth';
import { forbidden } from '../errors';
import { defineRoute } from '../route';

/** A year has a handful of cuti bersama and agency days; far more is a mistake, not a calendar. */
const MAX_DATES = 60;

function ensureAdmin(caller: Caller): void {
  if (caller.role !== 'admin') throw forbidden('Hanya admin yang dapat melihat dan mengubah kalender kerja.');
}

/** Dates of one year (when given): real dates, each once, at most MAX_DATES. */
function datesOf(year?: number) {
  return z
    .array(z.iso.date('bukan tanggal yang sah (format YYYY-MM-DD, mis. 2027-01-04)'))
    .max(MAX_DATES, `paling banyak ${MAX_DATES} tanggal`)
    .superRefine((dates, ctx) => {
      const seen = new Set<string>();
      dates.forEach((date, i) => {
        if (year !== undefined && isCalendarDate(date) && !date.startsWith(`${year}-`)) ctx.addIssue({ code: 'custom', path: [i], message: `${date} tidak jatuh pada tahun ${year}` });
        if (seen.has(date)) ctx.addIssue({ code: 'custom', path: [i], message: `${date} disebut lebih dari sekali` });
        seen.add(date);
      });
    })
    .meta({ description: `Tanggal YYYY-MM-DD pada tahun itu, masing-masing sekali, paling banyak ${MAX_DATES}. Daftar ini menggantikan daftar sebelumnya.` });
}

// Bodies are built per year (the year is in the path); the docs show the year-less form.
const cutiBersamaBody = (year?: number) =>
  strictObject({
    decree: text(300).meta({ description: 'Dasar penetapan, mis. nomor SKB; "tidak ada" bila tahun itu tanpa cuti bersama.', example: 'SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB tentang Hari Libur Nasional dan Cuti Bersama Tahun 2027' }),
    dates: datesOf(year),
  });
const cutiBersamaDoc = cutiBersamaBody().meta({ id: 'CutiBersamaInput' });

const agencyDaysBody = (year?: number) =>
  strictObject({
    dates: datesOf(year),
    note: text(500, { multiline: true }).optional().meta({ description: 'Dasar atau alasan, mis. surat edaran bupati.' }),
  });
const agencyDaysDoc = agencyDaysBody().meta({ id: 'AgencyDaysInput' });

const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100).meta({ example: 2027 }) });

const recorded = (withDecree: boolean) =>
  z
    .object({
      dates: z.array(z.string()),
      ...(withDecree ? { decree: z.string() } : { note: z.string().optional() }),
      source: z.enum(calendarSources).meta({ description: 'Dari berkas awal, dari profil, atau dicatat admin.' }),
      updatedAt: z.string(),
      updatedBy: z.string().optional(),
    })
    .nullable();

const yearSchema = z
  .object({
    year: z.number().int(),
    covered: z.boolean().meta({ description: 'Cuti bersama tahun ini sudah dicatat (walau kosong).' }),
    required: z.boolean().meta({ description: 'Tahun ini atau tahun depan: harus tercatat.' }),
    cutiBersama: recorded(true),
    agencyDays: recorded(false),
  })
  .meta({ id: 'CalendarYear' });

const calendarSchema = z
  .object({
    profileId: z.string(),
    missing: z.array(z.number().int()).meta({ description: 'Tahun wajib yang cuti bersamanya belum dicatat.' }),
    years: z.array(yearSchema),
  })
  .meta({ id: 'WorkingCalendar' });

function recordedView(entry: CalendarEntry | undefined) {
  if (!entry) return null;
  const { dates, decree, note, source, updatedAt, updatedBy } = entry;
  return { dates, ...(entry.scope === NATIONAL ? { decree } : { note }), source, updatedAt: updatedAt.toISOString(), updatedBy };
}

async function calendarView(profileId: string) {
  const now = Date.now();
  const required = requiredYears(profileId, now);
  const entries = await calendarEntries(profileId);
  const years = [...new Set([...entries.map((e) => e.year), ...required])].sort((a, b) => a - b);
  const view = years.map((year) => {
    const national = entries.find((e) => e.scope === NATIONAL && e.year === year);
    return {
      year,
      covered: !!national,
      required: required.includes(year),
      cutiBersama: recordedView(national),
      agencyDays: recordedView(entries.find((e) => e.scope === profileId && e.year === year)),
    };
  });
  return { profileId, missing: view.filter((y) => y.required && !y.covered).map((y) => y.year), years: view };
}

async function yearView(profileId: string, year: number) {
  return (await calendarView(profileId)).years.find((y) => y.year === year)!;
}

export const calendarRoutes = [
  defineRoute({
    method: 'get',
    path: '/calendar/years',
    summary: 'Kalender kerja: cuti bersama nasional dan hari libur instansi per tahun',
    description: 'Setiap tahun yang tercatat, ditambah tahun ini dan tahun depan (yang wajib tercatat). Libur nasional dihitung dari pustaka date-holidays dan tidak dicantumkan di sini.',
    tags: ['Kalender kerja'],
    access: 'admin',
    responses: { 200: { description: 'Kalender kerja instansi penerapan ini', schema: calendarSchema } },
    async handle({ res, deps, caller }) {
      ensureAdmin(caller());
      res.json(await calendarView(deps.profileId));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/calendar/years/{year}/cuti-bersama',
    summary: 'Mencatat cuti bersama nasional satu tahun (menurut SKB)',
    description: 'Menggantikan daftar tahun itu. Permohonan yang sedang berjalan memakai tanggal ini begitu tenggatnya mencapai tahun itu.',
    tags: ['Kalender kerja'],
    access: 'admin',
    params: yearParams,
    body: cutiBersamaDoc,
    responses: { 200: { description: 'Tahun itu sesudah dicatat', schema: yearSchema } },
    async handle({ res, deps, params, body, caller }) {
      const admin = caller();
      ensureAdmin(admin);
      const { decree, dates } = body(cutiBersamaBody(params.year));
      await recordCutiBersama(params.year, { decree, dates, by: admin.user.id });
      res.json(await yearView(deps.profileId, params.year));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/calendar/years/{year}/agency-days',
    summary: 'Mencatat hari libur instansi satu tahun (di luar libur nasional dan cuti bersama)',
    description: 'Untuk instansi penerapan ini (KOLOKASI_PROFILE). Menggantikan daftar tahun itu.',
    tags: ['Kalender kerja'],
    access: 'admin',
    params: yearParams,
    body: agencyDaysDoc,
    responses: { 200: { description: 'Tahun itu sesudah dicatat', schema: yearSchema } },
    async handle({ res, deps, params, body, caller }) {
      const admin = caller();
      ensureAdmin(admin);
      const { dates, note } = body(agencyDaysBody(params.year));
      await recordAgencyDays(deps.profileId, params.year, { dates, note, by: admin.user.id });
      res.json(await yearView(deps.profileId, params.year));
    },
  }),
];
