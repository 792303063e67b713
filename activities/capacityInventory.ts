// Keeping the capacity inventory: racks, pool totals and IP addresses, for the admin API and for
// seeding a fresh installation. Changes run under the same lock as reservations, so an operator's
// edit never races a reservation (FerretDB 1.24 has no atomic conditional update; see capacityLock.ts).
import type { PoolKind, ReservationView } from '../shared/capacity';
import { IpAddress, POOL_KINDS, Rack, Reservation, ResourcePool } from '../shared/db/capacity';
import { withCapacityLock } from '../shared/db/capacityLock';
import { reservationView } from './capacityView';
import { bindingProposals, freeBlocks, POOL_LABELS } from './capacityPlacement';

/** A refused inventory change; the message is for the operator, in Bahasa Indonesia. */
export class CapacityInventoryError extends Error {
  override name = 'CapacityInventoryError';
}

export interface RackInput {
  _id: string;
  name: string;
  noc: string;
  location: string;
  totalUnits: number;
}

export interface RackSummary extends RackInput {
  /** How many units are held, and how many are free. */
  usedUnits: number;
  freeUnits: number;
  largestFreeBlock: number;
  allocations: { reservationId: string; startUnit: number; units: number }[];
}

export interface PoolSummary {
  kind: PoolKind;
  total: number;
  free: number;
  held: number;
}

export interface InventorySummary {
  racks: RackSummary[];
  pools: PoolSummary[];
  ipAddresses: { total: number; free: number; held: number };
  /** Reservations that hold capacity: held or installed. */
  reservations: ReservationView[];
  /** Placements proposed to open cases that have not reserved yet: no other case is proposed them. */
  proposals: { requestNumber: string; rackId: string; startUnit: number; units: number; ipAddress?: string; proposedAt: string }[];
}

const MAX_RACK_UNITS = 60;
const MAX_ADDRESSES_AT_ONCE = 4096;

// --- racks ---------------------------------------------------------------------------------------

export async function upsertRack(input: RackInput): Promise<RackSummary> {
  return withCapacityLock(() => upsertRackLocked(input));
}

async function upsertRackLocked(input: RackInput): Promise<RackSummary> {
  const { _id, name, noc, location, totalUnits } = input;
  if (!_id.trim()) throw new CapacityInventoryError('Kode rak wajib diisi');
  if (!Number.isInteger(totalUnits) || totalUnits < 1 || totalUnits > MAX_RACK_UNITS) {
    throw new CapacityInventoryError(`Jumlah unit rak harus bilangan bulat 1–${MAX_RACK_UNITS}`);
  }
  const existing = await Rack.findById(_id).lean();
  if (!existing) {
    await Rack.create({ _id, name, noc, location, totalUnits, usedUnits: [], allocations: [] });
  } else {
    const highestUsed = Math.max(0, ...existing.usedUnits);
    if (highestUsed > totalUnits) {
      throw new CapacityInventoryError(`Rak ${_id} tidak dapat diperkecil menjadi ${totalUnits}U: unit U${highestUsed} sedang dipakai`);
    }
    await Rack.updateOne({ _id }, { $set: { name, noc, location, totalUnits } });
  }
  return rackSummary((await Rack.findById(_id).lean())!);
}

function rackSummary(rack: RackInput & { usedUnits: number[]; allocations: RackSummary['allocations'] }): RackSummary {
  const blocks = freeBlocks(rack.totalUnits, rack.usedUnits);
  const freeUnits = blocks.reduce((sum, b) => sum + b.units, 0);
  return {
    _id: rack._id,
    name: rack.name,
    noc: rack.noc,
    location: rack.location,
    totalUnits: rack.totalUnits,
    usedUnits: rack.totalUnits - freeUnits,
    freeUnits,
    largestFreeBlock: Math.max(0, ...blocks.map((b) => b.units)),
    allocations: rack.allocations.map((a) => ({ reservationId: a.reservationId, startUnit: a.startUnit, units: a.units })),
  };
}

// --- pools ---------------------------------------------------------------------------------------

/** Sets a pool's total; free moves by the same difference, since what is held stays held. */
export async function setPoolTotal(kind: PoolKind, total: number): Promise<PoolSummary> {
  return withCapacityLock(() => setPoolTotalLocked(kind, total));
}

async function setPoolTotalLocked(kind: PoolKind, total: number): Promise<PoolSummary> {
  if (!POOL_KINDS.includes(kind)) throw new CapacityInventoryError(`Jenis kapasitas tidak dikenal: ${kind}`);
  const { noun, unit } = POOL_LABELS[kind];
  if (!Number.isInteger(total) || total < 0) throw new CapacityInventoryError(`Total ${noun} harus bilangan bulat tidak negatif`);
  const pool = await ResourcePool.findById(kind).lean();
  if (!pool) {
    await ResourcePool.create({ _id: kind, total, free: total, holders: [] });
    return { kind, total, free: total, held: 0 };
  }
  const held = pool.total - pool.free;
  if (total < held) {
    throw new CapacityInventoryError(`Total ${noun} tidak dapat diturunkan menjadi ${total} ${unit}: ${held} ${unit} sedang dipakai`);
  }
  await ResourcePool.updateOne({ _id: kind }, { $set: { total }, $inc: { free: total - pool.total } });
  return { kind, total, free: total - held, held };
}

// --- IP addresses --------------------------------------------------------------------------------

/**
 * Adds addresses to the pool: a CIDR block ("10.20.1.0/28": its usable hosts), a range
 * ("10.20.1.10-10.20.1.60"), a single address, or a list of those. Addresses already there are skipped.
 */
export async function addIpAddresses(cidrOrList: string | string[]): Promise<{ added: string[]; skipped: string[] }> {
  const numbers = [...new Set((Array.isArray(cidrOrList) ? cidrOrList : [cidrOrList]).flatMap(expandAddresses))].sort((a, b) => a - b);
  if (numbers.length > MAX_ADDRESSES_AT_ONCE) {
    throw new CapacityInventoryError(`Terlalu banyak alamat IP sekaligus: ${numbers.length} (paling banyak ${MAX_ADDRESSES_AT_ONCE})`);
  }
  return withCapacityLock(() => addIpAddressesLocked(numbers));
}

async function addIpAddressesLocked(numbers: number[]): Promise<{ added: string[]; skipped: string[] }> {
  const addresses = numbers.map(formatIpv4);
  const existing = new Set((await IpAddress.find({ _id: { $in: addresses } }, { _id: 1 }).lean()).map((ip) => ip._id));
  const fresh = numbers.filter((n) => !existing.has(formatIpv4(n)));
  if (fresh.length > 0) {
    await IpAddress.insertMany(fresh.map((n) => ({ _id: formatIpv4(n), ipNumber: n, reservationId: null, assignedAt: null })));
  }
  return { added: fresh.map(formatIpv4), skipped: addresses.filter((a) => existing.has(a)) };
}

function expandAddresses(spec: string): number[] {
  const text = spec.trim();
  const cidr = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (cidr) {
    const prefix = Number(cidr[2]);
    if (prefix > 32) throw new CapacityInventoryError(`Blok CIDR tidak valid: ${text}`);
    const size = 2 ** (32 - prefix);
    if (size > MAX_ADDRESSES_AT_ONCE) {
      throw new CapacityInventoryError(`Blok ${text} terlalu besar (paling banyak ${MAX_ADDRESSES_AT_ONCE} alamat sekaligus)`);
    }
    const network = parseIpv4(cidr[1]!) - (parseIpv4(cidr[1]!) % size);
    // The network and broadcast addresses are not hosts, except in /31 and /32 where every address is.
    return size <= 2 ? numberRange(network, network + size - 1) : numberRange(network + 1, network + size - 2);
  }
  const range = /^([^-]+)-([^-]+)$/.exec(text);
  if (range) {
    const [first, last] = [parseIpv4(range[1]!), parseIpv4(range[2]!)];
    if (last < first || last - first >= MAX_ADDRESSES_AT_ONCE) throw new CapacityInventoryError(`Rentang alamat IP tidak valid: ${text}`);
    return numberRange(first, last);
  }
  return [parseIpv4(text)];
}

function numberRange(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function parseIpv4(text: string): number {
  const parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim())?.slice(1).map(Number);
  if (!parts || parts.some((p) => p > 255)) throw new CapacityInventoryError(`Alamat IP tidak valid: ${text.trim()}`);
  return parts.reduce((n, p) => n * 256 + p, 0);
}

function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

// --- summary and seeding -------------------------------------------------------------------------

export async function inventorySummary(): Promise<InventorySummary> {
  const [racks, pools, totalIps, freeIps, active, proposals] = await Promise.all([
    Rack.find().sort({ _id: 1 }).lean(),
    ResourcePool.find().lean(),
    IpAddress.countDocuments(),
    IpAddress.countDocuments({ reservationId: null }),
    Reservation.find({ status: { $in: ['held', 'installed'] } }).sort({ heldAt: 1 }).lean(),
    bindingProposals(),
  ]);
  const poolSummaries = POOL_KINDS.map((kind) => {
    const pool = pools.find((p) => p._id === kind);
    return { kind, total: pool?.total ?? 0, free: pool?.free ?? 0, held: (pool?.total ?? 0) - (pool?.free ?? 0) };
  });
  return {
    racks: racks.map(rackSummary),
    pools: poolSummaries,
    ipAddresses: { total: totalIps, free: freeIps, held: totalIps - freeIps },
    reservations: await Promise.all(active.map((r) => reservationView(r, racks.find((rack) => rack._id === r.rackId) ?? null))),
    proposals: proposals.map((p) => ({ requestNumber: p._id, rackId: p.rackId, startUnit: p.startUnit, units: p.units, ...(p.ipAddress && { ipAddress: p.ipAddress }), proposedAt: p.proposedAt.toISOString() })),
  };
}

const DEMO_RACKS: RackInput[] = [
  { _id: 'R01', name: 'Rak A1', noc: 'NOC Lt. 2', location: 'Ruang Server Utama', totalUnits: 42 },
  { _id: 'R02', name: 'Rak A2', noc: 'NOC Lt. 2', location: 'Ruang Server Utama', totalUnits: 42 },
];
const DEMO_POOL_TOTALS: Record<PoolKind, number> = { power: 20_000, ups: 15_000, genset: 30_000, bandwidth: 1000 };
const DEMO_IP_ADDRESSES = '10.20.1.10-10.20.1.60';

/**
 * A small inventory for a fresh installation, so `npm start` can take requests at once. Each part is
 * seeded only while its collection is empty, so an operator's own inventory is never touched.
 * Returns whether anything was seeded.
 */
export async function seedDemoInventory(): Promise<boolean> {
  return withCapacityLock(async () => {
    const [racks, pools, ips] = await Promise.all([Rack.countDocuments(), ResourcePool.countDocuments(), IpAddress.countDocuments()]);
    if (racks === 0) for (const rack of DEMO_RACKS) await upsertRackLocked(rack);
    if (pools === 0) for (const kind of POOL_KINDS) await setPoolTotalLocked(kind, DEMO_POOL_TOTALS[kind]);
    if (ips === 0) await addIpAddressesLocked(expandAddresses(DEMO_IP_ADDRESSES));
    return racks === 0 || pools === 0 || ips === 0;
  });
}
