// Three cases race for the last rack units of the data center, checked side by side and approved at
// the same moment: the two that fit are proposed different units and both keep them; the third is
// told at the capacity check that there is no room, and an override onto taken units cannot take
// them from a case that was proposed them.
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

  // The one left over is overridden onto units proposed to another case; the others are confirmed.
  await h.decide(left!, 'capacityCheck', 'dcStaff', { outcome: 'override', placement: { rackId: 'R01', startUnit: 1 }, reason: 'Dipaksakan untuk uji' });
  const atApproval = await Promise.all(handles.map((handle) => driveUntil(h, handle, (s) => pendingKind(s) === 'approval')));
  const results = await Promise.all(handles.map((handle, i) => h.decide(handle, 'approval', 'kabid', happyPayload('approval', atApproval[i]!))));
  const outcome = results.map((r) => `${r.case.requestNumber}:${r.case.status}`);
  console.log(`[capacity race] 5U rack, 3 cases of 2U approved at once: ${outcome.join(', ')}; proposals ${proposals.map((p) => p.placement?.startUnit ?? '-').join('/')}`);

  expect(results.map((r) => r.case.status).sort()).toEqual(['inProgress', 'inProgress', 'noCapacity']);
  const loser = results.find((r) => r.case.status === 'noCapacity')!.case;
  expect(loser.requestNumber).toBe(atApproval[handles.indexOf(left!)]!.requestNumber);
  expect(loser.closeReason).toMatch(/Ruang rak: butuh 2U/);
  const held = await Reservation.find({ status: 'held' }).sort({ startUnit: 1 }).lean();
  expect(held.map((r) => r.startUnit)).toEqual([1, 3]);
  expect(new Set(held.map((r) => r.ipAddress)).size).toBe(2);
  const rack = await Rack.findById('R01').lean();
  expect([...rack!.usedUnits].sort()).toEqual([1, 2, 3, 4]);
});
