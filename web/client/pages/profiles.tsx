// The SOP book this deployment runs: each procedure's rows (performer, mutu baku, output) and its flow
// drawn as a diagram by Mermaid, loaded only on this page.
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { api } from '../api';
import { BASE } from '../router';
import { ErrorBox, Layout, Loading, TableBox, useApp, useLoad } from '../ui';

interface Row {
  no: string;
  title: string;
  performer: string;
  documents?: string[];
  duration?: { amount: number; unit: string } | null;
  output?: string | null;
}

interface ProcedureDetail {
  id: string;
  title: string;
  activities: Row[];
}

interface MermaidApi {
  initialize(options: Record<string, unknown>): void;
  render(id: string, text: string): Promise<{ svg: string }>;
}

let mermaidLoading: Promise<MermaidApi> | undefined;

function loadMermaid(): Promise<MermaidApi> {
  mermaidLoading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `${BASE}/vendor/mermaid.min.js`;
    script.onload = () => {
      const mermaid = (window as unknown as { mermaid: MermaidApi }).mermaid;
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', flowchart: { useMaxWidth: true } });
      resolve(mermaid);
    };
    script.onerror = () => reject(new Error('mermaid'));
    document.head.append(script);
  });
  return mermaidLoading;
}

function Diagram({ href, id }: { href: string; id: string }): JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      const res = await fetch(href, { credentials: 'same-origin' });
      const text = await res.text();
      const mermaid = await loadMermaid();
      const { svg } = await mermaid.render(`diagram-${id}`, text);
      if (live && box.current) box.current.innerHTML = svg;
    })().catch(() => {
      if (live && box.current) box.current.textContent = 'Diagram tidak dapat digambar.';
    });
    return () => {
      live = false;
    };
  }, [href, id]);
  return <div class="diagram" ref={box} data-testid={`diagram-${id}`} aria-label="Diagram alur prosedur" role="img" />;
}

export function ProfilesPage(): JSX.Element {
  const { service } = useApp();
  const { data, error } = useLoad(() => api<{ procedures: ProcedureDetail[]; roles: Record<string, { title: string } | undefined> }>('GET', `/profiles/${service.id}`), service.id);
  return (
    <Layout current={`${BASE}/profil`}>
      <h1>Profil SOP: {service.agency}</h1>
      <ErrorBox error={error} />
      {!data && !error && <Loading />}
      {data?.procedures.map((p) => (
        <section class="card" key={p.id} aria-labelledby={`proc-${p.id}`}>
          <h2 id={`proc-${p.id}`}>{p.title}</h2>
          <TableBox label={`Langkah ${p.title}`}>
            <thead>
              <tr>
                <th>No.</th>
                <th>Kegiatan</th>
                <th>Pelaksana</th>
                <th>Kelengkapan</th>
                <th>Waktu</th>
                <th>Output</th>
              </tr>
            </thead>
            <tbody>
              {p.activities.map((row) => (
                <tr key={row.no}>
                  <td>{row.no}</td>
                  <td>{row.title}</td>
                  <td>{data.roles[row.performer]?.title ?? row.performer}</td>
                  <td>{row.documents?.join(', ') || '—'}</td>
                  <td>{row.duration ? `${row.duration.amount} ${row.duration.unit}` : '—'}</td>
                  <td>{row.output ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </TableBox>
          <Diagram href={service.procedures.find((s) => s.id === p.id)?.diagram ?? `/profiles/${service.id}/diagram?procedure=${p.id}`} id={p.id} />
        </section>
      ))}
    </Layout>
  );
}
