// Admins manage users over HTTP on the real stack: the list, adding (an id from the name when none
// is given), changing, what is refused and why; a new user signs in by email link in the role
// Kolokasi gives them; an admin cannot lock themself out.
import { ApiHarness, startApiHarness } from './support/apiHarness';
import { waitForEmails } from '../support/mailbox';
import { isSignInEmailTo, linkToken, openSessionWith } from './support/signIn';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness('kolokasi_users');
});
afterAll(() => h?.close());

const admin = () => h.as('admin');
const siti = { name: 'Siti Rahmawati', email: 'Siti.Rahmawati@Dinkes.example.go.id', role: 'applicant', unitName: 'Dinas Kesehatan' };

test('the list has every user, active or not; only admins see it', async () => {
  const list = await admin()('GET', '/users');
  expect(list.status).toBe(200);
  expect(list.body.items).toContainEqual({ id: h.users.kabid.id, name: 'Uji kabid', email: h.users.kabid.email, role: 'kabid', unitName: null, active: true, createdAt: expect.any(String) });
  expect(list.body.items).toContainEqual(expect.objectContaining({ id: h.users.applicant.id, unitName: 'Dinas Kesehatan' }));
  expect(list.body.total).toBe(list.body.items.length);
  for (const user of ['kabid', 'applicant'] as const) {
    expect((await h.as(user)('GET', '/users')).status).toBe(403);
    expect((await h.as(user)('POST', '/users', { body: siti })).status).toBe(403);
  }
});

test('a new user gets an id from the name, a namesake the next one, and signs in by email in the role Kolokasi gives', async () => {
  const created = await admin()('POST', '/users', { body: siti });
  expect(created.status).toBe(201);
  expect(created.body).toEqual({ id: 'siti-rahmawati', name: 'Siti Rahmawati', email: 'siti.rahmawati@dinkes.example.go.id', role: 'applicant', unitName: 'Dinas Kesehatan', active: true, createdAt: expect.any(String) });
  expect(created.headers.get('location')).toBe('/users/siti-rahmawati');

  const namesake = await admin()('POST', '/users', { body: { ...siti, email: 'siti.r@dinsos.example.go.id', unitName: 'Dinas Sosial' } });
  expect(namesake.body.id).toBe('siti-rahmawati-2');
  const chosen = await admin()('POST', '/users', { body: { id: 'budi.santoso', name: 'Budi Santoso', email: 'budi@kominfo.example.go.id', role: 'dcStaff', active: false } });
  expect(chosen.body).toMatchObject({ id: 'budi.santoso', role: 'dcStaff', unitName: null, active: false });

  // Typed as the person remembers it; the link goes to the address as stored.
  expect((await h.call('POST', '/auth/email-link', { body: { email: 'SITI.RAHMAWATI@dinkes.example.go.id' } })).status).toBe(202);
  const [email] = await waitForEmails(isSignInEmailTo('siti.rahmawati@dinkes.example.go.id'));
  const session = await openSessionWith(h, linkToken(email!));
  expect(session.body.user).toEqual({ id: 'siti-rahmawati', name: 'Siti Rahmawati', email: 'siti.rahmawati@dinkes.example.go.id', role: 'applicant', unitName: 'Dinas Kesehatan' });
});

test('what is refused on adding a user says which field and why', async () => {
  const noUnit = await admin()('POST', '/users', { body: { name: 'Pemohon Tanpa Unit', email: 'tanpa.unit@opd.example.go.id', role: 'applicant' } });
  expect(noUnit.status).toBe(400);
  expect(noUnit.body.error.fields).toEqual({ unitName: 'wajib diisi untuk pemohon (applicant): unit yang permohonannya boleh ia lihat' });

  const badEmail = await admin()('POST', '/users', { body: { ...siti, email: 'siti..rahma@dinkes.example.go.id' } });
  expect(badEmail.body.error.fields.email).toContain('bagian sebelum @');
  const badRole = await admin()('POST', '/users', { body: { ...siti, role: 'bupati' } });
  expect(badRole.body.error.fields.role).toContain('peran tidak dikenal');
  const withPassword = await admin()('POST', '/users', { body: { ...siti, email: 'x@opd.example.go.id', password: 'rahasia' } });
  expect(withPassword.body.error.fields).toEqual({ password: expect.stringContaining('kolom tidak dikenal') });
  const badId = await admin()('POST', '/users', { body: { ...siti, id: 'Siti Rahmawati!', email: 'y@opd.example.go.id' } });
  expect(badId.body.error.fields).toHaveProperty('id');

  const sameEmail = await admin()('POST', '/users', { body: { ...siti, name: 'Orang Lain', email: h.users.kasi.email.toUpperCase() } });
  expect(sameEmail.status).toBe(409);
  expect(sameEmail.body.error).toMatchObject({ code: 'EMAIL_TAKEN', fields: { email: 'sudah dipakai pengguna lain' } });
  const sameId = await admin()('POST', '/users', { body: { ...siti, id: h.users.kasi.id, email: 'z@opd.example.go.id' } });
  expect(sameId.status).toBe(409);
  expect(sameId.body.error.code).toBe('USER_ID_TAKEN');
  // Nothing half-added.
  const emails = (await admin()('GET', '/users')).body.items.map((u: { email: string }) => u.email);
  expect(emails).not.toEqual(expect.arrayContaining(['tanpa.unit@opd.example.go.id']));
  expect(emails).not.toContain('z@opd.example.go.id');
});

test('an admin changes a user; the next call already counts the new role and unit', async () => {
  const before = await h.as('otherApplicant')('GET', '/me');
  expect(before.body).toMatchObject({ role: 'applicant', unitName: 'Dinas Pendidikan' });
  const changed = await admin()('PUT', `/users/${h.users.otherApplicant.id}`, { body: { name: 'Uji Pindah Unit', email: h.users.otherApplicant.email, role: 'applicant', unitName: 'Dinas Sosial', active: true } });
  expect(changed.status).toBe(200);
  expect(changed.body).toMatchObject({ id: h.users.otherApplicant.id, name: 'Uji Pindah Unit', unitName: 'Dinas Sosial', active: true });
  expect((await h.as('otherApplicant')('GET', '/me')).body).toMatchObject({ name: 'Uji Pindah Unit', unitName: 'Dinas Sosial' });

  const toStaff = await admin()('PUT', `/users/${h.users.otherApplicant.id}`, { body: { name: 'Uji Pindah Unit', email: h.users.otherApplicant.email, role: 'helpdesk', active: true } });
  expect(toStaff.body).toMatchObject({ role: 'helpdesk', unitName: null });

  const taken = await admin()('PUT', `/users/${h.users.otherApplicant.id}`, { body: { name: 'x', email: h.users.kabid.email, role: 'helpdesk', active: true } });
  expect(taken.body.error.code).toBe('EMAIL_TAKEN');
  const unknown = await admin()('PUT', '/users/tidak-ada', { body: { name: 'x', email: 'x@kominfo.example.go.id', role: 'kasi', active: true } });
  expect(unknown.status).toBe(404);
  const partial = await admin()('PUT', `/users/${h.users.otherApplicant.id}`, { body: { name: 'Hanya nama' } });
  expect(partial.status).toBe(400);
  expect(Object.keys(partial.body.error.fields).sort()).toEqual(['active', 'email', 'role']);
});

test('an admin cannot deactivate themself or drop their own admin role', async () => {
  const self = { name: 'Uji admin', email: h.users.admin.email, role: 'admin', active: true };
  const deactivate = await admin()('PUT', `/users/${h.users.admin.id}`, { body: { ...self, active: false } });
  expect(deactivate.status).toBe(409);
  expect(deactivate.body.error).toEqual({ code: 'SELF_LOCKOUT', message: expect.stringContaining('menonaktifkan akun Anda sendiri') });
  const demote = await admin()('PUT', `/users/${h.users.admin.id}`, { body: { ...self, role: 'kasi' } });
  expect(demote.body.error).toEqual({ code: 'SELF_LOCKOUT', message: expect.stringContaining('peran admin Anda sendiri') });
  expect((await admin()('GET', '/me')).body.role).toBe('admin');
  expect((await admin()('PUT', `/users/${h.users.admin.id}`, { body: { ...self, name: 'Uji Admin Utama' } })).status).toBe(200);
});
