// The working calendar the SLA timers count on: each year's cuti bersama (once its SKB is out) and the
// agency's own non-working days, recorded by an admin without a deploy.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, ApiFailure } from '../api';
import { formatDate, formatDateTime } from '../format';
import { BASE } from '../router';
import { ErrorBox, Layout, Loading, useLoad } from '../ui';

interface Recorded {
  dates: string[];
  decree?: string;
  note?: string;
  source: string;
  updatedAt: string;
  updatedBy?: string;
}

interface CalendarYear {
  year: number;
  covered: boolean;
  required: boolean;
  cutiBersama: Recorded | null;
  agencyDays: Recorded | null;
}

const datesIn = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((d) => d.trim())
    .filter(Boolean);

function YearForm({ year, onDone }: { year: CalendarYear; onDone(): void }): JSX.Element {
  const [decree, setDecree] = useState(year.cutiBersama?.decree ?? '');
  const [dates, setDates] = useState((year.cutiBersama?.dates ?? []).join('\n'));
  const [failure, setFailure] = useState<ApiFailure | undefined>();
  const [saved, setSaved] = useState(false);
  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    try {
      await api('PUT', `/calendar/years/${year.year}/cuti-bersama`, { decree, dates: datesIn(dates) });
      setFailure(undefined);
      setSaved(true);
      onDone();
    } catch (error) {
      setFailure(error instanceof ApiFailure ? error : undefined);
    }
  };
  const dateErrors = Object.entries(failure?.fields ?? {}).filter(([k]) => k.startsWith('dates'));
  return (
    <form class="schema-form" onSubmit={(e) => void save(e)} noValidate>
      <ErrorBox error={failure} />
      <div class={`field${failure?.fields.decree ? ' invalid' : ''}`}>
        <label for={`decree-${year.year}`}>Dasar penetapan (SKB)</label>
        <input id={`decree-${year.year}`} value={decree} onInput={(e) => setDecree(e.currentTarget.value)} aria-invalid={failure?.fields.decree ? 'true' : undefined} />
        {failure?.fields.decree && <small class="field-error">{failure.fields.decree}</small>}
      </div>
      <div class={`field${dateErrors.length ? ' invalid' : ''}`}>
        <label for={`dates-${year.year}`}>Tanggal cuti bersama (YYYY-MM-DD, satu per baris)</label>
        <textarea id={`dates-${year.year}`} rows={4} value={dates} onInput={(e) => setDates(e.currentTarget.value)} aria-invalid={dateErrors.length ? 'true' : undefined} />
        {dateErrors.map(([k, m]) => (
          <small key={k} class="field-error">
            {datesIn(dates)[Number(k.split('.')[1])] ?? k}: {m}
          </small>
        ))}
      </div>
      <button type="submit">Simpan cuti bersama {year.year}</button>
      {saved && <span role="status"> Tersimpan.</span>}
    </form>
  );
}

export function CalendarPage(): JSX.Element {
  const { data, error, reload } = useLoad(() => api<{ missing: number[]; years: CalendarYear[] }>('GET', '/calendar/years'), 'calendar');
  return (
    <Layout current={`${BASE}/admin/kalender`}>
      <h1>Kalender kerja</h1>
      <ErrorBox error={error} />
      {!data && !error && <Loading />}
      {data && data.missing.length > 0 && (
        <div class="alert error" role="alert">
          Cuti bersama tahun {data.missing.join(', ')} belum dicatat: batas waktu SLA tahun itu belum dapat dihitung dengan benar.
        </div>
      )}
      {data?.years.map((y) => (
        <section class="card" key={y.year} aria-labelledby={`year-${y.year}`}>
          <h2 id={`year-${y.year}`}>
            {y.year} {y.covered ? <span class="badge ok">Tercatat</span> : <span class="badge bad">Belum tercatat</span>}
          </h2>
          {y.cutiBersama && (
            <p>
              Cuti bersama ({y.cutiBersama.decree}): {y.cutiBersama.dates.length ? y.cutiBersama.dates.map(formatDate).join('; ') : 'tidak ada'}. <span class="muted">Diperbarui {formatDateTime(y.cutiBersama.updatedAt)}</span>
            </p>
          )}
          {y.agencyDays && y.agencyDays.dates.length > 0 && <p>Hari tidak bekerja instansi: {y.agencyDays.dates.map(formatDate).join('; ')}</p>}
          <details open={!y.covered && y.required}>
            <summary>Catat atau ubah cuti bersama {y.year}</summary>
            <YearForm year={y} onDone={reload} />
          </details>
        </section>
      ))}
    </Layout>
  );
}
