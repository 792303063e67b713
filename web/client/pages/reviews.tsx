// The yearly asset-register review, as the staff who do it see it: one task per placed server, each
// confirmed as it stands, corrected (the fields found wrong and why) or reported missing (which
// starts that placement's withdrawal).
import type { JSX } from 'preact';
import type { z } from 'zod';
import { useState } from 'preact/hooks';
import { reviewTaskBodySchemas } from '../../../shared/reviewAnswers';
import { api, newIdempotencyKey } from '../api';
import { formatDateTime } from '../format';
import { BASE } from '../router';
import { SchemaForm } from '../schemaForm';
import { ErrorBox, Layout, Loading, useApp, useLoad, useSend } from '../ui';

interface ReviewTask {
  reviewId: string;
  assetId: string;
  serverName: string | null;
  domain: string | null;
  rackId: string | null;
  rackUnits: string | null;
  ipAddress: string | null;
  serialNumber: string | null;
  unitName: string | null;
  contactName: string | null;
  state: string;
  performer: string;
  deadline: string;
  overdue: boolean;
}

const answerLabels: Record<keyof typeof reviewTaskBodySchemas, string> = {
  confirm: 'Konfirmasi: server ada dan datanya benar',
  correct: 'Simpan koreksi',
  missing: 'Laporkan tidak ditemukan',
};

function TaskCard({ task, onDone }: { task: ReviewTask; onDone(): void }): JSX.Element {
  const { user } = useApp();
  const [answer, setAnswer] = useState<keyof typeof reviewTaskBodySchemas | undefined>();
  const [key] = useState(newIdempotencyKey);
  const { busy, failure, send } = useSend(async ({ segment, body }: { segment: string; body: unknown }) => {
    await api('POST', `/reviews/${encodeURIComponent(task.reviewId)}/tasks/${encodeURIComponent(task.assetId)}/${segment}`, body, { 'Idempotency-Key': `${key}-${segment}` });
    onDone();
  });
  const mine = task.performer === user.role;
  return (
    <section class="card" aria-label={`Aset ${task.assetId}`}>
      <h2>
        {task.serverName ?? task.assetId} {task.overdue && <span class="badge bad">Terlambat</span>}
      </h2>
      <p>
        {task.unitName} · {task.domain} · rak {task.rackId} {task.rackUnits} · IP {task.ipAddress ?? '—'} · S/N {task.serialNumber ?? '—'}
      </p>
      <p class="muted">Batas waktu {formatDateTime(task.deadline)}</p>
      <ErrorBox error={failure} />
      {mine && task.state === 'open' && (
        <div class="toolbar">
          <button type="button" class="secondary" onClick={() => setAnswer('confirm')}>
            Konfirmasi
          </button>
          <button type="button" class="secondary" onClick={() => setAnswer('correct')}>
            Koreksi data
          </button>
          <button type="button" class="secondary danger" onClick={() => setAnswer('missing')}>
            Tidak ditemukan
          </button>
        </div>
      )}
      {answer && (
        <SchemaForm
          key={answer}
          schema={reviewTaskBodySchemas[answer] as z.ZodType<unknown>}
          submitLabel={answerLabels[answer]}
          busy={busy}
          serverFields={failure?.fields}
          onSubmit={(body) => send({ segment: answer, body })}
          testId={`review-${answer}`}
        />
      )}
    </section>
  );
}

export function ReviewsPage(): JSX.Element {
  const { data, error, reload } = useLoad(() => api<{ total: number; items: ReviewTask[] }>('GET', '/reviews/tasks?state=open'), 'reviews');
  return (
    <Layout current={`${BASE}/tinjauan`}>
      <h1>Tinjauan aset register</h1>
      <ErrorBox error={error} />
      {!data && !error && <Loading />}
      {data && data.items.length === 0 && <p>Tidak ada tugas tinjauan yang terbuka.</p>}
      {data?.items.map((t) => (
        <TaskCard key={t.assetId} task={t} onDone={reload} />
      ))}
    </Layout>
  );
}
