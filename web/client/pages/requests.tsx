// The requests a person may see: an applicant its own unit's, staff every unit's, newest first.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api';
import { formatDateTime } from '../format';
import { BASE, Link } from '../router';
import { ErrorBox, Layout, Loading, StatusBadge, TableBox, useApp, useLoad } from '../ui';

export interface RequestSummary {
  requestNumber: string;
  procedureId: string;
  applicantUnit: string;
  domain: string | null;
  status: string;
  statusText: string;
  slaBreached: boolean;
  submittedAt: string;
  waitingFor: { kind: string; action: string; role: string; roleTitle: string; deadline: string | null; overdue: boolean } | null;
  currentStep: { sopStep: string; title: string } | null;
}

interface RequestPage {
  items: RequestSummary[];
  total: number;
  page: number;
  pageSize: number;
}

const PAGE_SIZE = 20;

export function RequestsPage(): JSX.Element {
  const { user, service } = useApp();
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const query = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE), ...(status && { status }) });
  const { data, error } = useLoad(() => api<RequestPage>('GET', `/requests?${query}`), query.toString());
  const procedureTitle = (id: string): string => service.procedures.find((p) => p.id === id)?.title ?? id;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <Layout current={`${BASE}/permohonan`}>
      <h1>{user.role === 'applicant' ? 'Permohonan saya' : 'Permohonan'}</h1>
      <div class="toolbar">
        <label>
          Status{' '}
          <select value={status} onChange={(e) => (setStatus(e.currentTarget.value), setPage(1))}>
            <option value="">Semua</option>
            <option value="inProgress">Sedang diproses</option>
            <option value="completed">Selesai</option>
            <option value="rejected">Ditolak</option>
            <option value="withdrawn">Dibatalkan pemohon</option>
            <option value="noCapacity">Kapasitas tidak tersedia</option>
            <option value="expired">Kedaluwarsa</option>
            <option value="cancelled">Dibatalkan pengelola</option>
          </select>
        </label>
        {user.role === 'applicant' && (
          <Link class="button" href={`${BASE}/permohonan/baru`}>
            Ajukan permohonan
          </Link>
        )}
      </div>
      <ErrorBox error={error} />
      {!data && !error && <Loading />}
      {data && data.items.length === 0 && <p>Belum ada permohonan.</p>}
      {data && data.items.length > 0 && (
        <TableBox label="Daftar permohonan">
          <thead>
            <tr>
              <th>Nomor</th>
              <th>Layanan</th>
              <th>Unit</th>
              <th>Status</th>
              <th>Langkah sekarang</th>
              <th>Menunggu</th>
              <th>Diajukan</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((r) => (
              <tr key={r.requestNumber}>
                <td>
                  <Link href={`${BASE}/permohonan/${r.requestNumber}`}>{r.requestNumber}</Link>
                </td>
                <td>
                  {procedureTitle(r.procedureId)}
                  {r.domain && <div class="muted">{r.domain}</div>}
                </td>
                <td>{r.applicantUnit}</td>
                <td>
                  <StatusBadge status={r.status} text={r.statusText} />
                  {r.slaBreached && <span class="badge bad">Pernah terlambat</span>}
                </td>
                <td>{r.currentStep ? `${r.currentStep.sopStep}. ${r.currentStep.title}` : '—'}</td>
                <td>
                  {r.waitingFor ? (
                    <>
                      {r.waitingFor.roleTitle}
                      <div class="muted">{r.waitingFor.deadline ? `batas ${formatDateTime(r.waitingFor.deadline)}` : 'tanpa batas waktu'}</div>
                      {r.waitingFor.overdue && <span class="badge bad">Terlambat</span>}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{formatDateTime(r.submittedAt)}</td>
              </tr>
            ))}
          </tbody>
        </TableBox>
      )}
      {data && pages > 1 && (
        <nav class="pager" aria-label="Halaman">
          <button type="button" class="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Sebelumnya
          </button>
          <span>
            Halaman {page} dari {pages}
          </span>
          <button type="button" class="secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Berikutnya
          </button>
        </nav>
      )}
    </Layout>
  );
}
