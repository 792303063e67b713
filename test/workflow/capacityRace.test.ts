// Two cases race for the last rack units of the data center: both were proposed the same units,
// both are approved at the same moment, and exactly one of them gets them.
import { addIpAddresses, setPoolTotal, upsertRack } from '../../activities/capacityInventory';
import { Rack, Reservation } from '../../shared/db/capacity';
import { createHarness, driveUntil, Harness, happyPayload, pendingKind } from './support/caseHarness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('kolokasi_wf_race', async () => {
    await upsertRack({ _id: 'R01', name: 'Rak A1', noc: 'NOC Lt. 2', location: 'Ruang Server Utama', totalUnits: 3 });
    for (const kind of ['power', 'ups', 'genset'] as const) await setPoolTotal(kind, 20_000);
    await setPoolTotal('bandwidth', 1_000);
    await addIpAddresses('10.40.0.0/28');
  });
});
afterAll(() => h?.close());

test('exactly one of two cases approved at once holds the last rack units', async () => {
  const [a, b] = await Promise.all([h.start('cirebon'), h.start('cirebon')]);
  const [stateA, stateB] = await Promise.all([a, b].map((handle) => driveUntil(h, handle, (s) => pendingKind(s) === 'approval')));
  expect(stateA!.capacity.placement).toEqual(stateB!.capacity.placement);

  const results = await Promise.all([a, b].map(async (handle, i) => h.decide(handle, 'approval', 'kabid', happyPayload('approval', [stateA!, stateB!][i]!))));
  const statuses = results.map((r) => r.case.status).sort();
  expect(statuses).toEqual(['inProgress', 'noCapacity']);

  const winner = results.find((r) => r.case.status === 'inProgress')!.case.requestNumber;
  const loser = results.find((r) => r.case.status === 'noCapacity')!.case;
  expect(loser.closeReason).toMatch(/U1|unit|rak/i);
  expect(await Reservation.find({ status: 'held' }).lean()).toEqual([expect.objectContaining({ _id: winner, rackId: 'R01', startUnit: 1, units: 2 })]);
  const rack = await Rack.findById('R01').lean();
  expect([...rack!.usedUnits].sort()).toEqual([1, 2]);
});
