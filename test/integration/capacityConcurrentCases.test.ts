// Concurrent cases at the capacity check, on the real stack (Temporal dev server, FerretDB, MailDev,
// the API over HTTP): cases taken side by side through the capacity check (whose "ya" reserves) and
// the application form, then approved at the same moment, each get their own rack units and IP
// address, and none is closed "noCapacity" while the data center has room. When only some fit,
// exactly those succeed.
import { aSubmission } from '../fixtures/submission';
import { ApiHarness, eventually, startApiHarness, submitAndWaitForFirstDecision } from './support/apiHarness';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness('kolokasi_capacity_cases');
});
afterAll(() => h?.close());

type Role = 'applicant' | 'kabid' | 'kasi' | 'dcStaff';

async function waitFor(no: string, kind: string): Promise<void> {
  await eventually(() => h.as('applicant')('GET', `/requests/${no}`), (r) => r.body.waitingFor?.kind === kind || r.body.status !== 'inProgress', `${no} to wait for ${kind}`, 60_000);
}

async function decide(no: string, role: Role, path: string, body: unknown) {
  const answer = await h.as(role)('POST', `/requests/${no}/decisions/${path}`, { body });
  if (answer.status !== 200) throw new Error(`${path} on ${no} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Submits n cases at once and takes each up to its capacity check; returns their numbers and proposals. */
async function casesAtCapacityCheck(n: number, rackUnits: number) {
  const submission = aSubmission();
  const numbers = await Promise.all(Array.from({ length: n }, () => submitAndWaitForFirstDecision(h, { ...submission, needs: { ...submission.needs, rackUnits } })));
  await Promise.all(numbers.map(async (no) => {
    await decide(no, 'kabid', 'disposition', { note: 'Diteruskan' });
    await waitFor(no, 'disposition');
    await decide(no, 'kasi', 'disposition', { note: 'Untuk Tim Personil DC' });
    await waitFor(no, 'capacityCheck');
  }));
  const proposals = await Promise.all(numbers.map(async (no) => (await h.as('dcStaff')('GET', `/requests/${no}`)).body.capacity.proposal));
  return { numbers, proposals };
}

const approvalBody = { decision: 'approve', consideration: 'Kapasitas tersedia', form: { serialNumber: 'SN-1', typeAndBrand: 'Dell PowerEdge R650', hostAdminUser: 'admin-app', contactPerson: 'Siti 0812-1111-2222' } };

/** Takes each case through the application form, then approves them all at the same moment. */
async function approveAllAtOnce(numbers: string[]) {
  await Promise.all(numbers.map(async (no) => {
    await waitFor(no, 'applicationForm');
    await decide(no, 'applicant', 'application-form', {});
    await waitFor(no, 'approval');
  }));
  return Promise.all(numbers.map((no) => h.as('kabid')('POST', `/requests/${no}/decisions/approval`, { body: approvalBody })));
}

test('five cases checked side by side and approved at once get five distinct placements and all go on', async () => {
  const { numbers, proposals } = await casesAtCapacityCheck(5, 2);
  await Promise.all(numbers.map((no) => decide(no, 'dcStaff', 'capacity-check', { outcome: 'confirm' })));
  const approvals = await approveAllAtOnce(numbers);

  const inventory = (await h.as('admin')('GET', '/capacity')).body;
  const reservations = inventory.reservations.filter((r: { reservationId: string }) => numbers.includes(r.reservationId));
  const units = reservations.map((r: { rackId: string; startUnit: number }) => `${r.rackId}:U${r.startUnit}`);
  const ips = reservations.map((r: { ipAddress: string }) => r.ipAddress);
  const statuses = approvals.map((a) => `${a.status}/${a.body.case?.status}/${a.body.case?.waitingFor?.kind ?? '-'}`);
  console.log(`[capacity cases] 5 cases side by side: proposed ${proposals.map((p) => `${p.placement?.rackId}:U${p.placement?.startUnit}/${p.placement?.ipAddress}`).join(', ')}; approvals ${statuses.join(', ')}; reserved ${units.join(', ')} with ${ips.join(', ')}`);

  expect(new Set(proposals.map((p) => `${p.placement.rackId}:U${p.placement.startUnit}`)).size).toBe(5);
  expect(new Set(proposals.map((p) => p.placement.ipAddress)).size).toBe(5);
  for (const approval of approvals) {
    expect(approval.status).toBe(200);
    expect(approval.body.case).toMatchObject({ status: 'inProgress', waitingFor: { kind: 'deviceDelivery' } });
  }
  expect(reservations).toHaveLength(5);
  expect(new Set(units).size).toBe(5);
  expect(new Set(ips).size).toBe(5);
  expect(inventory.proposals.filter((p: { requestNumber: string }) => numbers.includes(p.requestNumber))).toEqual([]);
});

test('when only some fit, exactly those succeed: the rest are told at the check and an override cannot take a promised place', async () => {
  // After the first test R01 has U11-U42 free and R02 all 42: room for three 20U cases, not five.
  const { numbers, proposals } = await casesAtCapacityCheck(5, 20);
  const fit = numbers.filter((_, i) => proposals[i].available);
  const left = numbers.filter((_, i) => !proposals[i].available);
  // Confirming reserves: all five at once, the ones told "no room" forced by staff onto units another
  // case was proposed. Those find nothing that fits and end at the check.
  const checks = await Promise.all([
    ...fit.map((no) => decide(no, 'dcStaff', 'capacity-check', { outcome: 'confirm' })),
    ...left.map((no) => decide(no, 'dcStaff', 'capacity-check', { outcome: 'override', placement: { rackId: 'R02', startUnit: 1 }, reason: 'Dipaksakan' })),
  ]);
  const checked = [...fit, ...left];
  const afterCheck = (no: string) => checks[checked.indexOf(no)]!.case.status;
  const approvals = await approveAllAtOnce(fit);
  const approved = (no: string) => approvals[fit.indexOf(no)]!.body.case.status;
  console.log(`[capacity cases] 5 cases of 20U with room for 3: ${fit.length} proposed a place, ${left.length} told no room; after the check: ${checked.map((no) => `${no}:${afterCheck(no)}`).join(', ')}`);

  expect(fit).toHaveLength(3);
  expect(proposals.find((p) => !p.available).shortages).toEqual(['Ruang rak: butuh 20U, tersedia paling banyak 12U berurutan']);
  expect(left.map(afterCheck)).toEqual(['noCapacity', 'noCapacity']);
  expect(fit.map(approved)).toEqual(['inProgress', 'inProgress', 'inProgress']);
  const inventory = (await h.as('admin')('GET', '/capacity')).body;
  const held = inventory.reservations.filter((r: { reservationId: string }) => numbers.includes(r.reservationId));
  expect(held.map((r: { reservationId: string }) => r.reservationId).sort()).toEqual([...fit].sort());
  expect(new Set(held.map((r: { rackId: string; startUnit: number }) => `${r.rackId}:U${r.startUnit}`)).size).toBe(3);
});
