// Kapasitas infrastruktur: what is free, where a request's servers would go, and holding it.
//
// A reservation takes its resources one document at a time (rack units, an IP address, power, UPS,
// genset, bandwidth), each with one conditional update that checks and takes, and gives back what it
// already took when a later one falls short, so nothing leaks without multi-document transactions.
// Every resource records its holder by reservation id, which makes each step idempotent: a retried
// activity finds what it already holds instead of taking it twice. The conditional updates are not
// atomic on FerretDB 1.24, so every change runs under the capacity lock (see capacityLock.ts).
import { ApplicationFailure } from '@temporalio/common';
import type {
  CapacityProposal,
  PlacementChoice,
  PoolKind,
  ReleaseCapacityInput,
  ReservationView,
  ReserveCapacityInput,
  ReserveCapacityResult,
} from '../shared/capacity';
import { IpAddress, POOL_KINDS, Rack, Reservation, ReservationDoc, ResourcePool } from '../shared/db/capacity';
import { withCapacityLock } from '../shared/db/capacityLock';
import type { CapacityNeeds } from '../shared/request';

/** How each pool is named to a person: `name` starts a sentence, `noun` sits inside one. */
export const POOL_LABELS: Record<PoolKind, { name: string; noun: string; unit: string }> = {
  power: { name: 'Listrik', noun: 'listrik', unit: 'W' },
  ups: { name: 'UPS', noun: 'UPS', unit: 'W' },
  genset: { name: 'Genset', noun: 'genset', unit: 'W' },
  bandwidth: { name: 'Bandwidth', noun: 'bandwidth', unit: 'Mbps' },
};

/** Server power draws on mains, UPS and genset alike. */
function amountNeeded(kind: PoolKind, needs: CapacityNeeds): number {
  return kind === 'bandwidth' ? needs.bandwidthMbps : needs.powerWatts;
}

// --- rack geometry -------------------------------------------------------------------------------

export interface UnitBlock {
  startUnit: number;
  units: number;
}

/** The runs of free units in a rack, lowest first. */
export function freeBlocks(totalUnits: number, usedUnits: readonly number[]): UnitBlock[] {
  const used = new Set(usedUnits);
  const blocks: UnitBlock[] = [];
  for (let unit = 1; unit <= totalUnits; unit++) {
    if (used.has(unit)) continue;
    const last = blocks[blocks.length - 1];
    if (last && last.startUnit + last.units === unit) last.units++;
    else blocks.push({ startUnit: unit, units: 1 });
  }
  return blocks;
}

export function largestFreeBlock(totalUnits: number, usedUnits: readonly number[]): number {
  return Math.max(0, ...freeBlocks(totalUnits, usedUnits).map((b) => b.units));
}

function unitRange(startUnit: number, units: number): number[] {
  return Array.from({ length: units }, (_, i) => startUnit + i);
}

function unitLabel(startUnit: number, units: number): string {
  return units === 1 ? `U${startUnit}` : `U${startUnit}–U${startUnit + units - 1}`;
}

// --- proposal ------------------------------------------------------------------------------------

async function checkInfrastructureCapacity(needs: CapacityNeeds): Promise<CapacityProposal> {
  // Separate reads, not a snapshot: a proposal is advice, and reserveCapacity checks again as it takes.
  const [racks, pools, freeIpCount, lowestFreeIp] = await Promise.all([
    Rack.find().sort({ _id: 1 }).lean(),
    ResourcePool.find().lean(),
    IpAddress.countDocuments({ reservationId: null }),
    IpAddress.findOne({ reservationId: null }).sort({ ipNumber: 1 }).lean(),
  ]);
  const freeIn = (kind: PoolKind) => pools.find((p) => p._id === kind)?.free ?? 0;
  const free = {
    rackUnitsLargestBlock: Math.max(0, ...racks.map((r) => largestFreeBlock(r.totalUnits, r.usedUnits))),
    powerWatts: freeIn('power'),
    upsWatts: freeIn('ups'),
    gensetWatts: freeIn('genset'),
    bandwidthMbps: freeIn('bandwidth'),
    ipAddresses: freeIpCount,
  };

  const fit = firstFit(racks, needs.rackUnits);
  const shortages: string[] = [];
  if (!fit) shortages.push(`Ruang rak: butuh ${needs.rackUnits}U, tersedia paling banyak ${free.rackUnitsLargestBlock}U berurutan`);
  for (const kind of POOL_KINDS) {
    const { name, unit } = POOL_LABELS[kind];
    const [need, available] = [amountNeeded(kind, needs), freeIn(kind)];
    if (available < need) shortages.push(`${name}: butuh ${need} ${unit}, tersedia ${available} ${unit}`);
  }
  if (!lowestFreeIp) shortages.push('Alamat IP: tidak ada alamat IP yang tersedia');
  if (!fit || !lowestFreeIp || shortages.length > 0) return { available: false, shortages, free };

  const { rack, block } = fit;
  const placement = {
    rackId: rack._id, rackName: rack.name, noc: rack.noc, location: rack.location,
    startUnit: block.startUnit, units: needs.rackUnits, ipAddress: lowestFreeIp._id,
  };
  return { available: true, shortages, free, placement };
}

/** The first rack (racks in _id order) with room, at its lowest start unit. */
function firstFit<R extends { totalUnits: number; usedUnits: number[] }>(racks: R[], units: number): { rack: R; block: UnitBlock } | undefined {
  for (const rack of racks) {
    const block = freeBlocks(rack.totalUnits, rack.usedUnits).find((b) => b.units >= units);
    if (block) return { rack, block };
  }
  return undefined;
}

// --- taking and giving back ----------------------------------------------------------------------

type Step = { ok: true } | { ok: false; reason: string };
const OK: Step = { ok: true };

async function takeRackUnits(reservationId: string, rackId: string, startUnit: number, units: number): Promise<Step> {
  if (await Rack.exists({ 'allocations.reservationId': reservationId })) return OK;
  const rack = await Rack.findById(rackId).lean();
  if (!rack) return { ok: false, reason: `Rak ${rackId} tidak terdaftar` };
  const endUnit = startUnit + units - 1;
  if (!Number.isInteger(startUnit) || startUnit < 1 || endUnit > rack.totalUnits) {
    return { ok: false, reason: `${unitLabel(startUnit, units)} di luar ${rack.name} (${rack.totalUnits}U)` };
  }
  const wanted = unitRange(startUnit, units);
  const taken = await Rack.updateOne(
    // FerretDB ignores `'allocations.reservationId': { $ne: id }` on an array of subdocuments
    // (it matches anyway); $nor of the positive match is the equivalent it gets right.
    { _id: rackId, totalUnits: { $gte: endUnit }, usedUnits: { $nin: wanted }, $nor: [{ 'allocations.reservationId': reservationId }] },
    { $push: { usedUnits: { $each: wanted }, allocations: { reservationId, startUnit, units } } },
  );
  if (taken.modifiedCount === 1) return OK;
  return { ok: false, reason: `${unitLabel(startUnit, units)} di ${rack.name} sudah terpakai` };
}

async function takeIpAddress(reservationId: string, wanted: string | undefined): Promise<Step> {
  if (await IpAddress.exists({ reservationId })) return OK;
  const assign = { $set: { reservationId, assignedAt: new Date() } };
  if (wanted) {
    const taken = await IpAddress.findOneAndUpdate({ _id: wanted, reservationId: null }, assign);
    if (taken) return OK;
    const known = await IpAddress.exists({ _id: wanted });
    return { ok: false, reason: known ? `Alamat IP ${wanted} tidak tersedia` : `Alamat IP ${wanted} tidak terdaftar` };
  }
  const taken = await IpAddress.findOneAndUpdate({ reservationId: null }, assign, { sort: { ipNumber: 1 } });
  return taken ? OK : { ok: false, reason: 'Tidak ada alamat IP yang tersedia' };
}

async function takeFromPool(reservationId: string, kind: PoolKind, amount: number): Promise<Step> {
  const taken = await ResourcePool.updateOne(
    { _id: kind, free: { $gte: amount }, $nor: [{ 'holders.reservationId': reservationId }] },
    { $inc: { free: -amount }, $push: { holders: { reservationId, amount } } },
  );
  if (taken.modifiedCount === 1) return OK;
  const pool = await ResourcePool.findById(kind).lean();
  if (pool?.holders.some((h) => h.reservationId === reservationId)) return OK;
  const { name, unit } = POOL_LABELS[kind];
  return { ok: false, reason: `${name} tidak cukup: butuh ${amount} ${unit}, tersedia ${pool?.free ?? 0} ${unit}` };
}

async function takeAll(reservationId: string, needs: CapacityNeeds, placement: PlacementChoice): Promise<Step> {
  const steps = [
    () => takeRackUnits(reservationId, placement.rackId, placement.startUnit, needs.rackUnits),
    () => takeIpAddress(reservationId, placement.ipAddress),
    ...POOL_KINDS.map((kind) => () => takeFromPool(reservationId, kind, amountNeeded(kind, needs))),
  ];
  for (const step of steps) {
    const result = await step();
    if (!result.ok) return result;
  }
  return OK;
}

/** Gives back everything held under the id, found on the resources themselves; a no-op when nothing is. */
async function giveBackAll(reservationId: string): Promise<void> {
  // FerretDB's $pull ignores conditions ({ $in }, a partial subdocument) and filters never match an
  // array element by whole-subdocument equality; it does match `'array.field': value`, and $pull
  // does remove an element equal to the one given. So: find by id, remove by exact value.
  for (const rack of await Rack.find({ 'allocations.reservationId': reservationId }).lean()) {
    for (const a of rack.allocations.filter((x) => x.reservationId === reservationId)) {
      const allocation = { reservationId: a.reservationId, startUnit: a.startUnit, units: a.units };
      await Rack.updateOne(
        { _id: rack._id, 'allocations.reservationId': reservationId },
        { $pullAll: { usedUnits: unitRange(a.startUnit, a.units) }, $pull: { allocations: allocation } },
      );
    }
  }
  for (const pool of await ResourcePool.find({ 'holders.reservationId': reservationId }).lean()) {
    for (const h of pool.holders.filter((x) => x.reservationId === reservationId)) {
      const holder = { reservationId: h.reservationId, amount: h.amount };
      await ResourcePool.updateOne(
        { _id: pool._id, 'holders.reservationId': reservationId },
        { $inc: { free: h.amount }, $pull: { holders: holder } },
      );
    }
  }
  await IpAddress.updateMany({ reservationId }, { $set: { reservationId: null, assignedAt: null } });
}

// --- reservations --------------------------------------------------------------------------------

type StoredReservation = ReservationDoc & { _id: string };

/** The reservation as the workflow sees it, with the rack's labels for the approval form. */
export async function reservationView(r: StoredReservation, rack?: { name: string; noc: string; location: string } | null): Promise<ReservationView> {
  const labels = rack === undefined ? await Rack.findById(r.rackId).lean() : rack;
  return {
    reservationId: r._id,
    status: r.status as ReservationView['status'],
    needs: { rackUnits: r.needs.rackUnits, powerWatts: r.needs.powerWatts, bandwidthMbps: r.needs.bandwidthMbps },
    rackId: r.rackId,
    rackName: labels?.name ?? r.rackId,
    noc: labels?.noc ?? '',
    location: labels?.location ?? '',
    startUnit: r.startUnit,
    units: r.units,
    ipAddress: r.ipAddress,
    heldAt: r.heldAt.toISOString(),
    ...(r.installedAt && { installedAt: r.installedAt.toISOString() }),
    ...(r.releasedAt && { releasedAt: r.releasedAt.toISOString() }),
    ...(r.releaseReason && { releaseReason: r.releaseReason }),
  };
}

async function reserveCapacity(input: ReserveCapacityInput): Promise<ReserveCapacityResult> {
  const { reservationId, needs, placement } = input;
  return withCapacityLock(async () => {
    const existing = await Reservation.findById(reservationId).lean();
    if (existing && existing.status !== 'released') return { ok: true, reservation: await reservationView(existing) };

    let outcome: Step;
    try {
      outcome = await takeAll(reservationId, needs, placement);
    } catch (error) {
      await giveBackAll(reservationId).catch(() => undefined); // the error below is the one to report
      throw error;
    }
    if (!outcome.ok) {
      await giveBackAll(reservationId);
      return outcome;
    }

    // Read back what is held rather than trusting the input: a retry may find an earlier attempt's hold.
    const [rack, ip] = await Promise.all([
      Rack.findOne({ 'allocations.reservationId': reservationId }).lean(),
      IpAddress.findOne({ reservationId }).lean(),
    ]);
    const allocation = rack?.allocations.find((a) => a.reservationId === reservationId);
    if (!rack || !allocation || !ip) throw new Error(`capacity for ${reservationId} was taken but is not found`);
    const reservation: StoredReservation = {
      _id: reservationId,
      status: 'held',
      needs: { rackUnits: needs.rackUnits, powerWatts: needs.powerWatts, bandwidthMbps: needs.bandwidthMbps },
      rackId: rack._id,
      startUnit: allocation.startUnit,
      units: allocation.units,
      ipAddress: ip._id,
      heldAt: new Date(),
    };
    await Reservation.replaceOne({ _id: reservationId }, reservation, { upsert: true });
    return { ok: true, reservation: await reservationView(reservation, rack) };
  });
}

async function releaseCapacity(input: ReleaseCapacityInput): Promise<void> {
  await withCapacityLock(async () => {
    const reservation = await Reservation.findById(input.reservationId).lean();
    // Installed servers keep their place until they are decommissioned, which is not this.
    if (reservation?.status === 'installed') return;
    await giveBackAll(input.reservationId);
    if (reservation?.status === 'held') {
      await Reservation.updateOne(
        { _id: input.reservationId },
        { $set: { status: 'released', releasedAt: new Date(), releaseReason: input.reason } },
      );
    }
  });
}

async function markCapacityInstalled(reservationId: string): Promise<ReservationView> {
  return withCapacityLock(async () => {
    const reservation = await Reservation.findById(reservationId).lean();
    if (!reservation) {
      throw ApplicationFailure.nonRetryable(`Reservasi kapasitas ${reservationId} tidak ditemukan`, 'CapacityReservationNotFound');
    }
    if (reservation.status === 'released') {
      throw ApplicationFailure.nonRetryable(`Reservasi kapasitas ${reservationId} sudah dilepas`, 'CapacityReservationReleased');
    }
    if (reservation.status === 'installed') return reservationView(reservation);
    const installedAt = new Date();
    await Reservation.updateOne({ _id: reservationId }, { $set: { status: 'installed', installedAt } });
    return reservationView({ ...reservation, status: 'installed', installedAt });
  });
}

// Mongoose models are module-level, so these activities need nothing injected.
export function createCapacityActivities() {
  return { checkInfrastructureCapacity, reserveCapacity, releaseCapacity, markCapacityInstalled };
}

export type CapacityActivities = ReturnType<typeof createCapacityActivities>;
