// A whole Cirebon case driven only through the HTTP API, each step by its role's own token (the demo
// users `npm run demo-users` creates), from submission to go-live: the asset register shows the
// server and the applicant receives the go-live email.
import { seedDemoInventory } from '../../activities/capacityInventory';
import { getProfile } from '../../shared/profile/registry';
import { createDemoUsers, DemoUser } from '../../scripts/demoUsers';
import { aSubmission } from '../fixtures/submission';
import { emailsTo, waitForEmails } from '../support/mailbox';
import { TEST_API_PUBLIC_URL } from '../support/publicUrl';
import { ApiHarness, eventually, startApiHarness } from './support/apiHarness';

let h: ApiHarness;
let token: Record<string, string>;

beforeAll(async () => {
  h = await startApiHarness('kolokasi_api_happy', { seedUsers: false });
  const users: DemoUser[] = await createDemoUsers(getProfile('cirebon'));
  token = Object.fromEntries(users.map((u) => [u.role, u.token]));
  await seedDemoInventory();
});
afterAll(() => h?.close());

const as = (role: string) => (method: string, path: string, body?: unknown, headers?: Record<string, string>) => h.call(method, path, { token: token[role], body, headers });

async function waitingFor(no: string, kind: string) {
  const read = await eventually(() => as('applicant')('GET', `/requests/${no}`), (r) => r.body.waitingFor?.kind === kind || r.body.status !== 'inProgress', `${no} to wait for ${kind}`);
  expect(read.body.waitingFor).toMatchObject({ kind });
  return read.body.waitingFor;
}

test('the admin adds a rack, and staff see it in the capacity inventory', async () => {
  const put = await as('admin')('PUT', '/capacity/racks/R09', { name: 'Rak C1', noc: 'NOC Lt. 3', location: 'Ruang Server Cadangan', totalUnits: 42 });
  expect(put.status).toBe(200);
  expect(put.body).toMatchObject({ _id: 'R09', freeUnits: 42 });

  const inventory = await as('dcStaff')('GET', '/capacity');
  expect(inventory.status).toBe(200);
  expect(inventory.body.racks.map((r: { _id: string }) => r._id)).toEqual(['R01', 'R02', 'R09']);
  expect((await as('applicant')('GET', '/capacity')).status).toBe(403);
  expect((await as('kabid')('PUT', '/capacity/pools/power', { total: 1 })).status).toBe(403);
});

test('a Cirebon request goes from submission to go-live, each decision by its own role', async () => {
  const submission = aSubmission();
  const submitted = await as('applicant')('POST', '/requests', submission, { 'Idempotency-Key': 'happy-path-0001' });
  expect(submitted.status).toBe(201);
  expect(submitted.body).toMatchObject({ requestNumber: expect.stringMatching(/^CRB-\d{4}-\d{4,6}$/), status: 'inProgress' });
  const no: string = submitted.body.requestNumber;
  expect(submitted.body.workflowId).toBe(`colocation-${no}`);
  expect(submitted.headers.get('location')).toBe(`/requests/${no}`);

  // Step 2: Kabid, then the Seksi, dispose. The submission's answer already says so: no polling.
  expect(submitted.body).toMatchObject({ procedureId: 'colocation', waitingFor: { kind: 'disposition', role: 'kabid' }, links: { decide: { href: `/requests/${no}/decisions/disposition` } } });
  expect(await waitingFor(no, 'disposition')).toMatchObject({ role: 'kabid', roleTitle: 'Kepala Bidang Aptika', endpoint: { method: 'POST', href: `/requests/${no}/decisions/disposition` } });
  const kabidInbox = await as('kabid')('GET', '/inbox');
  expect(kabidInbox.status).toBe(200);
  expect(kabidInbox.body.items).toContainEqual(expect.objectContaining({ requestNumber: no, todo: expect.objectContaining({ kind: 'disposition', role: 'kabid', overdue: false }) }));

  const byKabid = await as('kabid')('POST', `/requests/${no}/decisions/disposition`, { note: 'Diteruskan ke Seksi Infrastruktur' });
  expect(byKabid.status).toBe(200);
  expect(byKabid.body).toMatchObject({ duplicate: false, case: { requestNumber: no, status: 'inProgress', waitingFor: { kind: 'disposition', role: 'kasi' } } });
  expect((await as('kasi')('POST', `/requests/${no}/decisions/disposition`, { note: 'Untuk Tim Personil DC' })).status).toBe(200);

  // Step 3: Personil DC confirm the proposed placement.
  await waitingFor(no, 'capacityCheck');
  const capacity = await as('dcStaff')('POST', `/requests/${no}/decisions/capacity-check`, { outcome: 'confirm', note: 'Rak R01 cukup' });
  expect(capacity.status).toBe(200);

  // Step 4: the applicant fills in the application form (already submitted: confirmed as is).
  expect(await waitingFor(no, 'applicationForm')).toMatchObject({ role: 'applicant', roleTitle: 'SKPD' });
  const applicantInbox = await as('applicant')('GET', '/inbox');
  expect(applicantInbox.body.items.map((i: { requestNumber: string }) => i.requestNumber)).toContain(no);
  expect((await as('applicant')('POST', `/requests/${no}/decisions/application-form`, {})).status).toBe(200);

  // Step 5: Kabid approves with the approval form.
  await waitingFor(no, 'approval');
  const approval = await as('kabid')('POST', `/requests/${no}/decisions/approval`, {
    decision: 'approve',
    consideration: 'Kapasitas tersedia dan dokumen lengkap',
    form: { serialNumber: 'SN-API-0001', typeAndBrand: 'Dell PowerEdge R650', hostAdminUser: 'admin-simpus', contactPerson: 'Siti Rahmawati 0812-1111-2222' },
  });
  expect(approval.status).toBe(200);

  // Steps 7 and 8: Personil DC receive the server, verify it, install it and hand it over.
  await waitingFor(no, 'deviceDelivery');
  expect((await as('dcStaff')('POST', `/requests/${no}/decisions/device-delivery`, { deliveredBy: 'Budi Santoso' })).status).toBe(200);
  await waitingFor(no, 'specVerification');
  const verified = await as('dcStaff')('POST', `/requests/${no}/decisions/spec-verification`, { result: 'match', servers: [{ name: 'srv-simpus-01', serialNumber: 'SN-API-0001', typeAndBrand: 'Dell PowerEdge R650' }] });
  expect(verified.status).toBe(200);
  await waitingFor(no, 'installation');
  expect((await as('dcStaff')('POST', `/requests/${no}/decisions/installation`, { monitoringId: `zabbix-${no}` })).status).toBe(200);
  await waitingFor(no, 'handover');
  const handover = await as('dcStaff')('POST', `/requests/${no}/decisions/handover`, {
    handedOverBy: { name: 'Siti Rahmawati', nip: '198503152010012003' },
    receivedBy: { name: 'Andi Pratama', nip: '199001012015031001' },
  });
  expect(handover.status).toBe(200);

  const done = await eventually(() => as('applicant')('GET', `/requests/${no}`), (r) => r.body.status === 'completed', `${no} to complete`);
  expect(done.body).toMatchObject({ status: 'completed', waitingFor: null, slaBreached: false, handover: { bastNumber: expect.stringMatching(/^BAST\/\d{4}\/CRB\/\d{4}$/) } });
  expect(done.body.timeline.map((d: { sopStep: string; kind: string; actor: { role: string } }) => [d.sopStep, d.kind, d.actor.role])).toEqual([
    ['2', 'disposition', 'kabid'], ['2', 'disposition', 'kasi'], ['3', 'capacityCheck', 'dcStaff'], ['4', 'applicationForm', 'applicant'],
    ['5', 'approval', 'kabid'], ['7', 'deviceDelivery', 'dcStaff'], ['8', 'specVerification', 'dcStaff'], ['8', 'installation', 'dcStaff'], ['8', 'handover', 'dcStaff'],
  ]);
  expect(done.body.steps.map((s: { sopStep: string; sla: string }) => [s.sopStep, s.sla])).toEqual([
    ['1', 'noStandard'], ['2', 'onTime'], ['3', 'onTime'], ['4', 'onTime'], ['5', 'onTime'], ['6', 'onTime'], ['7', 'onTime'], ['8', 'onTime'], ['9', 'onTime'],
  ]);

  // The asset register shows the installed server to its unit, and the BAST is readable.
  const assets = await as('applicant')('GET', `/assets?requestNumber=${no}`);
  expect(assets.status).toBe(200);
  expect(assets.body.items).toEqual([
    expect.objectContaining({ requestNumber: no, serverName: 'srv-simpus-01', serialNumber: 'SN-API-0001', unitName: 'Dinas Kesehatan', domain: 'simpus.dinkes.example.go.id', status: 'active', monitoringId: `zabbix-${no}` }),
  ]);
  const documents = await as('applicant')('GET', `/requests/${no}/documents`);
  const bast = documents.body.items.find((d: { kind: string }) => d.kind === 'bast');
  expect(bast).toMatchObject({ id: `${no}.bast`, number: done.body.handover.bastNumber, status: 'current', body: expect.stringContaining('BERITA ACARA SERAH TERIMA'), pdf: `/requests/${no}/documents/${no}.bast.pdf` });
  expect(documents.body.items.map((d: { kind: string }) => d.kind).sort()).toEqual(['bast', 'form-pengajuan', 'form-persetujuan', 'surat-persetujuan']);
  // The PDF downloads with its name, and its verification code answers publicly.
  const pdf = await fetch(`${h.baseUrl}${bast.pdf}`, { headers: { authorization: `Bearer ${token.applicant}` } });
  expect([pdf.status, pdf.headers.get('content-type'), pdf.headers.get('content-disposition')]).toEqual([200, 'application/pdf', `attachment; filename="BERITA-ACARA-SERAH-TERIMA-CO-LOCATION-SERVER-DAN-HOSTING-APLIKASI_${no}.pdf"`]);
  expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  const code = bast.verificationUrl.split('/verifikasi/')[1];
  const verification = await fetch(`${h.baseUrl}/documents/verify/${code}`);
  expect(await verification.json()).toMatchObject({ authentic: true, status: 'current', number: bast.number, requestNumber: no, kind: 'bast' });
  expect(await (await fetch(`${h.baseUrl}/documents/verify/AAAAAAAAAAAAAAAAAAAAAA`)).json()).toMatchObject({ authentic: false, status: 'unknown' });
  const page = await (await fetch(`${h.baseUrl}/verifikasi/${code}`)).text();
  expect(page).toContain('ASLI DAN BERLAKU');
  expect(page).toContain(bast.number);

  // Go-live email to the applicant, copied to Kabid.
  const [golive] = await waitForEmails((e) => e.subject === `[${no}] Server dan hosting aplikasi sudah dapat diakses`);
  expect(golive!.to.map((t) => t.address)).toEqual([submission.applicantEmail]);
  expect(golive!.cc?.map((t) => t.address)).toEqual(['kabid@kominfo.example.go.id']);
  expect(golive!.text).toContain('simpus.dinkes.example.go.id');
  // A task email leads its reader to the case's page in the web app, where the decision form is.
  const [kabidTask] = await waitForEmails((e) => e.subject.startsWith(`[${no}] Tugas baru:`) && emailsTo([e], 'kabid@kominfo.example.go.id').length > 0);
  expect(kabidTask!.text.split(/\r?\n/)).toContain(`Tindak lanjuti melalui halaman permohonan: ${TEST_API_PUBLIC_URL}/app/permohonan/${no}`);
  // Delivered by the outbox dispatcher, not necessarily in the order they were written.
  await waitForEmails((e) => e.subject.startsWith(`[${no}]`) && emailsTo([e], submission.applicantEmail).length > 0, 3);

  // Nothing is left waiting for anyone.
  for (const role of ['kabid', 'kasi', 'dcStaff', 'applicant']) {
    const inbox = await as(role)('GET', '/inbox');
    expect(inbox.body.items.map((i: { requestNumber: string }) => i.requestNumber)).not.toContain(no);
  }
  const listed = await as('kabid')('GET', '/requests?status=completed');
  expect(listed.body.items.map((i: { requestNumber: string }) => i.requestNumber)).toContain(no);
});
