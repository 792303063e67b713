// The SOP compliance report (pemantauan dan evaluasi SOP) for staff: pick a month, quarter or year,
// read each procedure's rows against their mutu baku, and download the CSV or the PDF to sign.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ComplianceReport, ProcedureCompliance } from '../../../shared/report/complianceReportSchema';
import { api } from '../api';
import { BASE } from '../router';
import { ErrorBox, Layout, Loading, TableBox, useLoad } from '../ui';

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
type Kind = 'month' | 'quarter' | 'year';

const minutes = (n: number | null): string => (n === null ? '–' : n.toLocaleString('id-ID', { maximumFractionDigits: 2 }));
const percent = (n: number | null): string => (n === null ? '–' : `${n.toLocaleString('id-ID', { maximumFractionDigits: 1 })}%`);

function periodCodeOf(kind: Kind, year: number, part: number): string {
  if (kind === 'year') return String(year);
  return kind === 'quarter' ? `${year}-Q${part}` : `${year}-${String(part).padStart(2, '0')}`;
}

function ProcedureTable({ procedure }: { procedure: ProcedureCompliance }): JSX.Element {
  const s = procedure.service;
  return (
    <section class="card" aria-label={procedure.title}>
      <h2>{procedure.title}</h2>
      <p class="muted">{procedure.cases} permohonan ditutup dalam periode. Waktu dalam menit kerja.</p>
      <TableBox label={`Aktivitas ${procedure.title}`}>
        <thead>
          <tr>
            <th>No</th>
            <th>Aktivitas</th>
            <th>Pelaksana</th>
            <th>Mutu baku</th>
            <th>Permohonan</th>
            <th>Median</th>
            <th>P90</th>
            <th>Tepat waktu</th>
            <th>Lewat</th>
            <th>Eskalasi</th>
          </tr>
        </thead>
        <tbody>
          {procedure.steps.map((step) => (
            <tr key={step.sopStep}>
              <td>{step.sopStep}</td>
              <td class="sop-activity">{step.title}</td>
              <td>
                {step.performerTitle}
                {step.applicantTime && <div class="muted">waktu pemohon</div>}
              </td>
              <td>{step.standard ? `${step.standard.text} (${minutes(step.standard.workingMinutes)} menit)` : '–'}</td>
              <td>{step.cases}</td>
              <td>{minutes(step.medianMinutes)}</td>
              <td>{minutes(step.p90Minutes)}</td>
              <td>{step.assessed ? `${step.onTime}/${step.assessed} (${percent(step.onTimePercent)})` : '–'}</td>
              <td>{step.breaches}</td>
              <td>{step.escalations}</td>
            </tr>
          ))}
        </tbody>
      </TableBox>
      <p>
        Seluruh layanan ({s.cases} selesai): {s.standard ? `mutu baku ${s.standard.text}, tepat waktu ${percent(s.onTimePercent)}` : 'SOP tidak menetapkan mutu baku seluruh layanan'}; waktu instansi median {minutes(s.agencyMedianMinutes)}, P90 {minutes(s.agencyP90Minutes)} menit kerja.
      </p>
      <p class="muted">
        Waktu menunggu pemohon (terpisah dari waktu instansi): median {minutes(s.applicantWaitMedianMinutes)}, P90 {minutes(s.applicantWaitP90Minutes)}, jumlah {minutes(s.applicantWaitTotalMinutes)} menit kerja.
      </p>
    </section>
  );
}

export function ComplianceReportPage(): JSX.Element {
  const now = new Date();
  const [kind, setKind] = useState<Kind>('quarter');
  const [year, setYear] = useState(now.getFullYear());
  const [part, setPart] = useState(Math.floor(now.getMonth() / 3) + 1);
  const code = periodCodeOf(kind, year, part);
  const query = `period=${encodeURIComponent(code)}`;
  const { data, error } = useLoad(() => api<ComplianceReport>('GET', `/reports/compliance?${query}`), code);
  const changeKind = (next: Kind): void => {
    setKind(next);
    setPart(next === 'month' ? now.getMonth() + 1 : Math.floor(now.getMonth() / 3) + 1);
  };

  return (
    <Layout current={`${BASE}/laporan`}>
      <h1>Laporan pemantauan dan evaluasi SOP</h1>
      <div class="toolbar">
        <label>
          Periode{' '}
          <select value={kind} onChange={(e) => changeKind(e.currentTarget.value as Kind)}>
            <option value="month">Bulan</option>
            <option value="quarter">Triwulan</option>
            <option value="year">Tahun</option>
          </select>
        </label>
        {kind === 'month' && (
          <select aria-label="Bulan" value={part} onChange={(e) => setPart(Number(e.currentTarget.value))}>
            {MONTHS.map((name, i) => (
              <option key={name} value={i + 1}>
                {name}
              </option>
            ))}
          </select>
        )}
        {kind === 'quarter' && (
          <select aria-label="Triwulan" value={part} onChange={(e) => setPart(Number(e.currentTarget.value))}>
            {['I', 'II', 'III', 'IV'].map((roman, i) => (
              <option key={roman} value={i + 1}>
                Triwulan {roman}
              </option>
            ))}
          </select>
        )}
        <input aria-label="Tahun" type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.currentTarget.value))} />
        <a class="button secondary" href={`/reports/compliance.csv?${query}`} download>
          Unduh CSV
        </a>
        <a class="button secondary" href={`/reports/compliance.pdf?${query}`} download>
          Unduh PDF
        </a>
      </div>
      <ErrorBox error={error} />
      {!data && !error && <Loading />}
      {data && (
        <>
          <p class="muted">
            {data.period.label}: {data.cases} permohonan yang ditutup dalam periode (yang masih berjalan tidak dihitung). Median dan persentil 90 dengan metode peringkat terdekat, dalam menit kerja.
          </p>
          {data.procedures.map((p) => (
            <ProcedureTable key={p.procedureId} procedure={p} />
          ))}
        </>
      )}
    </Layout>
  );
}
