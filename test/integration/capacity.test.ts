// Capacity inventory and reservations against real FerretDB: proposals, holds, give-backs, races.
import { createCapacityActivities } from '../../activities/capacity';
import {
  addIpAddresses,
  CapacityInventoryError,
  inventorySummary,
  seedDemoInventory,
  setPoolTotal,
  upsertRack,
} from '../../activities/capacityInventory';
import { capacityDimensions } from '../../shared/profile/schema';
import type { CapacityNeeds } from '../../shared/request';
import { IpAddress, Rack, Reservation, ResourcePool } from '../../shared/db/capacity';
import { CapacityLock } from '../../shared/db/capacityLock';
import { CapacityProposalHold } from '../../shared/db/capacityProposal';
import { RequestRecord } from '../../shared/db/requestRecord';
import { RequestSummaryRecord } from '../../shared/db/requestSummary';
import { connectMongo, disconnectMongo } from '../../shared/db/connect';

const capacity = createCapacityActivities();
/** Every dimension counts, as in the SOPs that list them all (Cirebon, Ciamis, Kaltim, with IP). */
const all = [...capacityDimensions];
const needs = (n: Partial<CapacityNeeds> = {}): CapacityNeeds => ({ rackUnits: 2, powerWatts: 500, bandwidthMbps: 100, ...n });

beforeAll(async () => {
  await connectMongo(process.env.MONGODB_URI!.replace(/\/kolokasi$/, '/kolokasi_capacity_test'));
});

afterAll(async () => {
  await disconnectMongo();
});

beforeEach(async () => {
  await Promise.all([Rack.deleteMany(), ResourcePool.deleteMany(), IpAddress.deleteMany(), Reservation.deleteMany(), CapacityLock.deleteMany(), CapacityProposalHold.deleteMany(), RequestRecord.deleteMany(), RequestSummaryRecord.deleteMany()]);
});

/** A small inventory whose every dimension is easy to exhaust. */
async function smallInventory(o: { rackUnits?: number; power?: number; bandwidth?: number; ips?: string } = {}) {
  await upsertRack({ _id: 'R01', name: 'Rak A1', noc: 'NOC Lt. 2', location: 'Ruang Server Utama', totalUnits: o.rackUnits ?? 10 });
  await setPoolTotal('power', o.power ?? 2000);
  await setPoolTotal('ups', o.power ?? 2000);
  await setPoolTotal('genset', o.power ?? 2000);
  await setPoolTotal('bandwidth', o.bandwidth ?? 1000);
  await addIpAddresses(o.ips ?? '10.20.1.8/29');
}

async function heldResources() {
  const racks = await Rack.find().lean();
  const pools = await ResourcePool.find().lean();
  const ips = await IpAddress.find({ reservationId: { $ne: null } }).lean();
  return {
    usedUnits: racks.flatMap((r) => r.usedUnits),
    allocations: racks.flatMap((r) => r.allocations),
    holders: pools.flatMap((p) => p.holders),
    poolsFull: pools.every((p) => p.free === p.total),
    ips: ips.map((ip) => ip._id),
  };
}

const nothingHeld = { usedUnits: [], allocations: [], holders: [], poolsFull: true, ips: [] };

/** Runs a capacity activity as the workflow of case `caseId` would. */
/** Calls a capacity activity for a case, as the workflow does: a check names its case, a reservation is the case's. */
function asCase<I extends object, R>(caseId: string, fn: (input: I) => Promise<R>, input: I): Promise<R> {
  return fn('reservationId' in input ? input : { ...input, caseId });
}

describe('checkInfrastructureCapacity', () => {
  test('proposes the first rack with room, its lowest free block and the lowest free IP', async () => {
    await seedDemoInventory();
    const proposal = await capacity.checkInfrastructureCapacity({ needs: needs({ rackUnits: 4 }), dimensions: all });
    expect(proposal).toEqual({
      available: true,
      shortages: [],
      free: { rackUnitsLargestBlock: 42, powerWatts: 20_000, upsWatts: 15_000, gensetWatts: 30_000, bandwidthMbps: 1000, ipAddresses: 51 },
      placement: { rackId: 'R01', rackName: 'Rak A1', noc: 'NOC Lt. 2', location: 'Ruang Server Utama', startUnit: 1, units: 4, ipAddress: '10.20.1.10' },
    });
  });

  test('names every dimension that falls short, in Indonesian', async () => {
    await smallInventory({ rackUnits: 5, power: 1000, bandwidth: 50, ips: '10.20.1.10' });
    // U3 and the only IP held: the largest free block is 2U (U1-U2 or U4-U5).
    expect(await capacity.reserveCapacity({ dimensions: all, reservationId: 'A', needs: needs({ rackUnits: 1, powerWatts: 400, bandwidthMbps: 10 }), placement: { rackId: 'R01', startUnit: 3 } })).toMatchObject({ ok: true });

    const proposal = await capacity.checkInfrastructureCapacity({ needs: { rackUnits: 4, powerWatts: 1000, bandwidthMbps: 100 }, dimensions: all });
    expect(proposal.available).toBe(false);
    expect(proposal.placement).toBeUndefined();
    expect(proposal.free).toEqual({ rackUnitsLargestBlock: 2, powerWatts: 600, upsWatts: 600, gensetWatts: 600, bandwidthMbps: 40, ipAddresses: 0 });
    expect(proposal.shortages).toEqual([
      'Ruang rak: butuh 4U, tersedia paling banyak 2U berurutan',
      'Listrik: butuh 1000 W, tersedia 600 W',
      'UPS: butuh 1000 W, tersedia 600 W',
      'Genset: butuh 1000 W, tersedia 600 W',
      'Bandwidth: butuh 100 Mbps, tersedia 40 Mbps',
      'Alamat IP: tidak ada alamat IP yang tersedia',
    ]);
  });

  test('with no inventory at all, nothing is available', async () => {
    const proposal = await capacity.checkInfrastructureCapacity({ needs: needs(), dimensions: all });
    expect(proposal.available).toBe(false);
    expect(proposal.shortages).toHaveLength(6);
  });
});

describe('reserveCapacity and releaseCapacity', () => {
  test('a reservation takes its resources from the next proposal; release gives them back', async () => {
    await seedDemoInventory();
    const result = await capacity.reserveCapacity({ dimensions: all, reservationId: 'KOL-001', needs: needs({ rackUnits: 4, powerWatts: 800 }), placement: { rackId: 'R01', startUnit: 1 } });
    expect(result).toEqual({
      ok: true,
      reservation: expect.objectContaining({
        reservationId: 'KOL-001', status: 'held', rackId: 'R01', rackName: 'Rak A1', noc: 'NOC Lt. 2', startUnit: 1, units: 4,
        ipAddress: '10.20.1.10', needs: { rackUnits: 4, powerWatts: 800, bandwidthMbps: 100 },
      }),
    });
    if (!result.ok) return;
    expect(typeof result.reservation.heldAt).toBe('string');

    const after = await capacity.checkInfrastructureCapacity({ needs: needs({ rackUnits: 4 }), dimensions: all });
    expect(after.free).toEqual({ rackUnitsLargestBlock: 42, powerWatts: 19_200, upsWatts: 14_200, gensetWatts: 29_200, bandwidthMbps: 900, ipAddresses: 50 });
    expect(after.placement).toMatchObject({ rackId: 'R01', startUnit: 5, ipAddress: '10.20.1.11' });

    await capacity.releaseCapacity({ reservationId: 'KOL-001', reason: 'Permohonan ditolak' });
    expect(await heldResources()).toEqual(nothingHeld);
    expect(await Reservation.findById('KOL-001').lean()).toMatchObject({ status: 'released', releaseReason: 'Permohonan ditolak' });
    const released = await capacity.checkInfrastructureCapacity({ needs: needs({ rackUnits: 4 }), dimensions: all });
    expect(released.placement).toMatchObject({ rackId: 'R01', startUnit: 1, ipAddress: '10.20.1.10' });
  });

  test('takes the given IP address, and skips a rack that is full for the next proposal', async () => {
    await smallInventory({ rackUnits: 4 });
    await upsertRack({ _id: 'R02', name: 'Rak A2', noc: 'NOC Lt. 2', location: 'Ruang Server Utama', totalUnits: 4 });
    const result = await capacity.reserveCapacity({ dimensions: all, reservationId: 'A', needs: needs({ rackUnits: 3 }), placement: { rackId: 'R01', startUnit: 2, ipAddress: '10.20.1.12' } });
    expect(result).toMatchObject({ ok: true, reservation: { startUnit: 2, units: 3, ipAddress: '10.20.1.12' } });
    expect((await Rack.findById('R01').lean())!.usedUnits).toEqual([2, 3, 4]);
    const next = await capacity.checkInfrastructureCapacity({ needs: needs({ rackUnits: 2 }), dimensions: all });
    expect(next.placement).toMatchObject({ rackId: 'R02', startUnit: 1, ipAddress: '10.20.1.9' });
  });

  test('reserving twice holds once; releasing twice is a no-op', async () => {
    await smallInventory();
    const input = { dimensions: all, reservationId: 'KOL-002', needs: needs(), placement: { rackId: 'R01', startUnit: 3 } };
    const first = await capacity.reserveCapacity(input);
    const second = await capacity.reserveCapacity(input);
    expect(second).toEqual(first);
    // A retry with another placement still answers with what is held, not a second hold.
    expect(await capacity.reserveCapacity({ ...input, placement: { rackId: 'R01', startUnit: 7 } })).toEqual(first);
    expect(await heldResources()).toMatchObject({
      usedUnits: [3, 4],
      allocations: [{ reservationId: 'KOL-002', startUnit: 3, units: 2 }],
      holders: Array(4).fill({ reservationId: 'KOL-002', amount: expect.any(Number) }),
      ips: ['10.20.1.9'],
    });

    await capacity.releaseCapacity({ reservationId: 'KOL-002', reason: 'Dibatalkan' });
    const releasedAt = (await Reservation.findById('KOL-002').lean())!.releasedAt;
    await capacity.releaseCapacity({ reservationId: 'KOL-002', reason: 'Lagi' });
    expect(await Reservation.findById('KOL-002').lean()).toMatchObject({ status: 'released', releasedAt, releaseReason: 'Dibatalkan' });
    expect(await heldResources()).toEqual(nothingHeld);
    const pools = await ResourcePool.find().lean();
    expect(pools.map((p) => [p._id, p.free])).toEqual(expect.arrayContaining([['power', 2000], ['bandwidth', 1000]]));
  });

  test('an attempt that stopped half-way (units, power and an address taken, no reservation written) is given back, then held once', async () => {
    await smallInventory();
    await Rack.updateOne({ _id: 'R01' }, { $push: { allocations: { reservationId: 'H', startUnit: 1, units: 2 } }, $set: { usedUnits: [1, 2] } });
    await ResourcePool.updateOne({ _id: 'power' }, { $inc: { free: -500 }, $push: { holders: { reservationId: 'H', amount: 500 } } });
    await IpAddress.updateOne({ _id: '10.20.1.9' }, { $set: { reservationId: 'H', assignedAt: new Date() } });

    const result = await capacity.reserveCapacity({ dimensions: all, reservationId: 'H', needs: needs(), placement: { rackId: 'R01', startUnit: 5, ipAddress: '10.20.1.10' } });
    expect(result).toMatchObject({ ok: true, reservation: { rackId: 'R01', startUnit: 5, units: 2, ipAddress: '10.20.1.10' } });
    const held = await heldResources();
    expect(held).toMatchObject({ usedUnits: [5, 6], allocations: [{ reservationId: 'H', startUnit: 5, units: 2 }], ips: ['10.20.1.10'] });
    expect(held.holders).toEqual(Array(4).fill({ reservationId: 'H', amount: expect.any(Number) }));
    expect((await ResourcePool.findById('power').lean())!.free).toBe(1500);
  });

  test('a shortage half-way gives back what was already taken', async () => {
    await smallInventory({ bandwidth: 50 });
    const result = await capacity.reserveCapacity({ dimensions: all, reservationId: 'B', needs: needs({ bandwidthMbps: 100 }), placement: { rackId: 'R01', startUnit: 1 } });
    expect(result).toEqual({ ok: false, reason: 'Bandwidth: butuh 100 Mbps, tersedia 50 Mbps' });
    expect(await heldResources()).toEqual(nothingHeld);
    expect(await Reservation.findById('B').lean()).toBeNull();
  });

  test('units that are taken or outside the rack, or an IP that is held, give way to the next free placement', async () => {
    await smallInventory({ rackUnits: 10 });
    await capacity.reserveCapacity({ dimensions: all, reservationId: 'A', needs: needs(), placement: { rackId: 'R01', startUnit: 5 } });
    const reserveB = async (placement: { rackId: string; startUnit: number; ipAddress?: string }) => {
      const result = await capacity.reserveCapacity({ dimensions: all, reservationId: 'B', needs: needs(), placement });
      await capacity.releaseCapacity({ reservationId: 'B', reason: 'uji' });
      return result;
    };

    expect(await reserveB({ rackId: 'R01', startUnit: 4 })).toMatchObject({ ok: true, reservation: { startUnit: 1, ipAddress: '10.20.1.10', note: 'U4–U5 di Rak A1 sudah terpakai; dicadangkan Rak A1 U1–U2' } });
    expect(await reserveB({ rackId: 'R01', startUnit: 10 })).toMatchObject({ ok: true, reservation: { startUnit: 1, note: 'U10–U11 di luar Rak A1 (10U); dicadangkan Rak A1 U1–U2' } });
    expect(await reserveB({ rackId: 'R09', startUnit: 1 })).toMatchObject({ ok: true, reservation: { rackId: 'R01', startUnit: 1, note: 'Rak R09 tidak terdaftar; dicadangkan Rak A1 U1–U2' } });
    expect(await reserveB({ rackId: 'R01', startUnit: 1, ipAddress: '10.20.1.9' })).toMatchObject({ ok: true, reservation: { startUnit: 1, ipAddress: '10.20.1.10', note: 'Alamat IP 10.20.1.9 tidak tersedia; dicadangkan 10.20.1.10' } });
    expect(await reserveB({ rackId: 'R01', startUnit: 7, ipAddress: '10.20.1.12' })).toMatchObject({ ok: true, reservation: { startUnit: 7, ipAddress: '10.20.1.12' } });
    expect(await heldResources()).toMatchObject({ usedUnits: [5, 6], ips: ['10.20.1.9'] });
  });

  test('an installed reservation stays held when released', async () => {
    await smallInventory();
    await capacity.reserveCapacity({ dimensions: all, reservationId: 'C', needs: needs(), placement: { rackId: 'R01', startUnit: 1 } });
    expect(await capacity.assignIpAddress({ reservationId: 'C' })).toMatchObject({ status: 'installed', installedAt: expect.any(String) });
    expect(await capacity.assignIpAddress({ reservationId: 'C' })).toMatchObject({ status: 'installed' });
    await capacity.releaseCapacity({ reservationId: 'C', reason: 'Batal' });
    expect(await Reservation.findById('C').lean()).toMatchObject({ status: 'installed' });
    expect((await heldResources()).usedUnits).toEqual([1, 2]);
    await expect(capacity.assignIpAddress({ reservationId: 'unknown' })).rejects.toThrow('Reservasi kapasitas unknown tidak ditemukan');
  });

  test('a lock left behind by a crashed holder expires', async () => {
    await smallInventory();
    await CapacityLock.create({ _id: 7, holder: 'crashed', acquiredAt: new Date(Date.now() - 60_000), expiresAt: new Date(Date.now() - 1) });
    expect(await capacity.reserveCapacity({ dimensions: all, reservationId: 'D', needs: needs(), placement: { rackId: 'R01', startUnit: 1 } })).toMatchObject({ ok: true });
    expect(await CapacityLock.findById(8).lean()).toMatchObject({ releasedAt: expect.any(Date) });
  });
});

describe('races', () => {
  test('two reservations for the last free units of the only rack: exactly one gets them', async () => {
    await smallInventory({ rackUnits: 4 });
    await capacity.reserveCapacity({ dimensions: all, reservationId: 'X', needs: needs(), placement: { rackId: 'R01', startUnit: 1 } });

    const results = await Promise.all(['A', 'B'].map((id) =>
      capacity.reserveCapacity({ dimensions: all, reservationId: id, needs: needs(), placement: { rackId: 'R01', startUnit: 3 } })));

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'U3–U4 di Rak A1 sudah terpakai; Ruang rak: butuh 2U, tersedia paling banyak 0U berurutan' });
    const rack = (await Rack.findById('R01').lean())!;
    expect([...rack.usedUnits].sort()).toEqual([1, 2, 3, 4]);
    expect(rack.allocations).toHaveLength(2);
    expect(await ResourcePool.findById('power').lean()).toMatchObject({ free: 1000, holders: [{}, {}] });
  });

  test('two reservations for the last free IP address: exactly one gets it, the other holds nothing', async () => {
    await smallInventory({ ips: '10.20.1.10' });
    const results = await Promise.all([['A', 1], ['B', 5]].map(([id, startUnit]) =>
      capacity.reserveCapacity({ dimensions: all, reservationId: id as string, needs: needs(), placement: { rackId: 'R01', startUnit: startUnit as number } })));

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'Alamat IP: tidak ada alamat IP yang tersedia' });
    const winner = results.find((r) => r.ok)!;
    if (!winner.ok) return;
    expect(await IpAddress.find({ reservationId: { $ne: null } }).lean()).toEqual([expect.objectContaining({ _id: '10.20.1.10', reservationId: winner.reservation.reservationId })]);
    expect(await heldResources()).toMatchObject({ usedUnits: [winner.reservation.startUnit, winner.reservation.startUnit + 1] });
  });

  test('many reservations racing for one pool never overcommit it', async () => {
    await smallInventory({ rackUnits: 42, power: 1000, ips: '10.20.1.0/27' });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      capacity.reserveCapacity({ dimensions: all, reservationId: `R${i}`, needs: needs({ rackUnits: 1, powerWatts: 300 }), placement: { rackId: 'R01', startUnit: i + 1 } })));

    expect(results.filter((r) => r.ok)).toHaveLength(3);
    for (const kind of ['power', 'ups', 'genset']) {
      expect(await ResourcePool.findById(kind).lean()).toMatchObject({ free: 100, holders: [{}, {}, {}] });
    }
    const held = await heldResources();
    expect(held.usedUnits).toHaveLength(3);
    expect(held.ips).toHaveLength(3);
  });
});

describe('proposals promised to their case', () => {
  test('cases checked side by side are proposed different units and addresses; a repeated check keeps its own', async () => {
    await smallInventory({ rackUnits: 6, ips: '10.20.1.8/29' });
    const proposals = await Promise.all(['P1', 'P2', 'P3', 'P4'].map((id) => asCase(id, capacity.checkInfrastructureCapacity, { needs: needs(), dimensions: all })));
    const placed = proposals.filter((p) => p.available).map((p) => `${p.placement!.startUnit}/${p.placement!.ipAddress}`);
    console.log(`[capacity] 4 side-by-side checks on a 6U rack (2U each): proposed ${placed.join(', ')}; ${proposals.filter((p) => !p.available).length} told there is no room`);
    expect(new Set(placed.map((p) => p.split('/')[0])).size).toBe(3);
    expect(new Set(placed.map((p) => p.split('/')[1])).size).toBe(3);
    expect(proposals.filter((p) => !p.available)).toEqual([expect.objectContaining({ shortages: ['Ruang rak: butuh 2U, tersedia paling banyak 0U berurutan'] })]);

    const [first] = proposals.filter((p) => p.available);
    const firstCase = ['P1', 'P2', 'P3', 'P4'][proposals.indexOf(first!)]!;
    // Free figures moved (the others were proposed theirs since), the placement did not.
    expect((await asCase(firstCase, capacity.checkInfrastructureCapacity, { needs: needs(), dimensions: all })).placement).toEqual(first!.placement);
    expect(await CapacityProposalHold.countDocuments()).toBe(3);
  });

  test('a reservation turns its proposal into a hold; one that lost its units takes the next free ones', async () => {
    await smallInventory({ rackUnits: 6 });
    const a = await asCase('A', capacity.checkInfrastructureCapacity, { needs: needs(), dimensions: all });
    const b = await asCase('B', capacity.checkInfrastructureCapacity, { needs: needs(), dimensions: all });
    expect([a.placement!.startUnit, b.placement!.startUnit]).toEqual([1, 3]);

    // An override onto B's proposed units does not take them from B: A falls back to its own proposal.
    const overridden = await asCase('A', capacity.reserveCapacity, { dimensions: all, reservationId: 'A', needs: needs(), placement: { rackId: 'R01', startUnit: 3 } });
    expect(overridden).toMatchObject({ ok: true, reservation: { startUnit: 1, note: 'U3–U4 di Rak A1 sudah terpakai; dicadangkan Rak A1 U1–U2' } });
    const confirmed = await asCase('B', capacity.reserveCapacity, { dimensions: all, reservationId: 'B', needs: needs(), placement: { rackId: 'R01', startUnit: 3, ipAddress: b.placement!.ipAddress } });
    expect(confirmed).toMatchObject({ ok: true, reservation: { startUnit: 3, ipAddress: b.placement!.ipAddress } });
    expect(confirmed.ok && confirmed.reservation.note).toBeFalsy();
    expect(await CapacityProposalHold.countDocuments()).toBe(0);
    expect([...(await Rack.findById('R01').lean())!.usedUnits].sort()).toEqual([1, 2, 3, 4]);

    // A third case whose proposal was taken by a reservation (a stale promise) gets the next free units.
    await CapacityProposalHold.create({ _id: 'C', rackId: 'R01', startUnit: 1, units: 2, ipAddress: '10.20.1.9', powerWatts: 500, bandwidthMbps: 100, proposedAt: new Date() });
    const moved = await asCase('C', capacity.reserveCapacity, { dimensions: all, reservationId: 'C', needs: needs(), placement: { rackId: 'R01', startUnit: 1 } });
    expect(moved).toMatchObject({ ok: true, reservation: { startUnit: 5, note: 'U1–U2 di Rak A1 sudah terpakai; dicadangkan Rak A1 U5–U6' } });
  });

  test('a proposal binds nothing once its case is closed, and releasing the case removes it', async () => {
    await smallInventory({ rackUnits: 2, ips: '10.20.1.10' });
    expect(await asCase('OPEN', capacity.checkInfrastructureCapacity, { needs: needs(), dimensions: all })).toMatchObject({ available: true });
    expect(await asCase('OTHER', capacity.checkInfrastructureCapacity, { needs: needs(), dimensions: all })).toMatchObject({ available: false });

    await RequestRecord.collection.insertOne({ _id: 'OPEN' as never, status: 'rejected' });
    expect(await asCase('OTHER', capacity.checkInfrastructureCapacity, { needs: needs(), dimensions: all })).toMatchObject({ available: true, placement: { startUnit: 1, ipAddress: '10.20.1.10' } });
    await capacity.releaseCapacity({ reservationId: 'OTHER', reason: 'Ditarik' });
    await capacity.releaseCapacity({ reservationId: 'OTHER', reason: 'Ditarik' });
    expect(await CapacityProposalHold.find({ _id: 'OTHER' }).lean()).toEqual([]);
  });

  test('a case is closed as its summary says, which the commit writes right after the record', async () => {
    await smallInventory({ rackUnits: 2, ips: '10.20.1.10' });
    expect(await asCase('OPEN', capacity.checkInfrastructureCapacity, { needs: needs(), dimensions: all })).toMatchObject({ available: true });
    // The record still says open (a commit between its two writes): the summary decides.
    await RequestRecord.collection.insertOne({ _id: 'OPEN' as never, status: 'inProgress' });
    await RequestSummaryRecord.collection.insertOne({ _id: 'OPEN' as never, revision: 9, status: 'withdrawn' });
    expect(await asCase('OTHER', capacity.checkInfrastructureCapacity, { needs: needs(), dimensions: all })).toMatchObject({ available: true, placement: { startUnit: 1, ipAddress: '10.20.1.10' } });

    await capacity.releaseCapacity({ reservationId: 'OTHER', reason: 'Ditarik' });

    // The summary not yet closed where the record is: the proposal binds a moment longer, never less.
    await RequestRecord.updateOne({ _id: 'OPEN' }, { $set: { status: 'rejected' } });
    await RequestSummaryRecord.updateOne({ _id: 'OPEN' }, { $set: { status: 'inProgress' } });
    expect(await asCase('THIRD', capacity.checkInfrastructureCapacity, { needs: needs(), dimensions: all })).toMatchObject({ available: false });
  });
});

describe('inventory', () => {
  test('a rack cannot shrink below a held unit', async () => {
    await smallInventory({ rackUnits: 10 });
    await capacity.reserveCapacity({ dimensions: all, reservationId: 'A', needs: needs(), placement: { rackId: 'R01', startUnit: 7 } });
    const shrink = upsertRack({ _id: 'R01', name: 'Rak A1', noc: 'NOC Lt. 2', location: 'Ruang Server Utama', totalUnits: 7 });
    await expect(shrink).rejects.toThrow(CapacityInventoryError);
    await expect(shrink).rejects.toThrow('Rak R01 tidak dapat diperkecil menjadi 7U: unit U8 sedang dipakai');

    await upsertRack({ _id: 'R01', name: 'Rak B1', noc: 'NOC Lt. 3', location: 'Ruang Cadangan', totalUnits: 8 });
    expect(await Rack.findById('R01').lean()).toMatchObject({ name: 'Rak B1', noc: 'NOC Lt. 3', totalUnits: 8, usedUnits: [7, 8] });
  });

  test('a pool total moves free by the difference and cannot go below what is held', async () => {
    await smallInventory({ power: 2000 });
    await capacity.reserveCapacity({ dimensions: all, reservationId: 'A', needs: needs({ powerWatts: 1500 }), placement: { rackId: 'R01', startUnit: 1 } });
    await expect(setPoolTotal('power', 1000)).rejects.toThrow('Total listrik tidak dapat diturunkan menjadi 1000 W: 1500 W sedang dipakai');
    await setPoolTotal('power', 2500);
    expect(await ResourcePool.findById('power').lean()).toMatchObject({ total: 2500, free: 1000 });
    await expect(setPoolTotal('power', -1)).rejects.toThrow(CapacityInventoryError);
  });

  test('IP addresses from a CIDR block (usable hosts), a range or a list; existing ones are skipped', async () => {
    expect(await addIpAddresses('10.20.1.0/29')).toEqual({
      added: ['10.20.1.1', '10.20.1.2', '10.20.1.3', '10.20.1.4', '10.20.1.5', '10.20.1.6'], skipped: [],
    });
    expect(await addIpAddresses(['10.20.1.6', '10.20.1.7'])).toEqual({ added: ['10.20.1.7'], skipped: ['10.20.1.6'] });
    expect(await addIpAddresses('10.20.1.7-10.20.1.9')).toEqual({ added: ['10.20.1.8', '10.20.1.9'], skipped: ['10.20.1.7'] });
    expect(await addIpAddresses('10.20.2.5/32')).toEqual({ added: ['10.20.2.5'], skipped: [] });
    await expect(addIpAddresses('10.20.1.300')).rejects.toThrow('Alamat IP tidak valid: 10.20.1.300');
    await expect(addIpAddresses('10.0.0.0/8')).rejects.toThrow(CapacityInventoryError);
    expect(await IpAddress.countDocuments()).toBe(10);
  });

  test('the demo inventory is seeded once; the summary shows what is held', async () => {
    expect(await seedDemoInventory()).toBe(true);
    expect(await seedDemoInventory()).toBe(false);
    await capacity.reserveCapacity({ dimensions: all, reservationId: 'A', needs: needs({ rackUnits: 4, powerWatts: 1000 }), placement: { rackId: 'R02', startUnit: 10 } });

    const summary = await inventorySummary();
    expect(summary.racks).toEqual([
      expect.objectContaining({ _id: 'R01', totalUnits: 42, usedUnits: 0, freeUnits: 42, largestFreeBlock: 42 }),
      expect.objectContaining({ _id: 'R02', noc: 'NOC Lt. 2', totalUnits: 42, usedUnits: 4, freeUnits: 38, largestFreeBlock: 29,
        allocations: [{ reservationId: 'A', startUnit: 10, units: 4 }] }),
    ]);
    expect(summary.pools).toEqual([
      { kind: 'power', total: 20_000, free: 19_000, held: 1000 },
      { kind: 'ups', total: 15_000, free: 14_000, held: 1000 },
      { kind: 'genset', total: 30_000, free: 29_000, held: 1000 },
      { kind: 'bandwidth', total: 1000, free: 900, held: 100 },
    ]);
    expect(summary.ipAddresses).toEqual({ total: 51, free: 50, held: 1 });
    expect(summary.reservations).toEqual([expect.objectContaining({ reservationId: 'A', status: 'held', rackId: 'R02', ipAddress: '10.20.1.10' })]);
  });
});
