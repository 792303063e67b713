// The SOP compliance report of the deployment's agency over a month, quarter or year, as JSON, CSV
// or PDF: GET /reports/compliance?period=2026-Q4[&format=csv|pdf], or the .csv/.pdf addresses,
// which a browser link can download directly. Staff and admins only: it is the agency's own evaluation.
import { z } from 'zod';
import { letterheadOf, placeOf } from '../../shared/documents/letterhead';
import { getProfile } from '../../shared/profile/registry';
import { complianceReport } from '../../shared/report/complianceReport';
import { complianceReportSchema, type ComplianceReport } from '../../shared/report/complianceReportSchema';
import { parseReportPeriod, periodBounds, periodCode, reportPeriodTextSchema } from '../../shared/report/period';
import type { Caller } from '../auth';
import type { ApiDeps } from '../deps';
import { forbidden } from '../errors';
import { complianceCsv, reportFileName } from '../reports/complianceCsv';
import { compliancePdf } from '../reports/compliancePdf';
import { readFinishedCases } from '../reports/finishedCases';
import { cachedComplianceReport } from '../reports/reportCache';
import { defineRoute, type RouteSpec } from '../route';
import type { Response } from 'express';

const periodParam = reportPeriodTextSchema.meta({ description: 'Bulan (YYYY-MM), triwulan (YYYY-Qn) atau tahun (YYYY), menurut zona waktu instansi.', example: '2026-Q4' });
const formats = ['json', 'csv', 'pdf'] as const;
type Format = (typeof formats)[number];

const reportQuery = z.object({
  period: periodParam,
  format: z.enum(formats, { error: 'Format laporan adalah json, csv atau pdf.' }).default('json'),
});
const fileQuery = z.object({ period: periodParam });

const ACCESS = 'staf dan admin (bukan pemohon)';
const FILE_DESCRIPTION = 'Permohonan yang ditutup dalam periode; yang masih berjalan tidak dihitung. Median dan persentil 90 dengan metode peringkat terdekat (nearest-rank), dalam menit kerja.';

function ensureStaff(caller: Caller): void {
  if (caller.user.role === 'applicant' || caller.role === 'applicant') throw forbidden('Laporan kepatuhan SOP hanya untuk staf dan admin.');
}

async function buildReport(deps: ApiDeps, periodText: string): Promise<ComplianceReport> {
  const profile = getProfile(deps.profileId);
  // The schema has accepted the text, so it parses.
  const period = parseReportPeriod(periodText)!;
  const { fromMs, toMs } = periodBounds(period, profile.timeZone);
  return cachedComplianceReport(`${profile.id}/v${profile.version}/${periodCode(period)}`, toMs, async () => {
    const { cases, unreadable } = await readFinishedCases(profile.id, fromMs);
    if (unreadable > 0) (deps.log ?? console.error)(`[api] compliance report: ${unreadable} finished case record(s) could not be read and were left out`, undefined);
    return complianceReport(profile, period, cases);
  });
}

async function send(res: Response, deps: ApiDeps, report: ComplianceReport, format: Format): Promise<void> {
  if (format === 'json') {
    res.json(report);
    return;
  }
  const profile = getProfile(deps.profileId);
  const body = format === 'csv' ? complianceCsv(report) : await compliancePdf(report, letterheadOf(profile), placeOf(profile));
  res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf');
  res.setHeader('Content-Disposition', `attachment; filename="${reportFileName(report, format)}"`);
  res.send(body);
}

const errors = [{ status: 503, codes: ['SERVICE_UNAVAILABLE' as const], description: 'Basis data tidak dapat dihubungi.' }];

export const complianceReportRoute = defineRoute({
  method: 'get',
  path: '/reports/compliance',
  summary: 'Laporan kepatuhan SOP (pemantauan dan evaluasi terhadap mutu baku) per prosedur dan aktivitas, untuk satu periode',
  description: FILE_DESCRIPTION,
  tags: ['Laporan'],
  access: ACCESS,
  query: reportQuery,
  responses: {
    200: { description: 'Laporan (JSON; format=csv atau pdf memberi berkas seperti alamat .csv/.pdf)', schema: complianceReportSchema },
  },
  errors,
  async handle({ res, deps, query, caller }) {
    ensureStaff(caller());
    await send(res, deps, await buildReport(deps, query.period), query.format);
  },
});

function fileRoute(format: 'csv' | 'pdf'): RouteSpec {
  return defineRoute({
    method: 'get',
    path: `/reports/compliance.${format}`,
    summary: format === 'csv' ? 'Laporan kepatuhan SOP sebagai CSV: satu baris per aktivitas prosedur (pemisah titik koma, desimal koma)' : 'Laporan kepatuhan SOP sebagai PDF dengan kop instansi, tabel dan grafik per prosedur',
    description: FILE_DESCRIPTION,
    tags: ['Laporan'],
    access: ACCESS,
    query: fileQuery,
    responses: {
      200: format === 'csv' ? { description: 'Berkas CSV (UTF-8 dengan BOM)', schema: z.string(), contentType: 'text/csv' } : { description: 'Berkas PDF', schema: z.string().meta({ format: 'binary' }), contentType: 'application/pdf' },
    },
    errors,
    async handle({ res, deps, query, caller }) {
      ensureStaff(caller());
      await send(res, deps, await buildReport(deps, query.period), format);
    },
  });
}

export const reportRoutes: readonly RouteSpec[] = [complianceReportRoute, fileRoute('csv'), fileRoute('pdf')];
