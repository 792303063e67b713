// An applicant's request: the surat permohonan and the form pengajuan (or, where the agency's SOP book
// has them, a back up or restore request), checked field by field with the API's own schemas.
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import type { z } from 'zod';
import { backupSubmissionSchema, restoreSubmissionSchema, submissionSchema } from '../../../shared/request';
import { api, newIdempotencyKey } from '../api';
import { BASE, Link, navigate, useLocation } from '../router';
import { SchemaForm } from '../schemaForm';
import { ErrorBox, Layout, useApp, useSend } from '../ui';

interface Kind {
  request: string;
  label: string;
  path: string;
  schema: z.ZodType;
  prefill(user: { email: string; unitName?: string | null }): Record<string, unknown>;
}

const kinds: Kind[] = [
  {
    request: 'colocation',
    label: 'Co-location server dan hosting aplikasi',
    path: '/requests',
    schema: submissionSchema,
    prefill: (u) => ({ applicantEmail: u.email, form: { unitName: u.unitName ?? '', term: { kind: 'permanent' } }, servers: [{}] }),
  },
  { request: 'backup', label: 'Permintaan back up', path: '/requests/backup', schema: backupSubmissionSchema, prefill: (u) => ({ applicantEmail: u.email, unitName: u.unitName ?? '' }) },
  { request: 'restore', label: 'Permintaan restore', path: '/requests/restore', schema: restoreSubmissionSchema, prefill: (u) => ({ applicantEmail: u.email, unitName: u.unitName ?? '' }) },
];

const hints: Record<string, string> = {
  'form.nip': '18 digit, tanpa spasi.',
  'form.domain': 'Mis. simpus.dinkes.example.go.id',
  'form.contactNumber': 'Mis. 0812-3456-7890',
  'needs.rackUnits': 'Jumlah unit rak (U) yang dipakai seluruh server.',
};

export function NewRequestPage(): JSX.Element {
  const { user, service } = useApp();
  const url = useLocation();
  const offered = kinds.filter((k) => service.procedures.some((p) => p.request === k.request));
  const kind = offered.find((k) => k.request === url.searchParams.get('jenis')) ?? offered[0]!;
  // One key per form shown: a double click or a resend after a lost answer opens one case, not two.
  const idempotencyKey = useMemo(newIdempotencyKey, [kind.request]);
  const { busy, failure, send } = useSend(async (body: unknown) => {
    const created = await api<{ requestNumber: string }>('POST', kind.path, body, { 'Idempotency-Key': idempotencyKey });
    navigate(`${BASE}/permohonan/${created.requestNumber}`);
  });

  if (user.role !== 'applicant') {
    return (
      <Layout current={`${BASE}/permohonan/baru`}>
        <h1>Ajukan permohonan</h1>
        <p>Permohonan diajukan oleh pemohon (OPD/SKPD) dengan akunnya sendiri.</p>
      </Layout>
    );
  }
  return (
    <Layout current={`${BASE}/permohonan/baru`}>
      <h1>Ajukan permohonan</h1>
      {offered.length > 1 && (
        <nav class="tabs" aria-label="Jenis permohonan">
          {offered.map((k) => (
            <Link key={k.request} href={`${BASE}/permohonan/baru?jenis=${k.request}`} aria-current={k === kind ? 'page' : undefined}>
              {k.label}
            </Link>
          ))}
        </nav>
      )}
      <h2>{kind.label}</h2>
      <ErrorBox error={failure} />
      <SchemaForm key={kind.request} schema={kind.schema} initial={kind.prefill(user)} hints={hints} submitLabel="Kirim permohonan" busy={busy} serverFields={failure?.fields} onSubmit={send} testId="new-request" />
    </Layout>
  );
}
