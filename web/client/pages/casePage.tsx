// One case: where it stands and who must act by when, the SOP's steps against their mutu baku, every
// decision in order, its documents; and the form of the pending action, offered only to its role.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { z } from 'zod';
import { reason as reasonSchema } from '../../../shared/decisionPayloads';
import { strictObject } from '../../../shared/text';
import { api, ApiFailure, newIdempotencyKey } from '../api';
import { formatDateTime, formatWorkingMinutes, relativeToNow } from '../format';
import { actionTitles } from '../labels';
import { BASE } from '../router';
import { SchemaForm } from '../schemaForm';
import { roleTitle } from '../service';
import { ErrorBox, Layout, Loading, SlaBadge, StatusBadge, TableBox, useApp, useLoad, useSend } from '../ui';
import { DecisionForm } from './decisionForm';

interface StepView {
  stepId: string;
  sopStep: string;
  title: string;
  performerTitle: string;
  output: string | null;
  standard: string | null;
  startedAt: string;
  deadline: string | null;
  completedAt: string | null;
  actualWorkingMinutes: number | null;
  escalatedAt: string | null;
  sla: string;
}

export interface RequestView {
  requestNumber: string;
  procedureId: string;
  procedureTitle: string;
  applicantUnit: string;
  domain: string | null;
  status: string;
  statusText: string;
  submittedAt: string;
  closedAt: string | null;
  closeReason: string | null;
  currentStep: StepView | null;
  waitingFor: { kind: string; action: string; role: string; roleTitle: string; deadline: string | null; overdue: boolean; stepId?: string; endpoint: { href: string } } | null;
  deadlines: { currentStep: string | null; total: string | null };
  steps: StepView[];
  timeline: { decisionId: string; kind: string; sopStep: string; at: string; actor: { name: string; role: string; onBehalf?: { adminName: string; reason: string } }; payload: unknown }[];
  submission?: unknown;
  capacity?: { proposal?: { placement?: { rackId: string; startUnit: number; units: number; ipAddress?: string } }; reservation?: { rackName: string; startUnit: number; units: number; ipAddress?: string; status: string } };
  installation: { ipAddress: string; monitoringId: string } | null;
  handover: { bastNumber: string } | null;
  revision: number;
  links: { withdraw?: { href: string }; stop?: { href: string } };
}

interface DocumentItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  createdAt: string;
  /** The official number; null for a document from before numbering. */
  number?: string | null;
  status?: 'current' | 'superseded' | null;
  /** The PDF's path on the API (the session cookie is sent with it). */
  pdf?: string | null;
}

const withdrawalBody = strictObject({ reason: reasonSchema });

function Withdraw({ view, onDone }: { view: RequestView; onDone(): void }): JSX.Element | null {
  const [open, setOpen] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const { busy, failure, send } = useSend(async (body: z.infer<typeof withdrawalBody>) => {
    await api('POST', view.links.withdraw!.href, body, { 'Idempotency-Key': key });
    onDone();
  });
  if (!view.links.withdraw) return null;
  if (!open) {
    return (
      <button type="button" class="secondary danger" onClick={() => setOpen(true)}>
        Batalkan permohonan
      </button>
    );
  }
  return (
    <section class="card" aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">Batalkan permohonan</h2>
      <p>Permohonan yang dibatalkan tidak dapat dilanjutkan; kapasitas yang dicadangkan dilepas.</p>
      <ErrorBox error={failure} />
      <SchemaForm schema={withdrawalBody} submitLabel="Ya, batalkan" busy={busy} serverFields={failure?.fields} onSubmit={send} testId="withdraw" />
    </section>
  );
}

function Waiting({ view }: { view: RequestView }): JSX.Element {
  const { user } = useApp();
  const w = view.waitingFor;
  if (!w) {
    return <p>{view.status === 'inProgress' ? 'Sistem sedang memproses langkah ini; tidak ada yang perlu dilakukan sekarang.' : `Permohonan ${view.statusText.toLowerCase()}${view.closedAt ? ` pada ${formatDateTime(view.closedAt)}` : ''}.`}</p>;
  }
  const mine = w.role === user.role;
  return (
    <div class={`waiting ${w.overdue ? 'overdue' : ''}`} data-testid="waiting-for">
      <p>
        <strong>Menunggu:</strong> {w.action} — oleh <strong>{w.roleTitle}</strong>
        {mine ? ' (Anda)' : ''}
      </p>
      <p>
        <strong>Batas waktu:</strong> {w.deadline ? `${formatDateTime(w.deadline)} (${relativeToNow(w.deadline)})` : 'tanpa batas waktu'}
        {w.overdue && <span class="badge bad">Terlambat</span>}
      </p>
    </div>
  );
}

function Steps({ steps }: { steps: StepView[] }): JSX.Element {
  return (
    <TableBox label="Langkah SOP">
      <thead>
        <tr>
          <th>No.</th>
          <th>Kegiatan</th>
          <th>Pelaksana</th>
          <th>Mutu baku</th>
          <th>Mulai</th>
          <th>Selesai</th>
          <th>Waktu kerja</th>
          <th>Status waktu</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((s) => (
          <tr key={s.stepId}>
            <td>{s.sopStep}</td>
            <td>
              {s.title}
              {s.escalatedAt && <div class="badge bad">Dieskalasi {formatDateTime(s.escalatedAt)}</div>}
            </td>
            <td>{s.performerTitle}</td>
            <td>{s.standard ?? '—'}</td>
            <td>{formatDateTime(s.startedAt)}</td>
            <td>{formatDateTime(s.completedAt)}</td>
            <td>{formatWorkingMinutes(s.actualWorkingMinutes)}</td>
            <td>
              <SlaBadge state={s.sla} />
            </td>
          </tr>
        ))}
      </tbody>
    </TableBox>
  );
}

function Timeline({ view }: { view: RequestView }): JSX.Element {
  const { service } = useApp();
  if (view.timeline.length === 0) return <p class="muted">Belum ada keputusan.</p>;
  return (
    <ol class="timeline">
      {view.timeline.map((d) => (
        <li key={d.decisionId}>
          <time>{formatDateTime(d.at)}</time> — langkah {d.sopStep}: <strong>{actionTitles[d.kind] ?? d.kind}</strong> oleh {d.actor.name} ({roleTitle(service, d.actor.role)})
          {d.actor.onBehalf && (
            <span class="muted">
              {' '}
              — dicatat admin {d.actor.onBehalf.adminName}: {d.actor.onBehalf.reason}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}

function Documents({ requestNumber, revision }: { requestNumber: string; revision: number }): JSX.Element {
  const { data, error } = useLoad(() => api<{ items: DocumentItem[] }>('GET', `/requests/${requestNumber}/documents`), `${requestNumber}#${revision}`);
  if (error) return <ErrorBox error={error} />;
  if (!data) return <Loading />;
  if (data.items.length === 0) return <p class="muted">Belum ada dokumen.</p>;
  return (
    <>
      {data.items.map((d) => (
        <div key={d.id}>
          <details>
            <summary>
              {d.title} — {d.number ?? d.id} ({formatDateTime(d.createdAt)}){d.status === 'superseded' ? ' — telah diganti' : ''}
            </summary>
            <pre class="document">{d.body}</pre>
          </details>
          {d.pdf && (
            <p>
              <a href={d.pdf} download>
                Unduh PDF {d.number}
              </a>
            </p>
          )}
        </div>
      ))}
    </>
  );
}

export function CasePage({ requestNumber }: { requestNumber: string }): JSX.Element {
  const { user } = useApp();
  const { data: view, error, reload } = useLoad(() => api<RequestView>('GET', `/requests/${encodeURIComponent(requestNumber)}`), requestNumber);
  const [notice, setNotice] = useState<string | undefined>();
  // The read model follows the workflow a moment later: wait until it shows the change, then reload.
  const done = (message: string) => () => {
    const before = view?.revision ?? -1;
    void (async () => {
      for (let i = 0; i < 20; i++) {
        const fresh = await api<RequestView>('GET', `/requests/${encodeURIComponent(requestNumber)}`).catch(() => undefined);
        if (fresh && fresh.revision !== before) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      setNotice(message);
      reload();
    })();
  };
  const mayAct = view?.waitingFor && view.waitingFor.role === user.role;

  return (
    <Layout current={`${BASE}/permohonan`}>
      {error instanceof ApiFailure && (error.status === 404 || error.status === 403) ? (
        <>
          <h1>Permohonan {requestNumber}</h1>
          <div class="alert error" role="alert">
            Permohonan ini tidak ditemukan atau bukan milik unit Anda.
          </div>
        </>
      ) : (
        <ErrorBox error={error} />
      )}
      {!view && !error && <Loading />}
      {view && (
        <>
          <h1>
            Permohonan {view.requestNumber} <StatusBadge status={view.status} text={view.statusText} />
          </h1>
          <p class="muted">
            {view.procedureTitle} · {view.applicantUnit}
            {view.domain ? ` · ${view.domain}` : ''} · diajukan {formatDateTime(view.submittedAt)}
          </p>
          {notice && (
            <div class="alert ok" role="status">
              {notice}
            </div>
          )}
          <section class="card" aria-labelledby="now-title">
            <h2 id="now-title">Posisi sekarang</h2>
            {view.currentStep && (
              <p>
                <strong>Langkah {view.currentStep.sopStep}:</strong> {view.currentStep.title}
              </p>
            )}
            <Waiting view={view} />
            {view.deadlines.total && <p>Batas waktu seluruh layanan: {formatDateTime(view.deadlines.total)}</p>}
            {view.capacity?.reservation && (
              <p>
                Penempatan dicadangkan: {view.capacity.reservation.rackName}, U{view.capacity.reservation.startUnit}–U{view.capacity.reservation.startUnit + view.capacity.reservation.units - 1}
                {view.capacity.reservation.ipAddress ? `, IP ${view.capacity.reservation.ipAddress}` : ''}
              </p>
            )}
            {view.handover && <p>Berita acara serah terima: {view.handover.bastNumber}</p>}
          </section>
          {view.waitingFor && mayAct && <DecisionForm view={view} href={view.waitingFor.endpoint.href} onDone={done('Keputusan tercatat.')} />}
          {view.waitingFor && !mayAct && user.role !== 'applicant' && (
            <p class="muted" data-testid="not-yours">
              Keputusan langkah ini diambil oleh {view.waitingFor.roleTitle}; tidak ada yang perlu Anda lakukan.
            </p>
          )}
          {user.role === 'applicant' && <Withdraw view={view} onDone={done('Permohonan dibatalkan.')} />}
          <section aria-labelledby="steps-title">
            <h2 id="steps-title">Langkah SOP dan mutu baku</h2>
            <Steps steps={view.steps} />
          </section>
          <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">Riwayat keputusan</h2>
            <Timeline view={view} />
          </section>
          <section aria-labelledby="documents-title">
            <h2 id="documents-title">Dokumen</h2>
            <Documents requestNumber={view.requestNumber} revision={view.revision} />
          </section>
        </>
      )}
    </Layout>
  );
}
