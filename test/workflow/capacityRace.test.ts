// Three cases race for the last rack units of the data center, checked side by side: the two that
// fit are proposed different units and keep them through approval; the third is told at the capacity
// check that there is no room, and an override onto units proposed to another case cannot take them.
import { addIpAddresses, setPoolTotal, upsertRack } from '../../activities/capacityInventory';
import { Rack, Reservation } from '../../shared/db/capacity';
import { createHarness, driveUntil, Harness, happyPayload, pendingKind } from './support/caseHarness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('kolokasi_wf_race', async () => {
    await upsertRack({ _id: 'R01', name: 'Rak A1', noc: 'NOC Lt. 2', location: 'Ruang Server Utama', totalUnits: 5 });
    for (const kind of ['power', 'ups', 'genset'] as const) await setPoolTotal(kind, 20_000);
    await setPoolTotal('bandwidth', 1_000);
    await addIpAddresses('10.40.0.0/28');
  });
});
afterAll(() => h?.close());

test('of three cases racing for the last 5 units (2U each), exactly the two that fit hold distinct units', async () => {
  const handles = await Promise.all([h.start('cirebon'), h.start('cirebon'), h.start('cirebon')]);
  const atCheck = await Promise.all(handles.map((handle) => driveUntil(h, handle, (s) => pendingKind(s) === 'capacityCheck')));
  const proposals = atCheck.map((s) => s.capacity.proposal!);
  const fits = handles.filter((_, i) => proposals[i]!.available);
  const [left] = handles.filter((_, i) => !proposals[i]!.available);
  expect(fits).toHaveLength(2);
  expect(new Set(proposals.filter((p) => p.available).map((p) => p.placement!.startUnit))).toEqual(new Set([1, 3]));
  expect(new Set(proposals.filter((p) => p.available).map((p) => p.placement!.ipAddress)).size).toBe(2);
  expect(proposals.find((p) => !p.available)!.shortages).toEqual(['Ruang rak: butuh 2U, tersedia paling banyak 1U berurutan']);

  // The one left over is overridden onto units proposed to another case: reserving them fails at the
  // capacity check itself (the SOP's "Tidak"), and the case ends without taking them.
  const overridden = await h.decide(left!, 'capacityCheck', 'dcStaff', { outcome: 'override', placement: { rackId: 'R01', startUnit: 1 }, reason: 'Dipaksakan untuk uji' });
  expect(overridden.case.status).toBe('noCapacity');
  const fitting = handles.filter((handle) => handle !== left);
  const atApproval = await Promise.all(fitting.map((handle) => driveUntil(h, handle, (s) => pendingKind(s) === 'approval')));
  const results = await Promise.all(fitting.map((handle, i) => h.decide(handle, 'approval', 'kabid', happyPayload('approval', atApproval[i]!))));
  console.log(`[capacity race] 5U rack, 3 cases of 2U: ${[overridden, ...results].map((r) => `${r.case.requestNumber}:${r.case.status}`).join(', ')}; proposals ${proposals.map((p) => p.placement?.startUnit ?? '-').join('/')}`);
  expect(results.map((r) => r.case.status)).toEqual(['inProgress', 'inProgress']);

  const held = await Reservation.find({ status: 'held' }).sort({ startUnit: 1 }).lean();
  expect(held.map((r) => r.startUnit)).toEqual([1, 3]);
  expect(held.map((r) => r._id).sort()).toEqual(atApproval.map((s) => s.requestNumber).sort());
  expect(new Set(held.map((r) => r.ipAddress)).size).toBe(2);
  const rack = await Rack.findById('R01').lean();
  expect([...rack!.usedUnits].sort()).toEqual([1, 2, 3, 4]);
});
