// Admins manage who may use Kolokasi (name, email, role, unit, active) and the API tokens that
// integrations call with (named, expiring, revocable; a new token is shown once).
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { z } from 'zod';
import { emailAddressSchema } from '../../../shared/emailAddress';
import { strictObject, text } from '../../../shared/text';
import { api } from '../api';
import { formatDateTime } from '../format';
import { BASE } from '../router';
import { SchemaForm } from '../schemaForm';
import { roleTitle } from '../service';
import { ErrorBox, Layout, Loading, TableBox, useApp, useLoad, useSend } from '../ui';

interface UserRow {
  id: string;
  name: string;
  email: string;
  role: string;
  unitName?: string | null;
  active: boolean;
}

interface TokenRow {
  id: string;
  name: string;
  userId: string;
  userName?: string;
  createdAt: string;
  expiresAt: string;
  status: 'active' | 'expired' | 'revoked';
  revokedAt?: string | null;
  lastUsedAt?: string | null;
}

function UserForm({ roles, onDone }: { roles: string[]; onDone(): void }): JSX.Element {
  const schema = strictObject({
    name: text(200, { min: 3 }),
    email: emailAddressSchema,
    role: z.enum(roles as [string, ...string[]]),
    unitName: text(200, { min: 2 }).optional(),
  }).refine((u) => u.role !== 'applicant' || !!u.unitName, { path: ['unitName'], message: 'pemohon wajib punya unit kerja' });
  const { busy, failure, send } = useSend(async (body: z.infer<typeof schema>) => {
    await api('POST', '/users', { ...body, active: true });
    onDone();
  });
  return (
    <section class="card" aria-labelledby="new-user">
      <h2 id="new-user">Tambah pengguna</h2>
      <ErrorBox error={failure} />
      <SchemaForm schema={schema} submitLabel="Tambah pengguna" busy={busy} serverFields={failure?.fields} onSubmit={send} testId="new-user" />
    </section>
  );
}

function TokenForm({ users, onCreated }: { users: UserRow[]; onCreated(token: string): void }): JSX.Element {
  const schema = strictObject({
    name: text(100, { min: 3 }),
    userId: z.enum(users.map((u) => u.id) as [string, ...string[]]),
    expiresInDays: z.number().int().min(1).max(730),
  });
  const { busy, failure, send } = useSend(async (body: z.infer<typeof schema>) => {
    const created = await api<{ token: string }>('POST', '/tokens', body);
    onCreated(created.token);
  });
  return (
    <section class="card" aria-labelledby="new-token">
      <h2 id="new-token">Buat token API</h2>
      <ErrorBox error={failure} />
      <SchemaForm schema={schema} initial={{ expiresInDays: '90' }} submitLabel="Buat token" busy={busy} serverFields={failure?.fields} onSubmit={send} testId="new-token" />
    </section>
  );
}

export function UsersPage(): JSX.Element {
  const { user: me, service } = useApp();
  const users = useLoad(() => api<{ items: UserRow[] }>('GET', '/users'), 'users');
  const tokens = useLoad(() => api<{ items: TokenRow[] }>('GET', '/tokens'), 'tokens');
  const [shownToken, setShownToken] = useState<string | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const roles = [...Object.keys(service.roles), 'admin'];

  const setActive = async (u: UserRow, active: boolean): Promise<void> => {
    try {
      await api('PUT', `/users/${encodeURIComponent(u.id)}`, { name: u.name, email: u.email, role: u.role, ...(u.unitName && { unitName: u.unitName }), active });
      setFailure(undefined);
      users.reload();
    } catch (error) {
      setFailure(error);
    }
  };
  const revoke = async (t: TokenRow): Promise<void> => {
    try {
      await api('POST', `/tokens/${encodeURIComponent(t.id)}/revoke`);
      tokens.reload();
    } catch (error) {
      setFailure(error);
    }
  };

  if (me.role !== 'admin') {
    return (
      <Layout current={`${BASE}/admin/pengguna`}>
        <p>Halaman ini hanya untuk admin.</p>
      </Layout>
    );
  }
  return (
    <Layout current={`${BASE}/admin/pengguna`}>
      <h1>Pengguna dan token API</h1>
      <ErrorBox error={failure ?? users.error ?? tokens.error} />
      {!users.data && <Loading />}
      {users.data && (
        <TableBox label="Pengguna">
          <thead>
            <tr>
              <th>Nama</th>
              <th>Email</th>
              <th>Peran</th>
              <th>Unit</th>
              <th>Status</th>
              <th>Tindakan</th>
            </tr>
          </thead>
          <tbody>
            {users.data.items.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{roleTitle(service, u.role)}</td>
                <td>{u.unitName ?? '—'}</td>
                <td>{u.active ? <span class="badge ok">Aktif</span> : <span class="badge muted">Nonaktif</span>}</td>
                <td>
                  {u.id !== me.id && (
                    <button type="button" class="secondary small" onClick={() => void setActive(u, !u.active)}>
                      {u.active ? 'Nonaktifkan' : 'Aktifkan'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableBox>
      )}
      <UserForm roles={roles} onDone={users.reload} />
      <h2>Token API</h2>
      {shownToken && (
        <div class="alert ok" role="status">
          Token baru (hanya ditampilkan sekarang, simpan di tempat aman): <code data-testid="new-token-value">{shownToken}</code>
        </div>
      )}
      {tokens.data && (
        <TableBox label="Token API">
          <thead>
            <tr>
              <th>Nama</th>
              <th>Pengguna</th>
              <th>Dibuat</th>
              <th>Berlaku sampai</th>
              <th>Terakhir dipakai</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.items.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td>{t.userName ?? t.userId}</td>
                  <td>{formatDateTime(t.createdAt)}</td>
                  <td>{formatDateTime(t.expiresAt)}</td>
                  <td>{formatDateTime(t.lastUsedAt)}</td>
                  <td>
                    {t.status === 'revoked' ? (
                      <span class="badge muted">Dicabut</span>
                    ) : t.status === 'expired' ? (
                      <span class="badge muted">Kedaluwarsa</span>
                    ) : (
                      <button type="button" class="secondary small" onClick={() => void revoke(t)}>
                        Cabut
                      </button>
                    )}
                  </td>
                </tr>
            ))}
          </tbody>
        </TableBox>
      )}
      {users.data && (
        <TokenForm
          users={users.data.items.filter((u) => u.active)}
          onCreated={(token) => {
            setShownToken(token);
            tokens.reload();
          }}
        />
      )}
    </Layout>
  );
}
