// Who may do what, over HTTP: every decision endpoint against every role (and an admin with and
// without acting in a role's name), at a Cirebon case waiting for Kabid's disposition; tokens; units.
// The case itself says who acts: the action its current step waits for, by the role that step names.
import { aSubmission } from '../fixtures/submission';
import { ApiHarness, CallOptions, eventually, startApiHarness, submitAndWaitForFirstDecision, TestUser } from './support/apiHarness';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness('kolokasi_api_authz');
});
afterAll(() => h?.close());

const endpoints = {
  disposition: { path: 'decisions/disposition', body: { note: 'Diteruskan' } },
  clarification: { path: 'decisions/clarification', body: { summary: 'Kebutuhan dikonfirmasi' } },
  capacityCheck: { path: 'decisions/capacity-check', body: { outcome: 'confirm' } },
  applicationForm: { path: 'decisions/application-form', body: {} },
  approval: { path: 'decisions/approval', body: { decision: 'approve', consideration: 'Dokumen lengkap' } },
  deviceDelivery: { path: 'decisions/device-delivery', body: { deliveredBy: 'Budi Santoso' } },
  specVerification: { path: 'decisions/spec-verification', body: { result: 'match', servers: [{ name: 'srv-simpus-01', serialNumber: 'SN-1', typeAndBrand: 'Dell R650' }] } },
  installation: { path: 'decisions/installation', body: { monitoringId: 'zabbix-1' } },
  handover: { path: 'decisions/handover', body: { handedOverBy: { name: 'Siti Rahmawati', nip: '198503152010012003' }, receivedBy: { name: 'Andi Pratama', nip: '199001012015031001' } } },
  task: { path: 'decisions/task', body: { note: 'Selesai' } },
  // Kinds of other procedures (back up, restore, Sumbar's power check): reachable here too, out of turn.
  powerCheck: { path: 'decisions/power-check', body: { outcome: 'available' } },
  backupRun: { path: 'decisions/backup-run', body: { files: 'db.dump', storedAt: 'NAS-DC' } },
  restoreRun: { path: 'decisions/restore-run', body: { restoredFrom: 'db.dump' } },
  decision: { path: 'decisions/decision', body: { answer: 'ya' } },
  withdrawal: { path: 'withdrawal', body: { reason: 'Server dipindah ke cloud' } },
} as const;
type Endpoint = keyof typeof endpoints;

const actAs = (role: string): Record<string, string> => ({ 'X-Act-As-Role': role, 'X-Act-Reason': `${role} sedang dinas luar kota` });
const callers: Record<string, { user: TestUser; headers?: Record<string, string> }> = {
  applicant: { user: 'applicant' },
  kadis: { user: 'kadis' },
  kabid: { user: 'kabid' },
  kasi: { user: 'kasi' },
  dcStaff: { user: 'dcStaff' },
  helpdesk: { user: 'helpdesk' },
  pranataKomputer: { user: 'pranataKomputer' },
  generalAffairs: { user: 'generalAffairs' },
  admin: { user: 'admin' },
  'admin as kabid': { user: 'admin', headers: actAs('kabid') },
  'admin as kasi': { user: 'admin', headers: actAs('kasi') },
  'admin as dcStaff': { user: 'admin', headers: actAs('dcStaff') },
  'admin as applicant': { user: 'admin', headers: actAs('applicant') },
};

/**
 * What the case waiting for Kabid's disposition answers a role: the disposition is Kabid's alone
 * (anyone else: 403, with what the case waits for); any other decision is out of turn (409) for
 * everybody; only the applicant withdraws. An admin decides nothing in its own name.
 */
function expectedFor(role: string | undefined): Record<Endpoint, number> {
  return Object.fromEntries(
    (Object.keys(endpoints) as Endpoint[]).map((endpoint) => {
      if (role === undefined) return [endpoint, 403];
      if (endpoint === 'withdrawal') return [endpoint, role === 'applicant' ? 200 : 403];
      if (endpoint === 'disposition') return [endpoint, role === 'kabid' ? 200 : 403];
      return [endpoint, 409];
    }),
  ) as Record<Endpoint, number>;
}

const roleOf = (caller: string): string | undefined => (caller === 'admin' ? undefined : caller.replace(/^admin as /, ''));
const expected: Record<string, Record<Endpoint, number>> = Object.fromEntries(Object.keys(callers).map((caller) => [caller, expectedFor(roleOf(caller))]));

function callAs(caller: string, requestNumber: string, endpoint: Endpoint) {
  const { user, headers } = callers[caller]!;
  const options: CallOptions = { token: h.tokens[user], body: endpoints[endpoint].body, headers };
  return h.call('POST', `/requests/${requestNumber}/${endpoints[endpoint].path}`, options);
}

test('every role against every decision endpoint gets exactly the expected answer, and only allowed calls change a case', async () => {
  const shared = await submitAndWaitForFirstDecision(h, aSubmission());
  const actual: Record<string, Record<string, number>> = {};
  const allowed: [string, Endpoint][] = [];
  for (const caller of Object.keys(callers)) {
    actual[caller] = {};
    for (const endpoint of Object.keys(endpoints) as Endpoint[]) {
      if (expected[caller]![endpoint] === 200) {
        allowed.push([caller, endpoint]);
        continue;
      }
      const response = await callAs(caller, shared, endpoint);
      actual[caller]![endpoint] = response.status;
      // Refusals use the one error shape; those about this step say what the case waits for.
      expect(response.body.error).toMatchObject({ code: { 403: 'FORBIDDEN', 409: 'OUT_OF_TURN' }[response.status] ?? 'UNEXPECTED', message: expect.any(String) });
      if (response.status === 409 || (endpoint === 'disposition' && caller !== 'admin')) {
        expect([caller, endpoint, response.body.error.waitingFor]).toEqual([caller, endpoint, expect.objectContaining({ sopStep: '2', role: 'kabid', roleTitle: 'Kepala Bidang Aptika' })]);
      }
    }
  }
  // An allowed call changes its case, so each runs on a case of its own at the same step.
  for (const [caller, endpoint] of allowed) {
    const own = await submitAndWaitForFirstDecision(h, aSubmission());
    actual[caller]![endpoint] = (await callAs(caller, own, endpoint)).status;
  }

  expect(actual).toEqual(expected);
  const untouched = await h.as('kabid')('GET', `/requests/${shared}`);
  expect(untouched.body).toMatchObject({ status: 'inProgress', timeline: [], waitingFor: { kind: 'disposition', role: 'kabid' } });
});

test('an admin acting as Kabid is recorded as Kabid, with the admin and the reason', async () => {
  const no = await submitAndWaitForFirstDecision(h, aSubmission());
  const response = await h.as('admin')('POST', `/requests/${no}/decisions/disposition`, { body: { note: 'Atas nama Kabid' }, headers: actAs('kabid') });
  expect(response.status).toBe(200);
  const read = await eventually(() => h.as('kabid')('GET', `/requests/${no}`), (r) => r.body.timeline.length === 1, 'the disposition in the timeline');
  expect(read.body.timeline[0].actor).toEqual({
    userId: 'kolokasi_api_authz-admin',
    name: 'Uji admin',
    role: 'kabid',
    onBehalf: { adminUserId: 'kolokasi_api_authz-admin', adminName: 'Uji admin', reason: 'kabid sedang dinas luar kota' },
  });
});

test('acting in another role is for admins only, and needs a reason', async () => {
  const no = await submitAndWaitForFirstDecision(h, aSubmission());
  const byKasi = await h.as('kasi')('POST', `/requests/${no}/decisions/disposition`, { body: {}, headers: actAs('kabid') });
  expect(byKasi.status).toBe(403);
  expect(byKasi.body.error.code).toBe('FORBIDDEN');

  const noReason = await h.as('admin')('POST', `/requests/${no}/decisions/disposition`, { body: {}, headers: { 'X-Act-As-Role': 'kabid' } });
  expect(noReason.status).toBe(400);
  expect(noReason.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { 'x-act-reason': 'wajib diisi saat bertindak atas nama peran lain' } });

  const unknownRole = await h.as('admin')('POST', `/requests/${no}/decisions/disposition`, { body: {}, headers: { 'X-Act-As-Role': 'bupati', 'X-Act-Reason': 'tidak ada peran ini' } });
  expect(unknownRole.status).toBe(400);
  expect(unknownRole.body.error.fields).toHaveProperty('x-act-as-role');

  const read = await h.as('kabid')('GET', `/requests/${no}`);
  expect(read.body.timeline).toEqual([]);
});

test('without a token, or with an unknown one, every non-public endpoint answers 401', async () => {
  for (const [method, path] of [['GET', '/requests'], ['GET', '/inbox'], ['GET', '/me'], ['POST', '/requests'], ['POST', '/requests/CRB-2026-0001/decisions/disposition'], ['GET', '/capacity'], ['GET', '/assets']]) {
    const anonymous = await h.call(method!, path!, { body: method === 'POST' ? {} : undefined });
    expect([path, anonymous.status, anonymous.body.error?.code]).toEqual([path, 401, 'UNAUTHENTICATED']);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    const forged = await h.call(method!, path!, { token: 'bukan-token-yang-sah', body: method === 'POST' ? {} : undefined });
    expect([path, forged.status, forged.body.error?.message]).toEqual([path, 401, 'Token tidak dikenal atau sudah tidak berlaku.']);
  }
  expect((await h.call('GET', '/profiles')).status).toBe(200);
  expect((await h.call('GET', '/health')).status).toBe(200);
});

test("an applicant never sees another unit's request: it is answered as unknown", async () => {
  const no = await submitAndWaitForFirstDecision(h, aSubmission());
  const other = h.as('otherApplicant');
  for (const [method, path] of [['GET', `/requests/${no}`], ['GET', `/requests/${no}/documents`], ['POST', `/requests/${no}/decisions/application-form`], ['POST', `/requests/${no}/withdrawal`]]) {
    const response = await other(method!, path!, { body: method === 'POST' ? { reason: 'bukan permohonan saya' } : undefined });
    expect([path, response.status, response.body.error?.code]).toEqual([path, 404, 'NOT_FOUND']);
  }
  const unknown = await other('GET', '/requests/CRB-2026-9999');
  expect(unknown.body).toEqual((await other('GET', `/requests/${no}`)).body);

  const list = await other('GET', `/requests?unit=${encodeURIComponent('Dinas Kesehatan')}`);
  expect(list.body).toMatchObject({ total: 0, items: [] });
  expect((await h.as('applicant')('GET', '/requests')).body.items.map((i: { requestNumber: string }) => i.requestNumber)).toContain(no);
  expect((await h.as('kabid')('GET', `/requests/${no}`)).status).toBe(200);

  const foreign = await other('POST', '/requests', { body: aSubmission() });
  expect(foreign.status).toBe(403);
  expect(foreign.body.error.message).toContain('Dinas Pendidikan');
});

test('only applicants submit requests', async () => {
  const response = await h.as('kabid')('POST', '/requests', { body: aSubmission() });
  expect(response.status).toBe(403);
  expect(response.body.error.code).toBe('FORBIDDEN');
});

test('an unknown address answers 404 in the same error shape', async () => {
  const response = await h.as('kabid')('GET', '/permohonan');
  expect(response.status).toBe(404);
  expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('GET /permohonan') } });
});
