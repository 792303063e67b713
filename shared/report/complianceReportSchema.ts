// The SOP compliance report's shape (monitoring and evaluation of an SOP against its mutu baku,
// PermenPAN PER/21/M.PAN/11/2008). One zod schema: the API documents it, and the JSON, CSV and PDF
// are all built from a value of its type.
import { z } from 'zod';
import { caseStatuses } from '../caseState';
import { roleCodes, timeZoneSchema } from '../profile/schema';

const minutes = z.number().nullable().meta({ description: 'Menit kerja; null bila tidak ada data.' });
const percent = z.number().nullable().meta({ description: 'Persen, satu desimal; null bila tidak ada yang dapat dinilai.' });

export const reportStandardSchema = z
  .object({
    text: z.string().meta({ description: 'Mutu baku waktu sebagaimana ditulis SOP, mis. "15 menit", "4 hari".' }),
    workingMinutes: z.number().meta({ description: 'Mutu baku dalam menit kerja (1 hari = satu hari kerja kalender instansi).' }),
  })
  .nullable();

export const stepComplianceSchema = z.object({
  sopStep: z.string().meta({ description: 'Nomor aktivitas SOP.' }),
  title: z.string(),
  performer: z.enum(roleCodes),
  performerTitle: z.string(),
  applicantTime: z.boolean().meta({ description: 'true: aktivitas pemohon; waktunya adalah waktu menunggu pemohon, bukan waktu instansi.' }),
  standard: reportStandardSchema,
  cases: z.number().int().meta({ description: 'Jumlah permohonan yang melalui aktivitas ini.' }),
  runs: z.number().int().meta({ description: 'Jumlah pelaksanaan (aktivitas yang diulang dihitung tiap kali).' }),
  medianMinutes: minutes,
  p90Minutes: minutes,
  assessed: z.number().int().meta({ description: 'Pelaksanaan yang mempunyai mutu baku waktu: dasar persentase tepat waktu.' }),
  onTime: z.number().int(),
  onTimePercent: percent,
  breaches: z.number().int().meta({ description: 'Pelaksanaan yang melewati mutu baku waktu.' }),
  escalations: z.number().int().meta({ description: 'Pelaksanaan yang dieskalasi ke atasan.' }),
});
export type StepCompliance = z.infer<typeof stepComplianceSchema>;

export const serviceComplianceSchema = z.object({
  standard: reportStandardSchema.meta({ description: 'Mutu baku waktu seluruh layanan, bila SOP menetapkannya.' }),
  cases: z.number().int().meta({ description: 'Permohonan yang selesai (status completed) dalam periode.' }),
  agencyMedianMinutes: minutes,
  agencyP90Minutes: minutes,
  onTime: z.number().int().nullable(),
  onTimePercent: percent,
  applicantWaitMedianMinutes: minutes,
  applicantWaitP90Minutes: minutes,
  applicantWaitTotalMinutes: z.number(),
});
export type ServiceCompliance = z.infer<typeof serviceComplianceSchema>;

export const procedureComplianceSchema = z.object({
  procedureId: z.string(),
  title: z.string(),
  sopNumber: z.string().nullable(),
  cases: z.number().int().meta({ description: 'Permohonan prosedur ini yang ditutup dalam periode, apa pun hasilnya.' }),
  statuses: z.partialRecord(z.enum(caseStatuses), z.number().int()),
  steps: z.array(stepComplianceSchema),
  service: serviceComplianceSchema,
});
export type ProcedureCompliance = z.infer<typeof procedureComplianceSchema>;

export const complianceReportSchema = z
  .object({
    profileId: z.string(),
    agency: z.object({ name: z.string(), region: z.string() }),
    timeZone: timeZoneSchema,
    period: z.object({
      code: z.string().meta({ example: '2026-Q4' }),
      label: z.string().meta({ example: 'Triwulan IV 2026' }),
      from: z.string().meta({ format: 'date-time' }),
      to: z.string().meta({ format: 'date-time', description: 'Batas akhir (tidak termasuk).' }),
    }),
    generatedAt: z.string().meta({ format: 'date-time' }),
    percentileMethod: z.literal('nearest-rank'),
    cases: z.number().int().meta({ description: 'Permohonan yang ditutup dalam periode (yang masih berjalan tidak dihitung).' }),
    procedures: z.array(procedureComplianceSchema),
    signatory: z
      .object({ title: z.string(), name: z.string().nullable(), nip: z.string().nullable() })
      .meta({ description: 'Yang menandatangani evaluasi: pejabat yang mengesahkan SOP (atau Kepala Dinas bila SOP tidak menyebutnya).' }),
  })
  .meta({ id: 'ComplianceReport', description: 'Laporan pemantauan dan evaluasi SOP terhadap mutu bakunya, per prosedur dan aktivitas.' });
export type ComplianceReport = z.infer<typeof complianceReportSchema>;
