// What waits for my role, most overdue first, with each task's SLA state at a glance.
import type { JSX } from 'preact';
import { api } from '../api';
import { formatDateTime, relativeToNow } from '../format';
import { actionTitles } from '../labels';
import { BASE, Link } from '../router';
import { ErrorBox, Layout, Loading, TableBox, useApp, useLoad } from '../ui';

interface InboxItem {
  requestNumber: string;
  applicantUnit: string;
  domain: string | null;
  step: { sopStep: string; title: string };
  todo: { kind: string; action: string; roleTitle: string; deadline: string | null; overdue: boolean };
  submittedAt: string;
}

interface Inbox {
  total: number;
  overdue: number;
  items: InboxItem[];
}

/** Within a working day of its deadline: worth a look before it is late. */
const SOON_MS = 8 * 3_600_000;

function slaOf(todo: InboxItem['todo'], now: number): { text: string; tone: string } {
  if (!todo.deadline) return { text: 'Tanpa batas waktu', tone: 'muted' };
  if (todo.overdue) return { text: relativeToNow(todo.deadline, now), tone: 'bad' };
  if (Date.parse(todo.deadline) - now < SOON_MS) return { text: relativeToNow(todo.deadline, now), tone: 'warn' };
  return { text: relativeToNow(todo.deadline, now), tone: 'ok' };
}

export function InboxPage(): JSX.Element {
  const { user } = useApp();
  const { data, error } = useLoad(() => api<Inbox>('GET', '/inbox?pageSize=200'), 'inbox');
  const now = Date.now();
  return (
    <Layout current={`${BASE}/tugas`}>
      <h1>{user.role === 'applicant' ? 'Tugas saya' : 'Kotak tugas'}</h1>
      <ErrorBox error={error} />
      {!data && !error && <Loading />}
      {data && (
        <p role="status">
          {data.total} tugas menunggu{data.overdue ? `, ${data.overdue} terlambat` : ''}.
        </p>
      )}
      {data && data.items.length > 0 && (
        <TableBox label="Tugas yang menunggu">
          <thead>
            <tr>
              <th>SLA</th>
              <th>Permohonan</th>
              <th>Tindakan</th>
              <th>Langkah</th>
              <th>Batas waktu</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((item) => {
              const sla = slaOf(item.todo, now);
              return (
                <tr key={item.requestNumber} class={item.todo.overdue ? 'overdue' : ''}>
                  <td>
                    <span class={`badge ${sla.tone}`}>{sla.text}</span>
                  </td>
                  <td>
                    <Link href={`${BASE}/permohonan/${item.requestNumber}`}>{item.requestNumber}</Link>
                    <div class="muted">
                      {item.applicantUnit}
                      {item.domain ? ` · ${item.domain}` : ''}
                    </div>
                  </td>
                  <td>
                    <strong>{actionTitles[item.todo.kind] ?? item.todo.kind}</strong>
                    <div class="muted">{item.todo.action}</div>
                  </td>
                  <td>
                    {item.step.sopStep}. {item.step.title}
                  </td>
                  <td>{formatDateTime(item.todo.deadline)}</td>
                </tr>
              );
            })}
          </tbody>
        </TableBox>
      )}
    </Layout>
  );
}
