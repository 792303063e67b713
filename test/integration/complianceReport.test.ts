// The SOP compliance report over a set of finished Kaltim cases written straight into the read
// model: every figure the API gives (JSON, CSV, PDF) is checked against values worked out by hand
// below, not by the report's own code. Kaltim has both kinds of standard: its colocation SOP sets
// only the whole service (4 working days = 1,920 minutes of 8-hour days, WITA) and its withdrawal
// sets each row (1 and 2 working days).
import { RequestRecord } from '../../shared/db/requestRecord';
import { getProfile } from '../../shared/profile/registry';
import type { Procedure, Role } from '../../shared/profile/schema';
import { readPdf } from '../support/readPdf';
import { ApiHarness, startApiHarness } from './support/apiHarness';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness('kolokasi_compliance_report', { profileId: 'kaltim' });
  await seedCases();
});
afterAll(() => h?.close());

const kaltim = getProfile('kaltim');
const colocation = kaltim.procedures.find((p) => p.id === 'colocation')!;
const withdrawal = kaltim.procedures.find((p) => p.id === 'withdrawal')!;
const performerOf = (procedure: Procedure, row: string): Role => procedure.activities.find((a) => a.no === row)!.performer;

interface RowRun {
  row: string;
  minutes: number;
  standard?: number;
  breached?: boolean;
  escalated?: boolean;
  outcome?: string;
}

interface Fixture {
  no: string;
  procedure: Procedure;
  status: string;
  closedAt?: string;
  profileId?: string;
  wait: number;
  runs: RowRun[];
}

// Colocation rows 1, 4 and 7 are the OPD's (the applicant's); the others the agency's.
const coloc = (no: string, status: string, closedAt: string | undefined, wait: number, minutes: [string, number, string?][]): Fixture => ({
  no, procedure: colocation, status, closedAt, wait, runs: minutes.map(([row, m, outcome]) => ({ row, minutes: m, outcome })),
});
const fixtures: Fixture[] = [
  // In Q4 2026 (WITA): 1 Oct 00:00 WITA = 30 Sep 16:00 UTC up to 1 Jan 2027 00:00 WITA = 31 Dec 16:00 UTC.
  coloc('KTM-2019-00001', 'completed', '2026-10-15T03:00:00.000Z', 300, [['1', 0], ['2', 30], ['3', 120], ['4', 200], ['5', 45], ['6', 300], ['7', 100], ['8', 600], ['9', 15]]),
  coloc('KTM-2019-00002', 'completed', '2026-11-20T03:00:00.000Z', 550, [['1', 0], ['2', 60], ['3', 240], ['4', 500], ['5', 90], ['6', 480], ['7', 50], ['8', 900], ['9', 30]]),
  // 23.30 WITA on 31 December: still this year's last quarter.
  coloc('KTM-2019-00003', 'completed', '2026-12-31T15:30:00.000Z', 500, [['1', 0], ['2', 20], ['3', 600], ['4', 300], ['5', 500], ['6', 400], ['7', 200], ['8', 700], ['9', 60]]),
  coloc('KTM-2019-00004', 'rejected', '2026-11-05T03:00:00.000Z', 120, [['1', 0], ['2', 40], ['3', 180], ['4', 120], ['5', 10, 'tidak']]),
  // Withdrawn during row 6: that run was cut short and is not counted.
  coloc('KTM-2019-00005', 'withdrawn', '2026-12-01T03:00:00.000Z', 60, [['1', 0], ['2', 25], ['3', 90], ['4', 60], ['5', 30], ['6', 100, 'withdrawn']]),
  // A spec mismatch: rows 7 and 8 ran twice.
  coloc('KTM-2019-00009', 'completed', '2026-10-20T03:00:00.000Z', 170, [['1', 0], ['2', 10], ['3', 60], ['4', 100], ['5', 20], ['6', 240], ['7', 30], ['8', 480, 'tidak'], ['7', 40], ['8', 300], ['9', 45]]),
  // Outside Q4: 00.30 WITA on 1 January 2027, and 23.59 WITA on 30 September 2026 (in the year 2026).
  coloc('KTM-2019-00006', 'completed', '2026-12-31T16:30:00.000Z', 9999, [['1', 0], ['2', 9999]]),
  coloc('KTM-2019-00007', 'completed', '2026-09-30T15:59:00.000Z', 7, [['1', 0], ['2', 7777]]),
  // Still running: not counted, whatever its steps say.
  coloc('KTM-2019-00008', 'inProgress', undefined, 0, [['1', 0], ['2', 8888]]),
  // Another agency's case in the same database.
  { ...coloc('CRB-2019-00001', 'completed', '2026-11-01T03:00:00.000Z', 0, [['1', 0], ['2', 6666]]), profileId: 'cirebon' },
];
const withdrawalCase = (no: string, status: string, closedAt: string, runs: RowRun[]): Fixture => ({ no, procedure: withdrawal, status, closedAt, wait: 0, runs: [{ row: '1', minutes: 0 }, ...runs] });
fixtures.push(
  withdrawalCase('KTM-PC-2019-00001', 'completed', '2026-10-10T03:00:00.000Z', [{ row: '2', minutes: 200, standard: 480 }, { row: '3', minutes: 900, standard: 960 }]),
  withdrawalCase('KTM-PC-2019-00002', 'completed', '2026-11-11T03:00:00.000Z', [{ row: '2', minutes: 500, standard: 480, breached: true }, { row: '3', minutes: 1000, standard: 960, breached: true, escalated: true }]),
  withdrawalCase('KTM-PC-2019-00003', 'completed', '2026-12-12T03:00:00.000Z', [{ row: '2', minutes: 479.5, standard: 480 }, { row: '3', minutes: 300, standard: 960 }]),
  withdrawalCase('KTM-PC-2019-00004', 'completed', '2026-12-14T03:00:00.000Z', [{ row: '2', minutes: 600, standard: 480, breached: true, escalated: true }, { row: '3', minutes: 960, standard: 960 }]),
  withdrawalCase('KTM-PC-2019-00005', 'rejected', '2026-12-20T03:00:00.000Z', [{ row: '2', minutes: 100, standard: 480, outcome: 'tidak' }]),
);

/** Writes each case's record as the workflow's record activity would (only what the report reads matters). */
async function seedCases(): Promise<void> {
  const base = Date.parse('2026-10-01T00:00:00.000Z');
  await RequestRecord.insertMany(fixtures.map((f, i) => {
    const occurrences: Record<string, number> = {};
    const steps = f.runs.map((run, j) => {
      occurrences[run.row] = (occurrences[run.row] ?? 0) + 1;
      const startedAt = new Date(base + i * 86_400_000 + j * 3_600_000).toISOString();
      const activity = f.procedure.activities.find((a) => a.no === run.row)!;
      return {
        sopStep: run.row, stepId: `${run.row}#${occurrences[run.row]}`, title: activity.title, performer: activity.performer, performerTitle: 'x', output: activity.output,
        ...(run.standard ? { standard: activity.duration, standardWorkingMinutes: run.standard } : {}),
        startedAt, completedAt: startedAt, actualWorkingMinutes: run.minutes,
        ...(run.breached ? { breachedAt: startedAt } : {}), ...(run.escalated ? { escalatedAt: startedAt } : {}), ...(run.outcome ? { outcome: run.outcome } : {}),
      };
    });
    const profileId = f.profileId ?? 'kaltim';
    return {
      _id: f.no, revision: 10, workflowId: `${f.procedure.id}-${f.no}`, profileId, agency: 'Diskominfo', applicantUnit: 'Dinas Kesehatan', status: f.status, slaBreached: false,
      submittedAt: new Date(base), updatedAt: new Date(),
      state: { requestNumber: f.no, profileId, procedureId: f.procedure.id, status: f.status, closedAt: f.closedAt, applicantWaitMinutes: f.wait, steps, decisions: [], submission: {} },
    };
  }));
}

type Json = Record<string, unknown>;
interface StepJson { sopStep: string; performer: string; applicantTime: boolean; standard: { text: string; workingMinutes: number } | null; cases: number; runs: number; medianMinutes: number | null; p90Minutes: number | null; assessed: number; onTime: number; onTimePercent: number | null; breaches: number; escalations: number }
interface ProcedureJson { procedureId: string; title: string; cases: number; statuses: Json; steps: StepJson[]; service: Json }

const figures = (s: StepJson) => [s.sopStep, s.cases, s.runs, s.medianMinutes, s.p90Minutes];

test('JSON: each row and the whole service of each procedure over Q4, with the applicant time apart', async () => {
  const r = await h.as('kabid')('GET', '/reports/compliance?period=2026-Q4');
  expect(r.status).toBe(200);
  const body = r.body as unknown as { cases: number; period: Json; percentileMethod: string; timeZone: string; procedures: ProcedureJson[] };
  expect(body.period).toEqual({ code: '2026-Q4', label: 'Triwulan IV 2026', from: '2026-09-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' });
  expect([body.timeZone, body.percentileMethod, body.cases]).toEqual(['WITA', 'nearest-rank', 11]);
  expect(r.body.signatory).toEqual({ title: 'Kepala Dinas Kominfo Provinsi Kalimantan Timur', name: null, nip: null });
  const [c, w] = body.procedures;
  expect([c?.procedureId, w?.procedureId]).toEqual(['colocation', 'withdrawal']);

  // Colocation: 6 cases closed in Q4. Each row's runs sorted by hand; median = rank ceil(n/2), P90 = rank ceil(0.9 n).
  expect(c!.cases).toBe(6);
  expect(c!.statuses).toEqual({ completed: 4, rejected: 1, withdrawn: 1 });
  expect(c!.steps.map(figures)).toEqual([
    ['1', 6, 6, 0, 0],
    ['2', 6, 6, 25, 60], // 10 20 25 30 40 60
    ['3', 6, 6, 120, 600], // 60 90 120 180 240 600
    ['4', 6, 6, 120, 500], // 60 100 120 200 300 500
    ['5', 6, 6, 30, 500], // 10 20 30 45 90 500
    ['6', 4, 4, 300, 480], // 240 300 400 480 (the withdrawn case's cut run left out)
    ['7', 4, 5, 50, 200], // 30 40 50 100 200 (one case ran it twice)
    ['8', 4, 5, 600, 900], // 300 480 600 700 900
    ['9', 4, 4, 30, 60], // 15 30 45 60
  ]);
  expect(c!.steps.filter((s) => s.applicantTime).map((s) => s.sopStep)).toEqual(['1', '4', '7']);
  // No row of this SOP has a time standard: nothing to assess, nothing breached.
  expect(c!.steps.every((s) => s.standard === null && s.assessed === 0 && s.onTimePercent === null && s.breaches === 0)).toBe(true);
  // Agency time of the 4 completed cases (sum of their agency rows): 1110, 1800, 2280, 1155 → sorted 1110 1155 1800 2280.
  // Applicant wait: 300, 550, 500, 170 → sorted 170 300 500 550, total 1520.
  expect(c!.service).toEqual({
    standard: { text: '4 hari', workingMinutes: 1920 },
    cases: 4,
    agencyMedianMinutes: 1155,
    agencyP90Minutes: 2280,
    onTime: 3,
    onTimePercent: 75,
    applicantWaitMedianMinutes: 300,
    applicantWaitP90Minutes: 550,
    applicantWaitTotalMinutes: 1520,
  });

  // Withdrawal: 5 cases; rows with standards of 1 and 2 working days.
  expect(w!.cases).toBe(5);
  expect(w!.statuses).toEqual({ completed: 4, rejected: 1 });
  const [w1, w2, w3] = w!.steps;
  expect(figures(w1!)).toEqual(['1', 5, 5, 0, 0]);
  expect(w1!.applicantTime).toBe(true);
  // Row 2: 100 200 479.5 500 600; on time 100, 200, 479.5 (500 and 600 breached) = 3 of 5; escalated once.
  expect(w2).toMatchObject({ standard: { text: '1 hari', workingMinutes: 480 }, cases: 5, runs: 5, medianMinutes: 479.5, p90Minutes: 600, assessed: 5, onTime: 3, onTimePercent: 60, breaches: 2, escalations: 1 });
  // Row 3: 300 900 960 1000; 960 is exactly the standard, so on time; 1000 breached and escalated.
  expect(w3).toMatchObject({ standard: { text: '2 hari', workingMinutes: 960 }, cases: 4, runs: 4, medianMinutes: 900, p90Minutes: 1000, assessed: 4, onTime: 3, onTimePercent: 75, breaches: 1, escalations: 1 });
  // No whole-service standard; agency time 1100, 1500, 779.5, 1560 → sorted 779.5 1100 1500 1560.
  expect(w!.service).toEqual({
    standard: null, cases: 4, agencyMedianMinutes: 1100, agencyP90Minutes: 1560, onTime: null, onTimePercent: null,
    applicantWaitMedianMinutes: 0, applicantWaitP90Minutes: 0, applicantWaitTotalMinutes: 0,
  });
});

test('a month and a year count the cases closed in them, in the agency time zone', async () => {
  const november = (await h.as('admin')('GET', '/reports/compliance?period=2026-11')).body as unknown as { cases: number; procedures: ProcedureJson[] };
  // KTM-2019-00002 and -00004 (colocation), KTM-PC-2019-00002 (withdrawal).
  expect(november.cases).toBe(3);
  expect(november.procedures.map((p) => p.cases)).toEqual([2, 1]);
  expect(figures(november.procedures[0]!.steps[1]!)).toEqual(['2', 2, 2, 40, 60]); // 40 60
  const year = (await h.as('admin')('GET', '/reports/compliance?period=2026')).body as unknown as { cases: number; procedures: ProcedureJson[] };
  // Q4's 11 and 30 September 23.59 WITA; not 1 January 2027 00.30 WITA.
  expect(year.cases).toBe(12);
  expect(year.procedures[0]!.steps[1]!.p90Minutes).toBe(7777);
});

test('CSV: one line per procedure row with Indonesian headers, semicolons and decimal commas, as a named file', async () => {
  for (const path of ['/reports/compliance.csv?period=2026-Q4', '/reports/compliance?period=2026-Q4&format=csv']) {
    const r = await h.as('kasi')('GET', path);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="laporan-sop-kaltim-2026-Q4.csv"');
    const lines = String(r.body).replace(/^\uFEFF/, '').split('\r\n').filter((line) => line !== '');
    expect(lines[0]).toBe('Prosedur;Nomor SOP;No. Aktivitas;Aktivitas;Pelaksana;Waktu Pemohon;Mutu Baku;Mutu Baku (menit kerja);Jumlah Permohonan;Jumlah Pelaksanaan;Median (menit kerja);Persentil 90 (menit kerja);Dinilai;Tepat Waktu;Tepat Waktu (%);Melewati Mutu Baku;Eskalasi');
    expect(lines).toHaveLength(1 + colocation.activities.length + withdrawal.activities.length);
    const cells = lines.slice(1).map((line) => line.split(';'));
    expect(cells.map((row) => [row[0], row[2]])).toEqual([...colocation.activities.map((a) => [colocation.title, a.no]), ...withdrawal.activities.map((a) => [withdrawal.title, a.no])]);
    expect(cells[6]).toEqual([colocation.title, '', '7', colocation.activities[6]!.title, kaltim.roles.applicant!.title, 'ya', '', '', '4', '5', '50', '200', '0', '0', '', '0', '0']);
    expect(cells[10]).toEqual([withdrawal.title, '', '2', withdrawal.activities[1]!.title, kaltim.roles[performerOf(withdrawal, '2')]!.title, 'tidak', '1 hari', '480', '5', '5', '479,5', '600', '5', '3', '60', '2', '1']);
  }
});

test('PDF: kop, title, period, each procedure, its figures and a chart, on numbered pages', async () => {
  const response = await fetch(`${h.baseUrl}/reports/compliance.pdf?period=2026-Q4`, { headers: { authorization: `Bearer ${h.tokens.kadis}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  expect(response.headers.get('content-disposition')).toBe('attachment; filename="laporan-sop-kaltim-2026-Q4.pdf"');
  const pdf = Buffer.from(await response.arrayBuffer());
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const { text, pages: total } = await readPdf(pdf);
  const flat = text.replace(/\s+/g, ' ');
  expect(flat).toContain('PEMERINTAH PROVINSI KALIMANTAN TIMUR');
  expect(flat).toContain(kaltim.agency.name.toUpperCase());
  expect(flat).toContain('LAPORAN PEMANTAUAN DAN EVALUASI SOP');
  expect(flat).toContain('Periode: Triwulan IV 2026 (1 Oktober 2026 – 31 Desember 2026, WITA)');
  expect(flat).toContain(`1. ${colocation.title}`);
  expect(flat).toContain(`2. ${withdrawal.title}`);
  expect(flat).toContain('Dihitung dari 11 permohonan');
  expect(flat).toContain('mutu baku 4 hari (1.920 menit kerja), tepat waktu 3/4 (75%); waktu instansi: median 1.155 menit kerja, persentil ke-90 2.280 menit kerja');
  expect(flat).toContain('median 300 menit kerja, persentil ke-90 550 menit kerja, jumlah 1.520 menit kerja');
  expect(flat).toContain('479,5');
  expect(flat).toContain('3/5 (60%)');
  expect(flat).toContain(`Grafik: mutu baku dan waktu aktual per aktivitas — ${withdrawal.title}`);
  expect(flat).toContain('Persentil 90 aktual');
  // Kaltim's SOP names no approver: the head of the agency signs, name and NIP left to write in.
  expect(flat).toMatch(/Samarinda, \d{1,2} \w+ \d{4} Mengetahui, Kepala Dinas Kominfo Provinsi Kalimantan Timur \(\.+\) NIP\. \.+/);
  expect(total).toBeGreaterThanOrEqual(2);
  expect(flat).toContain(`Halaman ${total} dari ${total}`);
});

test('only staff and admins; a period that is not one is refused in words', async () => {
  expect((await h.as('applicant')('GET', '/reports/compliance?period=2026-Q4')).status).toBe(403);
  expect((await h.as('applicant')('GET', '/reports/compliance.pdf?period=2026-Q4')).status).toBe(403);
  expect((await h.call('GET', '/reports/compliance.csv?period=2026-Q4')).status).toBe(401);
  const bad = await h.as('admin')('GET', '/reports/compliance?period=2026-13');
  expect(bad.status).toBe(400);
  expect(bad.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', fields: { period: expect.stringContaining('Periode "2026-13" tidak dikenal') } } });
  const missing = await h.as('admin')('GET', '/reports/compliance.csv');
  expect(missing.body).toMatchObject({ error: { fields: { period: expect.stringContaining('wajib diisi') } } });
  const format = await h.as('admin')('GET', '/reports/compliance?period=2026&format=xls');
  expect(format.body).toMatchObject({ error: { fields: { format: 'Format laporan adalah json, csv atau pdf.' } } });
});

test('a period that is over is computed once and kept: a case recorded later does not change it', async () => {
  const october = async () => ((await h.as('admin')('GET', '/reports/compliance?period=2026-10')).body as unknown as { cases: number; generatedAt: string });
  const first = await october();
  expect(first.cases).toBe(3); // KTM-2019-00001, -00009, KTM-PC-2019-00001
  const late = fixtures.find((f) => f.no === 'KTM-2019-00001')!;
  await RequestRecord.insertMany([{ ...(await RequestRecord.findById(late.no).lean())!, _id: 'KTM-2019-00099', state: { ...(await RequestRecord.findById(late.no).lean())!.state, requestNumber: 'KTM-2019-00099' } }]);
  try {
    const again = await october();
    expect(again).toEqual(first);
    const csv = await h.as('admin')('GET', '/reports/compliance.csv?period=2026-10');
    expect(String(csv.body).split('\r\n')[2]).toContain(';2;2;'); // row 2 of colocation: the 2 cases first counted
  } finally {
    await RequestRecord.deleteOne({ _id: 'KTM-2019-00099' });
  }
});
