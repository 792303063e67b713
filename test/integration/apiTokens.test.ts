// API tokens for integrations over HTTP on the real stack: an admin issues one (shown once), lists
// them (never the token again), revokes one; an expired or revoked token is refused at once; the
// bearer tokens users had before api_tokens are carried over at start and keep working.
import { apiTokenUser } from '../../api/apiTokens/apiTokens';
import { moveLegacyTokens } from '../../api/apiTokens/legacyTokens';
import { hashToken } from '../../api/tokens';
import { ApiToken } from '../../shared/db/apiToken';
import { ApiTokenUse } from '../../shared/db/apiTokenUse';
import { User } from '../../shared/db/user';
import { ApiHarness, startApiHarness } from './support/apiHarness';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness('kolokasi_api_tokens');
});
afterAll(() => h?.close());

const admin = () => h.as('admin');
const issue = (body: unknown) => admin()('POST', '/tokens', { body });

test('an admin issues a token for a user; the integration calls as that user, and the list never shows the token again', async () => {
  const issued = await issue({ name: 'Sinkronisasi aset ke SIMDA', userId: h.users.dcStaff.id, expiresInDays: 90 });
  expect(issued.status).toBe(201);
  expect(issued.body).toEqual({
    id: expect.stringMatching(/^tok_[A-Za-z0-9_-]{8}$/),
    name: 'Sinkronisasi aset ke SIMDA',
    userId: h.users.dcStaff.id,
    status: 'active',
    createdAt: expect.any(String),
    createdBy: h.users.admin.id,
    expiresAt: expect.any(String),
    revokedAt: null,
    lastUsedAt: null,
    token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
  });
  expect(Date.parse(issued.body.expiresAt) - Date.parse(issued.body.createdAt)).toBe(90 * 86_400_000);

  const me = await h.call('GET', '/me', { token: issued.body.token });
  expect(me.body).toMatchObject({ id: h.users.dcStaff.id, role: 'dcStaff' });
  // A change with a bearer token needs no CSRF token.
  expect((await h.call('POST', '/tokens', { token: issued.body.token, body: {} })).status).toBe(403);

  const list = await admin()('GET', '/tokens');
  expect(list.status).toBe(200);
  const listed = list.body.items.find((t: { id: string }) => t.id === issued.body.id);
  const { token: _shownOnce, ...withoutToken } = issued.body;
  expect(listed).toEqual({ ...withoutToken, lastUsedAt: expect.any(String) });
  expect(JSON.stringify(list.body)).not.toContain(issued.body.token);
  expect(JSON.stringify(list.body)).not.toContain(hashToken(issued.body.token));
});

test('lastUsedAt is written at most once an hour, apart from the token, whose document only admins write', async () => {
  const { body } = await issue({ name: 'Pemantauan', userId: h.users.kabid.id, expiresInDays: 1 });
  const issued = await ApiToken.findById(hashToken(body.token)).lean();
  await h.call('GET', '/me', { token: body.token });
  const first = (await ApiTokenUse.findById(hashToken(body.token)).lean())!.lastUsedAt;
  await h.call('GET', '/me', { token: body.token });
  expect((await ApiTokenUse.findById(hashToken(body.token)).lean())!.lastUsedAt).toEqual(first);
  // An hour on, the next call writes it again.
  expect(await apiTokenUser(body.token, new Date(first.getTime() + 3_600_000))).not.toBeNull();
  expect((await ApiTokenUse.findById(hashToken(body.token)).lean())!.lastUsedAt.getTime()).toBe(first.getTime() + 3_600_000);
  // A revocation racing a use cannot be undone by it: uses never write the token's document.
  expect(await ApiToken.findById(hashToken(body.token)).lean()).toEqual(issued);
  const listed = (await admin()('GET', '/tokens')).body.items.find((t: { id: string }) => t.id === body.id);
  expect(listed.lastUsedAt).toBe(new Date(first.getTime() + 3_600_000).toISOString());
});

test('a revoked token is refused from its next call on; revoking again changes nothing', async () => {
  const { body } = await issue({ name: 'Skrip laporan', userId: h.users.kasi.id, expiresInDays: 30 });
  expect((await h.call('GET', '/me', { token: body.token })).status).toBe(200);

  const revoked = await admin()('POST', `/tokens/${body.id}/revoke`);
  expect(revoked.status).toBe(200);
  expect(revoked.body).toMatchObject({ id: body.id, status: 'revoked', revokedAt: expect.any(String) });
  const refused = await h.call('GET', '/me', { token: body.token });
  expect(refused.status).toBe(401);
  expect(refused.body.error).toEqual({ code: 'UNAUTHENTICATED', message: 'Token tidak dikenal atau sudah tidak berlaku.' });

  const again = await admin()('POST', `/tokens/${body.id}/revoke`);
  expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
  expect((await admin()('POST', '/tokens/tok_tidakada/revoke')).status).toBe(404);
  expect((await admin()('POST', '/tokens/bukan-id/revoke')).status).toBe(404);
});

test('an expired token is refused, and listed as expired', async () => {
  const { body } = await issue({ name: 'Integrasi lama', userId: h.users.kadis.id, expiresInDays: 1 });
  await ApiToken.updateOne({ _id: hashToken(body.token) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
  expect((await h.call('GET', '/me', { token: body.token })).status).toBe(401);
  const listed = (await admin()('GET', '/tokens')).body.items.find((t: { id: string }) => t.id === body.id);
  expect(listed.status).toBe('expired');
});

test('a token always expires, within two years, and belongs to an active user; only admins issue them', async () => {
  const tooLong = await issue({ name: 'Selamanya', userId: h.users.kabid.id, expiresInDays: 731 });
  expect(tooLong.status).toBe(400);
  expect(tooLong.body.error.fields).toEqual({ expiresInDays: 'paling lama 730 hari (2 tahun)' });
  const noExpiry = await issue({ name: 'Tanpa batas', userId: h.users.kabid.id });
  expect(noExpiry.body.error.fields).toHaveProperty('expiresInDays');
  expect((await issue({ name: 'Nol hari', userId: h.users.kabid.id, expiresInDays: 0 })).body.error.fields).toEqual({ expiresInDays: 'minimal 1 hari' });
  expect((await issue({ userId: h.users.kabid.id, expiresInDays: 5 })).body.error.fields).toHaveProperty('name');

  const nobody = await issue({ name: 'Untuk siapa?', userId: 'tidak-ada', expiresInDays: 5 });
  expect(nobody.status).toBe(400);
  expect(nobody.body.error.fields).toEqual({ userId: 'tidak ada pengguna aktif dengan id ini' });

  for (const user of ['kabid', 'applicant'] as const) {
    expect((await h.as(user)('POST', '/tokens', { body: { name: 'x', userId: h.users.kabid.id, expiresInDays: 5 } })).status).toBe(403);
    expect((await h.as(user)('GET', '/tokens')).body.error.code).toBe('FORBIDDEN');
  }
});

test('the bearer token a user had before api_tokens is moved there at start, once, and keeps working', async () => {
  const oldToken = 'token-lama-sebelum-api-tokens-0123456789';
  await User.collection.insertOne({ _id: 'kolokasi_api_tokens-legacy' as never, name: 'Pengguna Lama', email: 'lama.kolokasi_api_tokens@kominfo.test', role: 'kasi', tokenHash: hashToken(oldToken), active: true, createdAt: new Date() });
  expect((await h.call('GET', '/me', { token: oldToken })).status).toBe(401);

  expect(await moveLegacyTokens()).toBe(1);
  expect(await moveLegacyTokens()).toBe(0);
  expect((await h.call('GET', '/me', { token: oldToken })).body).toMatchObject({ id: 'kolokasi_api_tokens-legacy', role: 'kasi' });
  expect((await User.findById('kolokasi_api_tokens-legacy').lean())!.tokenHash).toBeUndefined();
  const listed = (await admin()('GET', '/tokens')).body.items.filter((t: { userId: string }) => t.userId === 'kolokasi_api_tokens-legacy');
  expect(listed).toEqual([expect.objectContaining({ name: 'token lama (sebelum api_tokens)', status: 'active', createdBy: null })]);
  expect(Date.parse(listed[0].expiresAt) - Date.now()).toBeGreaterThan(729 * 86_400_000);
});
