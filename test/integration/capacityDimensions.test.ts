// Capacity by the agency's own SOP, against real FerretDB: only the dimensions it lists can end a
// case, and the IP address the server gets at installation.
import { ApplicationFailure } from '@temporalio/common';
import { createCapacityActivities } from '../../activities/capacity';
import { addIpAddresses, setPoolTotal, upsertRack } from '../../activities/capacityInventory';
import { IpAddress, Rack, Reservation, ResourcePool } from '../../shared/db/capacity';
import { CapacityLock } from '../../shared/db/capacityLock';
import { CapacityProposalHold } from '../../shared/db/capacityProposal';
import type { CapacityDimension } from '../../shared/profile/schema';
import { RequestRecord } from '../../shared/db/requestRecord';
import { connectMongo, disconnectMongo } from '../../shared/db/connect';

const capacity = createCapacityActivities();
const needs = { rackUnits: 2, powerWatts: 500, bandwidthMbps: 100 };
const placement = { rackId: 'R01', startUnit: 1 };

// The lists the brief gives for two seeds, and the three that list no IP address.
const jateng: CapacityDimension[] = ['power', 'bandwidth', 'space', 'ipAddress'];
const sumbar: CapacityDimension[] = ['space', 'ups', 'bandwidth', 'ipAddress'];
const noIp: CapacityDimension[] = ['space', 'power', 'ups', 'genset', 'bandwidth'];

beforeAll(async () => {
  await connectMongo(process.env.MONGODB_URI!.replace(/\/kolokasi$/, '/kolokasi_capacity_dimensions_test'));
});

afterAll(async () => {
  await disconnectMongo();
});

beforeEach(async () => {
  await Promise.all([Rack.deleteMany(), ResourcePool.deleteMany(), IpAddress.deleteMany(), Reservation.deleteMany(), CapacityLock.deleteMany(), CapacityProposalHold.deleteMany(), RequestRecord.deleteMany()]);
});

async function inventory(o: { power?: number; ups?: number; genset?: number; ips?: string } = {}) {
  await upsertRack({ _id: 'R01', name: 'Rak A1', noc: 'NOC Lt. 2', location: 'Ruang Server Utama', totalUnits: 10 });
  await setPoolTotal('power', o.power ?? 2000);
  await setPoolTotal('ups', o.ups ?? 2000);
  await setPoolTotal('genset', o.genset ?? 2000);
  await setPoolTotal('bandwidth', 1000);
  if (o.ips !== '') await addIpAddresses(o.ips ?? '10.20.1.8/29');
}

async function holdersOf(kind: string) {
  return (await ResourcePool.findById(kind).lean())!.holders.map((h) => h.reservationId);
}

async function heldIps() {
  return (await IpAddress.find({ reservationId: { $ne: null } }).lean()).map((ip) => [ip._id, ip.reservationId]);
}

/** Calls a capacity activity for a case, as the workflow does: a check names its case, a reservation is the case's. */
function asCase<I extends object, R>(caseId: string, fn: (input: I) => Promise<R>, input: I): Promise<R> {
  return fn('reservationId' in input ? input : { ...input, caseId });
}

describe('only the dimensions the SOP lists can fall short', () => {
  test('Sumbar (power confirmed by a person): no mains power left does not block, and none is held', async () => {
    await inventory({ power: 100 });
    const proposal = await capacity.checkInfrastructureCapacity({ needs, dimensions: sumbar });
    expect(proposal).toMatchObject({ available: true, shortages: [], placement: { rackId: 'R01', startUnit: 1, ipAddress: '10.20.1.9' } });
    expect(proposal.free).toMatchObject({ powerWatts: 100, upsWatts: 2000 });

    const reserved = await capacity.reserveCapacity({ reservationId: 'S1', needs, dimensions: sumbar, placement });
    expect(reserved).toMatchObject({ ok: true, reservation: { status: 'held', ipAddress: '10.20.1.9' } });
    expect(await holdersOf('power')).toEqual([]);
    expect(await holdersOf('genset')).toEqual([]);
    expect(await holdersOf('ups')).toEqual(['S1']);
    expect(await holdersOf('bandwidth')).toEqual(['S1']);
    expect(await ResourcePool.findById('power').lean()).toMatchObject({ free: 100 });
  });

  test('Jateng: a UPS or genset shortage does not block; a power shortage does, and only it is named', async () => {
    await inventory({ ups: 0, genset: 0 });
    expect(await capacity.checkInfrastructureCapacity({ needs, dimensions: jateng })).toMatchObject({ available: true, shortages: [] });

    await setPoolTotal('power', 300);
    const proposal = await capacity.checkInfrastructureCapacity({ needs, dimensions: jateng });
    expect(proposal).toEqual(expect.objectContaining({ available: false, shortages: ['Listrik: butuh 500 W, tersedia 300 W'] }));
    expect(proposal.placement).toBeUndefined();
    expect(await capacity.reserveCapacity({ reservationId: 'J1', needs, dimensions: jateng, placement })).toEqual({ ok: false, reason: 'Listrik: butuh 500 W, tersedia 300 W' });
    expect(await Rack.findById('R01').lean()).toMatchObject({ usedUnits: [] });
  });

  test('a pool the SOP does not count is not promised to the case either', async () => {
    await inventory({ power: 600 });
    expect(await asCase('S1', capacity.checkInfrastructureCapacity, { needs, dimensions: sumbar })).toMatchObject({ available: true });
    // Jateng's case still sees all 600 W of mains power (Sumbar's proposal promised none of it), and 500 W less UPS.
    expect(await asCase('J1', capacity.checkInfrastructureCapacity, { needs, dimensions: jateng })).toMatchObject({ available: true, free: { powerWatts: 600, upsWatts: 1500 } });
  });

  test('a case named in the input is promised its placement without a workflow around the call', async () => {
    await inventory();
    const proposal = await capacity.checkInfrastructureCapacity({ needs, dimensions: jateng, caseId: 'KOL-7' });
    expect(await CapacityProposalHold.findById('KOL-7').lean()).toMatchObject({ startUnit: proposal.placement!.startUnit, ipAddress: proposal.placement!.ipAddress, dimensions: jateng });
    expect((await capacity.checkInfrastructureCapacity({ needs, dimensions: jateng })).placement).toMatchObject({ startUnit: 3 });
  });

  test('without IP addresses in the list, an empty address pool does not block and none is held until installation', async () => {
    await inventory({ ips: '' });
    const proposal = await capacity.checkInfrastructureCapacity({ needs, dimensions: noIp });
    expect(proposal).toMatchObject({ available: true, shortages: [], free: { ipAddresses: 0 } });
    expect(proposal.placement).not.toHaveProperty('ipAddress');

    const reserved = await capacity.reserveCapacity({ reservationId: 'C1', needs, dimensions: noIp, placement });
    expect(reserved).toMatchObject({ ok: true, reservation: { status: 'held', startUnit: 1 } });
    expect(reserved.ok && reserved.reservation.ipAddress).toBeFalsy();

    await expect(capacity.assignIpAddress({ reservationId: 'C1' })).rejects.toMatchObject({ type: 'IpUnavailable', nonRetryable: true, message: 'Tidak ada alamat IP yang tersedia untuk server permohonan C1' });
    await addIpAddresses('10.20.1.20-10.20.1.21');
    expect(await capacity.assignIpAddress({ reservationId: 'C1' })).toMatchObject({ status: 'installed', ipAddress: '10.20.1.20' });
    expect(await heldIps()).toEqual([['10.20.1.20', 'C1']]);
  });
});

describe('assignIpAddress at installation', () => {
  async function reserve(id: string, startUnit: number) {
    const result = await capacity.reserveCapacity({ reservationId: id, needs, dimensions: jateng, placement: { rackId: 'R01', startUnit } });
    if (!result.ok) throw new Error(result.reason);
    return result.reservation;
  }

  test('without a wanted address the server keeps the one held', async () => {
    await inventory();
    const held = await reserve('A', 1);
    expect(await capacity.assignIpAddress({ reservationId: 'A' })).toEqual({ ...held, status: 'installed', installedAt: expect.any(String) });
    expect(await heldIps()).toEqual([['10.20.1.9', 'A']]);
  });

  test('a free wanted address replaces the held one, which goes back to the pool', async () => {
    await inventory();
    await reserve('A', 1);
    expect(await capacity.assignIpAddress({ reservationId: 'A', wanted: '10.20.1.13' })).toMatchObject({ status: 'installed', ipAddress: '10.20.1.13' });
    expect(await heldIps()).toEqual([['10.20.1.13', 'A']]);
    expect(await Reservation.findById('A').lean()).toMatchObject({ status: 'installed', ipAddress: '10.20.1.13' });
  });

  test('a wanted address that is taken or unknown is refused in Indonesian and changes nothing', async () => {
    await inventory();
    await reserve('A', 1);
    await reserve('B', 3);
    const before = { ips: await heldIps(), reservation: await Reservation.findById('A').lean() };

    const taken = capacity.assignIpAddress({ reservationId: 'A', wanted: '10.20.1.10' });
    await expect(taken).rejects.toBeInstanceOf(ApplicationFailure);
    await expect(taken).rejects.toMatchObject({ type: 'IpUnavailable', nonRetryable: true, message: 'Alamat IP 10.20.1.10 sudah dipakai permohonan B' });
    await expect(capacity.assignIpAddress({ reservationId: 'A', wanted: '10.99.0.1' })).rejects.toMatchObject({ type: 'IpUnavailable', message: 'Alamat IP 10.99.0.1 tidak terdaftar dalam daftar alamat IP pusat data' });

    expect({ ips: await heldIps(), reservation: await Reservation.findById('A').lean() }).toEqual(before);
    expect(before.reservation).toMatchObject({ status: 'held', ipAddress: '10.20.1.9' });
  });

  test('an address promised to another open case is refused', async () => {
    await inventory();
    await reserve('A', 1);
    const other = await asCase('P', capacity.checkInfrastructureCapacity, { needs, dimensions: jateng });
    await expect(capacity.assignIpAddress({ reservationId: 'A', wanted: other.placement!.ipAddress! })).rejects.toMatchObject({ type: 'IpUnavailable', message: `Alamat IP ${other.placement!.ipAddress} sudah diusulkan untuk permohonan P` });
  });

  test('a retry answers the same, also after a crash between taking the new address and writing', async () => {
    await inventory();
    await reserve('A', 1);
    const first = await capacity.assignIpAddress({ reservationId: 'A', wanted: '10.20.1.12' });
    expect(await capacity.assignIpAddress({ reservationId: 'A', wanted: '10.20.1.12' })).toEqual(first);
    expect(await heldIps()).toEqual([['10.20.1.12', 'A']]);

    // B's first attempt took 10.20.1.13 and died before freeing its old address and writing the reservation.
    await reserve('B', 3);
    await IpAddress.updateOne({ _id: '10.20.1.13' }, { $set: { reservationId: 'B', assignedAt: new Date() } });
    expect(await capacity.assignIpAddress({ reservationId: 'B', wanted: '10.20.1.13' })).toMatchObject({ status: 'installed', ipAddress: '10.20.1.13' });
    expect(await heldIps()).toEqual(expect.arrayContaining([['10.20.1.12', 'A'], ['10.20.1.13', 'B']]));
    expect(await heldIps()).toHaveLength(2);
  });

  test('an installed server does not take a second address; a released reservation gets none', async () => {
    await inventory();
    await reserve('A', 1);
    await capacity.assignIpAddress({ reservationId: 'A' });
    await expect(capacity.assignIpAddress({ reservationId: 'A', wanted: '10.20.1.14' })).rejects.toMatchObject({ type: 'IpUnavailable', message: 'Server permohonan A sudah terpasang dengan alamat IP 10.20.1.9; alamat IP 10.20.1.14 tidak dapat diberikan lagi' });

    await reserve('B', 3);
    await capacity.releaseCapacity({ reservationId: 'B', reason: 'Dibatalkan' });
    await expect(capacity.assignIpAddress({ reservationId: 'B' })).rejects.toMatchObject({ type: 'CapacityReservationReleased' });
  });
});
