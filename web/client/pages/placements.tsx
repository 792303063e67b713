// Servers placed in the data center (an applicant sees its unit's), each with its location, term and
// history, and the form pencabutan to ask for its withdrawal.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { reason } from '../../../shared/decisionPayloads';
import { strictObject } from '../../../shared/text';
import { api, newIdempotencyKey } from '../api';
import { formatDate, formatDateTime } from '../format';
import { BASE, Link, navigate } from '../router';
import { SchemaForm } from '../schemaForm';
import { ErrorBox, Layout, Loading, TableBox, useLoad, useSend } from '../ui';

interface PlacementState {
  placementNumber: string;
  unitName: string;
  domain: string;
  status: string;
  servers: { assetId: string; name: string; serialNumber: string; typeAndBrand: string }[];
  location?: { rackName: string; startUnit: number; units: number; ipAddress?: string; noc: string; location: string };
  term: { kind: string; until?: string };
  installedAt: string;
  bastNumber?: string;
  withdrawal?: { withdrawalNumber?: string };
}

interface PlacementView {
  placementNumber: string;
  status: string;
  unitName: string;
  domain: string;
  state: PlacementState;
  events?: { at: string; event: string }[];
}

const statusTexts: Record<string, string> = { active: 'Aktif', withdrawing: 'Sedang dicabut', withdrawn: 'Sudah dicabut' };

const termText = (term: PlacementState['term']): string => (term.kind === 'temporary' && term.until ? `sementara, sampai ${formatDate(term.until)}` : 'permanen');

const where = (s: PlacementState): string =>
  s.location ? `${s.location.rackName}, U${s.location.startUnit}–U${s.location.startUnit + s.location.units - 1}${s.location.ipAddress ? `, IP ${s.location.ipAddress}` : ''}` : '—';

export function PlacementsPage(): JSX.Element {
  const { data, error } = useLoad(() => api<{ items: PlacementView[] }>('GET', '/placements?pageSize=100'), 'placements');
  return (
    <Layout current={`${BASE}/penempatan`}>
      <h1>Penempatan server</h1>
      <ErrorBox error={error} />
      {!data && !error && <Loading />}
      {data && data.items.length === 0 && <p>Belum ada server yang ditempatkan.</p>}
      {data && data.items.length > 0 && (
        <TableBox label="Penempatan">
          <thead>
            <tr>
              <th>Nomor</th>
              <th>Unit</th>
              <th>Domain</th>
              <th>Lokasi</th>
              <th>Jangka waktu</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((p) => (
              <tr key={p.placementNumber}>
                <td>
                  <Link href={`${BASE}/penempatan/${p.placementNumber}`}>{p.placementNumber}</Link>
                </td>
                <td>{p.unitName}</td>
                <td>{p.domain}</td>
                <td>{where(p.state)}</td>
                <td>{termText(p.state.term)}</td>
                <td>{statusTexts[p.status] ?? p.status}</td>
              </tr>
            ))}
          </tbody>
        </TableBox>
      )}
    </Layout>
  );
}

const withdrawalBody = strictObject({ reason });

export function PlacementPage({ placementNumber }: { placementNumber: string }): JSX.Element {
  const { data, error } = useLoad(() => api<PlacementView>('GET', `/placements/${encodeURIComponent(placementNumber)}`), placementNumber);
  const [key] = useState(newIdempotencyKey);
  const { busy, failure, send: withdraw } = useSend(async (body: { reason: string }) => {
    const started = await api<{ withdrawal: { requestNumber: string } }>('POST', `/placements/${encodeURIComponent(placementNumber)}/withdrawal`, body, { 'Idempotency-Key': key });
    navigate(`${BASE}/permohonan/${started.withdrawal.requestNumber}`);
  });
  const s = data?.state;
  return (
    <Layout current={`${BASE}/penempatan`}>
      <h1>Penempatan {placementNumber}</h1>
      <ErrorBox error={error} />
      {!data && !error && <Loading />}
      {s && (
        <>
          <section class="card">
            <p>
              <strong>{statusTexts[s.status] ?? s.status}</strong> · {s.unitName} · {s.domain}
            </p>
            <p>Lokasi: {where(s)}</p>
            <p>Jangka waktu: {termText(s.term)}</p>
            <p>Terpasang: {formatDateTime(s.installedAt)}</p>
            {s.bastNumber && <p>BAST: {s.bastNumber}</p>}
            {s.withdrawal?.withdrawalNumber && (
              <p>
                Pencabutan: <Link href={`${BASE}/permohonan/${s.withdrawal.withdrawalNumber}`}>{s.withdrawal.withdrawalNumber}</Link>
              </p>
            )}
            <ul>
              {s.servers.map((server) => (
                <li key={server.assetId}>
                  {server.name} — {server.typeAndBrand}, S/N {server.serialNumber}
                </li>
              ))}
            </ul>
          </section>
          {s.status === 'active' && (
            <section class="card" aria-labelledby="withdraw-title">
              <h2 id="withdraw-title">Ajukan pencabutan (form pencabutan)</h2>
              <ErrorBox error={failure} />
              <SchemaForm schema={withdrawalBody} submitLabel="Ajukan pencabutan" busy={busy} serverFields={failure?.fields} onSubmit={withdraw} testId="placement-withdrawal" />
            </section>
          )}
          {data.events && (
            <section>
              <h2>Riwayat</h2>
              <ol class="timeline">
                {data.events.map((e, i) => (
                  <li key={i}>
                    <time>{formatDateTime(e.at)}</time> — {e.event}
                  </li>
                ))}
              </ol>
            </section>
          )}
        </>
      )}
    </Layout>
  );
}
