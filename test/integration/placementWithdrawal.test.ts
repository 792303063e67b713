// A withdrawal (pencabutan) over HTTP on the real stack: the data center has room for one server;
// a request that went live holds it, a second request waits at its capacity check with no room.
// Withdrawing the first frees its rack units and IP address, the waiting request then fits and gets
// them, and nothing is given back twice, however often the removal is sent or its release retried.
import { addIpAddresses, upsertRack } from '../../activities/capacityInventory';
import { releasePlacement } from '../../activities/placement/release';
import { createReconciler } from '../../activities/reconcile/reconcileCases';
import { Placement } from '../../shared/db/placement';
import { IpAddress, Rack, ResourcePool } from '../../shared/db/capacity';
import { aSubmission } from '../fixtures/submission';
import { waitForEmails } from '../support/mailbox';
import { ApiHarness, eventually, staffEmail, startApiHarness, submitAndWaitForFirstDecision } from './support/apiHarness';

let h: ApiHarness;
const DB = 'kolokasi_api_withdrawal';

beforeAll(async () => {
  h = await startApiHarness(DB);
  // Room for exactly one 2U server with one address.
  await Rack.deleteMany({});
  await upsertRack({ _id: 'R01', name: 'Rak A1', noc: 'NOC Lt. 2', location: 'Ruang Server Utama', totalUnits: 2 });
  await IpAddress.deleteMany({});
  await addIpAddresses(['10.20.9.9']);
});
afterAll(() => h?.close());

/** What each role records on the happy path of a Cirebon case. */
const payloads: Record<string, unknown> = {
  disposition: { note: 'Diteruskan' },
  capacityCheck: { outcome: 'confirm' },
  applicationForm: {},
  approval: { decision: 'approve', consideration: 'Kapasitas tersedia dan dokumen lengkap', form: { serialNumber: 'SN-HTTP-0001', typeAndBrand: 'Dell PowerEdge R650', hostAdminUser: 'admin-simpus', contactPerson: 'Siti Rahmawati 0812-1111-2222' } },
  deviceDelivery: { deliveredBy: 'Budi Santoso' },
  specVerification: { result: 'match', servers: [{ name: aSubmission().servers[0]!.name, serialNumber: 'SN-HTTP-0001', typeAndBrand: 'Dell PowerEdge R650' }] },
  installation: { monitoringId: 'zabbix-http' },
  handover: { handedOverBy: { name: 'Siti Rahmawati', nip: '198503152010012003' }, receivedBy: { name: 'Andi Pratama', nip: '199001012015031001' } },
};

async function read(no: string) {
  return eventually(() => h.as('dcStaff')('GET', `/requests/${no}`), (r) => r.status === 200 && (r.body.status !== 'inProgress' || !!r.body.waitingFor), `${no} to wait or end`);
}

/** Answers what the case waits for, by the role it names, until `stop` or its end. */
async function driveOverHttp(no: string, stop: (waitingFor: { kind: string }) => boolean = () => false) {
  for (let i = 0; i < 20; i += 1) {
    const { body } = await read(no);
    if (body.status !== 'inProgress' || stop(body.waitingFor)) return body;
    const { kind, role, endpoint } = body.waitingFor;
    const answer = await h.as(role)('POST', endpoint.href, { body: payloads[kind] });
    if (answer.status !== 200) throw new Error(`${kind} by ${role} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  throw new Error(`${no} did not end`);
}

const pools = async () => Object.fromEntries((await ResourcePool.find().lean()).map((p) => [p._id, { free: p.free, holders: p.holders.map((x) => x.reservationId) }]));

test('a withdrawal frees the rack units and IP, a waiting request fits afterwards and gets them, and nothing is released twice', async () => {
  const first = await submitAndWaitForFirstDecision(h, aSubmission());
  expect((await driveOverHttp(first)).status).toBe('completed');
  const placed = await eventually(() => h.as('applicant')('GET', `/placements/${first}`), (r) => r.status === 200, `placement ${first}`);
  expect(placed.body).toMatchObject({ placementNumber: first, status: 'active', state: { location: { rackId: 'R01', startUnit: 1, units: 2, ipAddress: '10.20.9.9' } } });
  expect((await h.as('dcStaff')('GET', '/placements?assetId=' + encodeURIComponent(placed.body.state.servers[0].assetId))).body.items.map((p: { placementNumber: string }) => p.placementNumber)).toEqual([first]);

  // A placement lost (its workflow terminated, its record gone) is started again by the reconciler.
  await h.client.workflow.getHandle(`placement-${first}`).terminate('test: a lost placement');
  await Placement.deleteOne({ _id: first });
  const reconciler = createReconciler({ client: h.client, taskQueue: h.taskQueue, now: () => new Date(), notFoundGraceMs: 60_000, batchSize: 50 });
  expect((await reconciler.pass()).placementsStarted).toEqual([first]);
  await eventually(() => h.as('applicant')('GET', `/placements/${first}`), (r) => r.status === 200 && r.body.status === 'active', `placement ${first} restarted`);
  expect((await reconciler.pass()).placementsStarted).toEqual([]);

  // A second request finds no room at its capacity check, and waits there.
  const second = await submitAndWaitForFirstDecision(h, aSubmission());
  const waiting = await driveOverHttp(second, (w) => w.kind === 'capacityCheck');
  expect(waiting.waitingFor).toMatchObject({ kind: 'capacityCheck' });
  expect(waiting.capacity.proposal).toMatchObject({ available: false });
  const before = await pools();

  // The applicant asks for the withdrawal; the Kabid approves; staff record the removal.
  const asked = await h.as('applicant')('POST', `/placements/${first}/withdrawal`, { body: { reason: 'Aplikasi dipindahkan ke pusat data nasional' }, headers: { 'Idempotency-Key': `withdraw-${first}` } });
  expect(asked.status).toBe(201);
  expect(asked.body).toMatchObject({ placement: { status: 'withdrawing' }, withdrawal: { requestNumber: expect.stringMatching(/^CRB-PC-\d{4}-\d{4,6}$/), status: 'inProgress', waitingFor: { kind: 'withdrawalApproval', role: 'kabid' } } });
  const withdrawal: string = asked.body.withdrawal.requestNumber;
  const again = await h.as('applicant')('POST', `/placements/${first}/withdrawal`, { body: { reason: 'Aplikasi dipindahkan ke pusat data nasional' }, headers: { 'Idempotency-Key': `withdraw-${first}` } });
  expect(again.body).toMatchObject({ duplicate: true, withdrawal: { requestNumber: withdrawal } });
  expect((await h.as('otherApplicant')('POST', `/placements/${first}/withdrawal`, { body: { reason: 'Bukan unit saya sendiri' } })).status).toBe(404);

  expect((await h.as('dcStaff')('POST', `/requests/${withdrawal}/decisions/withdrawal-approval`, { body: { decision: 'approve', consideration: 'Disetujui' } })).status).toBe(403);
  const approved = await h.as('kabid')('POST', `/requests/${withdrawal}/decisions/withdrawal-approval`, { body: { decision: 'approve', consideration: 'Server tidak lagi digunakan unit' } });
  expect(approved.status).toBe(200);
  expect(approved.body.case.waitingFor).toMatchObject({ kind: 'removal', role: 'dcStaff' });
  const removal = { body: { removedBy: 'Andi Pratama' }, headers: { 'Idempotency-Key': `removal-${withdrawal}` } };
  const removed = await h.as('dcStaff')('POST', `/requests/${withdrawal}/decisions/removal`, removal);
  expect(removed.status).toBe(200);
  expect(removed.body.case.status).toBe('completed');

  // Sent again (same key) it is the same removal; a new one finds the case closed.
  expect((await h.as('dcStaff')('POST', `/requests/${withdrawal}/decisions/removal`, removal)).body).toMatchObject({ duplicate: true });
  expect((await h.as('dcStaff')('POST', `/requests/${withdrawal}/decisions/removal`, { body: { removedBy: 'Andi Pratama' } })).status).toBe(409);
  // A retried release (the activity run again) gives nothing back a second time.
  const freed = await pools();
  const retried = await releasePlacement({ placementNumber: first, withdrawalNumber: withdrawal, at: new Date().toISOString() });
  expect(retried).toMatchObject({ alreadyReleased: true, rackId: 'R01', ipAddress: '10.20.9.9' });
  expect(await pools()).toEqual(freed);
  for (const [kind, pool] of Object.entries(freed)) {
    expect([kind, pool.holders]).toEqual([kind, before[kind]!.holders.filter((id) => id !== first)]);
  }

  const record = await eventually(() => h.as('applicant')('GET', `/placements/${first}`), (r) => r.body.status === 'withdrawn', `placement ${first} withdrawn`);
  // Its history: the first run's start, the reconciler's restart (same event, written once), the withdrawal.
  expect(record.body.events.map((e: { event: string }) => e.event)).toEqual(['placementStarted', 'withdrawalRequested', 'withdrawalStarted', 'placementWithdrawn']);
  const assets = await h.as('dcStaff')('GET', `/assets?requestNumber=${first}`);
  expect(assets.body.items.map((a: { status: string; withdrawal: unknown }) => [a.status, a.withdrawal])).toEqual([['withdrawn', { withdrawalNumber: withdrawal, withdrawnAt: expect.any(String) }]]);
  expect((await h.as('dcStaff')('GET', '/placements?status=withdrawn')).body.items.map((p: { placementNumber: string }) => p.placementNumber)).toEqual([first]);
  await waitForEmails((e) => e.subject.startsWith(`[${withdrawal}] Pencabutan co-location`) && e.cc?.some((c) => c.address === staffEmail('kabid', DB)) === true);

  // The waiting request now fits: staff place it where the withdrawn server was.
  const fits = await h.as('dcStaff')('POST', `/requests/${second}/decisions/capacity-check`, { body: { outcome: 'override', placement: { rackId: 'R01', startUnit: 1 }, reason: 'Rak A1 kosong setelah pencabutan' } });
  expect(fits.status).toBe(200);
  const reserved = await read(second);
  expect(reserved.body.capacity.reservation).toMatchObject({ rackId: 'R01', startUnit: 1, ipAddress: '10.20.9.9', status: 'held' });
  const after = await pools();
  for (const [kind, pool] of Object.entries(after)) expect([kind, pool.holders]).toEqual([kind, [...freed[kind]!.holders, second]]);
});
