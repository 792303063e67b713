// Where a case's servers can go, as that case sees the data center: what reservations hold and what
// was proposed to other open cases are both out of reach. The capacity check and the reservation
// decide with the same rules, so a placement proposed to one case is never proposed to another, and
// a reservation that lost its placement finds the next one that fits.
import type { FreeCapacity, Placement, PoolKind } from '../shared/capacity';
import { IpAddress, POOL_KINDS, Rack, Reservation, ResourcePool } from '../shared/db/capacity';
import { CapacityProposalDoc, CapacityProposalHold } from '../shared/db/capacityProposal';
import { RequestRecord } from '../shared/db/requestRecord';
import { RequestSummaryRecord } from '../shared/db/requestSummary';
import { capacityDimensions, type CapacityDimension } from '../shared/profile/schema';
import type { CapacityNeeds } from '../shared/request';

/** How each pool is named to a person: `name` starts a sentence, `noun` sits inside one. */
export const POOL_LABELS: Record<PoolKind, { name: string; noun: string; unit: string }> = {
  power: { name: 'Listrik', noun: 'listrik', unit: 'W' },
  ups: { name: 'UPS', noun: 'UPS', unit: 'W' },
  genset: { name: 'Genset', noun: 'genset', unit: 'W' },
  bandwidth: { name: 'Bandwidth', noun: 'bandwidth', unit: 'Mbps' },
};

/**
 * What a capacity check counts: the SOP's own list. A placement is a block of rack units whatever
 * the list says, so space is always counted (every seed SOP names "tempat" anyway).
 */
export function counts(dimensions: readonly CapacityDimension[], dimension: CapacityDimension): boolean {
  return dimension === 'space' || dimensions.includes(dimension);
}

/** The dimensions a stored proposal promised; one written before dimensions existed promised all. */
function promisedDimensions(p: CapacityProposalDoc): readonly CapacityDimension[] {
  return p.dimensions && p.dimensions.length > 0 ? p.dimensions : capacityDimensions;
}

/** Server power draws on mains, UPS and genset alike. */
export function amountNeeded(kind: PoolKind, needs: Pick<CapacityNeeds, 'powerWatts' | 'bandwidthMbps'>): number {
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

export function unitRange(startUnit: number, units: number): number[] {
  return Array.from({ length: units }, (_, i) => startUnit + i);
}

export function unitLabel(startUnit: number, units: number): string {
  return units === 1 ? `U${startUnit}` : `U${startUnit}–U${startUnit + units - 1}`;
}

// --- what a case can have ------------------------------------------------------------------------

interface RackRoom {
  _id: string;
  name: string;
  noc: string;
  location: string;
  totalUnits: number;
  /** Units held by a reservation or proposed to another open case. */
  blocked: number[];
}

export interface AddressHold {
  _id: string;
  reservationId: string | null;
}

export interface Occupancy {
  racks: RackRoom[];
  /** Free in each pool, less what was proposed to other open cases. */
  pools: Record<PoolKind, number>;
  /** Addresses proposed to other open cases (free in the pool, but promised). */
  promisedIps: string[];
  /** Every registered address and its holder, lowest address first. */
  ips: Map<string, AddressHold>;
  /** Whether the case itself holds rack units, a pool's amount or an address (an attempt that stopped half-way). */
  holdsOwn: boolean;
}

/**
 * Whether a case has closed, from its summary: a document of a few hundred bytes where the record is
 * tens of kilobytes, which FerretDB decodes whole whatever the projection (3.9 against 0.7 ms of its
 * CPU), under the capacity lock. The summary is written right after the record, so at worst it calls
 * a case open a moment longer, which only keeps its proposal binding. A case recorded before
 * summaries existed is asked of its record.
 */
async function hasClosed(caseId: string): Promise<boolean> {
  const summary = await RequestSummaryRecord.findById(caseId, { status: 1 }).lean();
  const status = summary ? summary.status : (await RequestRecord.findById(caseId, { status: 1 }).lean())?.status;
  return status !== undefined && status !== 'inProgress';
}

/**
 * Proposals of other cases that still bind: their case is open (not closed) and has not reserved
 * yet. A proposal of a closed case binds nothing even before the reconciler removes it.
 */
export async function bindingProposals(exceptCaseId?: string): Promise<CapacityProposalDoc[]> {
  const all = (await CapacityProposalHold.find(exceptCaseId ? { _id: { $ne: exceptCaseId } } : {}).lean()) as CapacityProposalDoc[];
  // Looked up one by one by _id: the one lookup FerretDB answers from an index, where a filter on
  // the cases' summaries would decode every case ever recorded.
  const binding = await Promise.all(
    all.map(async (p) => {
      const [closed, reservation] = await Promise.all([hasClosed(p._id), Reservation.findById(p._id, { status: 1 }).lean()]);
      const reserved = reservation && (reservation.status === 'held' || reservation.status === 'installed');
      return !closed && !reserved;
    }),
  );
  return all.filter((_, i) => binding[i]);
}

/** Every address and its holder, lowest first: one read, where each question about addresses was one. */
async function loadAddresses(): Promise<Map<string, AddressHold>> {
  const rows = await IpAddress.find({}, { _id: 1, ipNumber: 1, reservationId: 1 }).lean();
  rows.sort((a, b) => a.ipNumber - b.ipNumber);
  return new Map(rows.map((r) => [r._id, { _id: r._id, reservationId: r.reservationId ?? null }]));
}

/** The data center as the case `caseId` sees it (undefined: as a case with no proposal would). */
export async function loadOccupancy(caseId: string | undefined): Promise<Occupancy> {
  const [racks, pools, others, ips] = await Promise.all([Rack.find().sort({ _id: 1 }).lean(), ResourcePool.find().lean(), bindingProposals(caseId), loadAddresses()]);
  const promised = (kind: PoolKind) => others.reduce((sum, p) => sum + (counts(promisedDimensions(p), kind) ? amountNeeded(kind, p) : 0), 0);
  return {
    racks: racks.map((rack) => ({
      _id: rack._id,
      name: rack.name,
      noc: rack.noc,
      location: rack.location,
      totalUnits: rack.totalUnits,
      blocked: [...rack.usedUnits, ...others.filter((p) => p.rackId === rack._id).flatMap((p) => unitRange(p.startUnit, p.units))],
    })),
    pools: Object.fromEntries(POOL_KINDS.map((kind) => [kind, Math.max(0, (pools.find((p) => p._id === kind)?.free ?? 0) - promised(kind))])) as Record<PoolKind, number>,
    promisedIps: others.flatMap((p) => (p.ipAddress ? [p.ipAddress] : [])),
    ips,
    holdsOwn:
      caseId !== undefined &&
      (racks.some((rack) => rack.allocations.some((a) => a.reservationId === caseId)) ||
        pools.some((pool) => pool.holders.some((h) => h.reservationId === caseId)) ||
        [...ips.values()].some((ip) => ip.reservationId === caseId)),
  };
}

export interface UnitChoice {
  rackId: string;
  startUnit: number;
}

/** Why these units cannot be had, or undefined when they can. */
export function unitsRefusal(occ: Occupancy, wanted: UnitChoice, units: number): string | undefined {
  const rack = occ.racks.find((r) => r._id === wanted.rackId);
  if (!rack) return `Rak ${wanted.rackId} tidak terdaftar`;
  const endUnit = wanted.startUnit + units - 1;
  if (!Number.isInteger(wanted.startUnit) || wanted.startUnit < 1 || endUnit > rack.totalUnits) {
    return `${unitLabel(wanted.startUnit, units)} di luar ${rack.name} (${rack.totalUnits}U)`;
  }
  const blocked = new Set(rack.blocked);
  if (unitRange(wanted.startUnit, units).some((u) => blocked.has(u))) return `${unitLabel(wanted.startUnit, units)} di ${rack.name} sudah terpakai`;
  return undefined;
}

/** The first of `preferred` that is free, else the first rack (in _id order) with room at its lowest start unit. */
export function chooseUnits(occ: Occupancy, units: number, preferred: UnitChoice[]): UnitChoice | undefined {
  const free = preferred.find((p) => !unitsRefusal(occ, p, units));
  if (free) return free;
  for (const rack of occ.racks) {
    const block = freeBlocks(rack.totalUnits, rack.blocked).find((b) => b.units >= units);
    if (block) return { rackId: rack._id, startUnit: block.startUnit };
  }
  return undefined;
}

/** Why this address cannot be had, or undefined when it can. */
export function ipRefusal(occ: Occupancy, ip: string): string | undefined {
  const address = occ.ips.get(ip);
  if (!address) return `Alamat IP ${ip} tidak terdaftar`;
  if (address.reservationId !== null || occ.promisedIps.includes(ip)) return `Alamat IP ${ip} tidak tersedia`;
  return undefined;
}

/** The addresses nobody holds or was promised, lowest first. */
function freeAddresses(occ: Occupancy): string[] {
  const promised = new Set(occ.promisedIps);
  return [...occ.ips.values()].filter((a) => a.reservationId === null && !promised.has(a._id)).map((a) => a._id);
}

/** The first of `preferred` that is free, else the lowest free address nobody was promised. */
export function chooseIp(occ: Occupancy, preferred: (string | undefined)[]): string | undefined {
  return preferred.find((ip) => ip && !ipRefusal(occ, ip)) ?? freeAddresses(occ)[0];
}

export interface Assessment {
  free: FreeCapacity;
  /** One line per counted dimension that falls short, in Bahasa Indonesia. */
  shortages: string[];
  /** Present only when no counted dimension falls short. */
  placement?: Placement;
}

/**
 * Whether the needs fit in the dimensions the SOP counts, what is free in every dimension, and where
 * the servers would go (trying `preferred` first). An address is chosen only when addresses are counted.
 */
export function assess(occ: Occupancy, needs: CapacityNeeds, dimensions: readonly CapacityDimension[], preferred: { units: UnitChoice[]; ips: (string | undefined)[] }): Assessment {
  const countsIps = counts(dimensions, 'ipAddress');
  const units = chooseUnits(occ, needs.rackUnits, preferred.units);
  const ip = countsIps ? chooseIp(occ, preferred.ips) : undefined;
  const freeIps = freeAddresses(occ).length;
  const free: FreeCapacity = {
    rackUnitsLargestBlock: Math.max(0, ...occ.racks.map((r) => largestFreeBlock(r.totalUnits, r.blocked))),
    powerWatts: occ.pools.power,
    upsWatts: occ.pools.ups,
    gensetWatts: occ.pools.genset,
    bandwidthMbps: occ.pools.bandwidth,
    ipAddresses: freeIps,
  };
  const shortages: string[] = [];
  if (!units) shortages.push(`Ruang rak: butuh ${needs.rackUnits}U, tersedia paling banyak ${free.rackUnitsLargestBlock}U berurutan`);
  for (const kind of POOL_KINDS.filter((k) => counts(dimensions, k))) {
    const { name, unit } = POOL_LABELS[kind];
    const [need, available] = [amountNeeded(kind, needs), occ.pools[kind]];
    if (available < need) shortages.push(`${name}: butuh ${need} ${unit}, tersedia ${available} ${unit}`);
  }
  if (countsIps && !ip) shortages.push('Alamat IP: tidak ada alamat IP yang tersedia');
  if (!units || shortages.length > 0) return { free, shortages };
  const rack = occ.racks.find((r) => r._id === units.rackId)!;
  return {
    free,
    shortages,
    placement: { rackId: rack._id, rackName: rack.name, noc: rack.noc, location: rack.location, startUnit: units.startUnit, units: needs.rackUnits, ...(ip && { ipAddress: ip }) },
  };
}
