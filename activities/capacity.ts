// Kapasitas infrastruktur: what is free, where a request's servers would go, and holding it.
//
// A reservation takes its resources each in its own document (rack units, an IP address, power, UPS,
// genset, bandwidth), each with one conditional update that checks and takes, and gives back all it
// took when one falls short, so nothing leaks without multi-document transactions.
// Every resource records its holder by reservation id, which makes each step idempotent: a retried
// activity finds what it already holds instead of taking it twice. The conditional updates are not
// atomic on FerretDB 1.24, so every change runs under the capacity lock (see capacityLock.ts).
//
// Only what the agency's SOP counts (its profile's capacity dimensions) can fall short or is held: a
// pool the SOP does not name is reported but never blocks a case, and an address the SOP does not
// count is given at installation (capacityInstallation.ts).
//
// A capacity check promises its placement to the case that asked (capacity_proposals), so cases
// checked side by side are proposed different units and addresses; the reservation turns the
// promise into a hold, or takes the next placement that fits when the one asked for is gone.
import type {
  CapacityProposal,
  CheckCapacityInput,
  PlacementChoice,
  PoolKind,
  ReleaseCapacityInput,
  ReserveCapacityInput,
  ReserveCapacityResult,
} from '../shared/capacity';
import { allFinished } from '../shared/allFinished';
import { IpAddress, POOL_KINDS, Rack, Reservation, ResourcePool } from '../shared/db/capacity';
import { withCapacityLock } from '../shared/db/capacityLock';
import { CapacityProposalHold } from '../shared/db/capacityProposal';
import type { CapacityDimension } from '../shared/profile/schema';
import type { CapacityNeeds } from '../shared/request';
import { assignIpAddress } from './capacityInstallation';
import { amountNeeded, assess, Assessment, counts, ipRefusal, loadOccupancy, Occupancy, POOL_LABELS, unitLabel, unitRange, unitsRefusal } from './capacityPlacement';
import { reservationView, StoredReservation } from './capacityView';

// --- proposal ------------------------------------------------------------------------------------


function sameDimensions(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return !!a && a.length === b.length && b.every((d) => a.includes(d));
}

async function checkInfrastructureCapacity(input: CheckCapacityInput): Promise<CapacityProposal> {
  const { needs, dimensions } = input;
  const caseId = input.caseId;
  // Without a case there is nobody to promise anything to: the answer is advice only.
  if (!caseId) return proposalFrom(assess(await loadOccupancy(undefined), needs, dimensions, { units: [], ips: [] }));
  return withCapacityLock(async () => {
    // Read side by side: the lock is held meanwhile, and the occupancy leaves this case's own proposal out.
    const [own, occ] = await Promise.all([CapacityProposalHold.findById(caseId).lean(), loadOccupancy(caseId)]);
    // A retry (or a second check) keeps the case's own proposal while it still fits.
    const keep = own && own.units === needs.rackUnits && own.powerWatts === needs.powerWatts && own.bandwidthMbps === needs.bandwidthMbps && sameDimensions(own.dimensions ?? undefined, dimensions) ? own : undefined;
    const preferred = keep ? { units: [{ rackId: keep.rackId, startUnit: keep.startUnit }], ips: [keep.ipAddress ?? undefined] } : { units: [], ips: [] };
    const assessment = assess(occ, needs, dimensions, preferred);
    const { placement } = assessment;
    if (placement) {
      const hold = {
        _id: caseId, rackId: placement.rackId, startUnit: placement.startUnit, units: placement.units, ...(placement.ipAddress && { ipAddress: placement.ipAddress }),
        powerWatts: needs.powerWatts, bandwidthMbps: needs.bandwidthMbps, dimensions, proposedAt: own?.proposedAt ?? new Date(),
      };
      await CapacityProposalHold.replaceOne({ _id: caseId }, hold, { upsert: true });
    } else if (own) {
      await CapacityProposalHold.deleteOne({ _id: caseId });
    }
    return proposalFrom(assessment);
  });
}

function proposalFrom({ free, shortages, placement }: Assessment): CapacityProposal {
  return placement ? { available: true, shortages, free, placement } : { available: false, shortages, free };
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

/** Called after everything the reservation held was given back (giveBackAll), so it holds no address. */
async function takeIpAddress(reservationId: string, wanted: string | undefined): Promise<Step> {
  if (!wanted) return { ok: false, reason: 'Tidak ada alamat IP yang tersedia' };
  // A read and a write by _id, each answered from an index: a filter with a second field would make
  // FerretDB decode every address, and its conditional updates are not atomic anyway (the capacity
  // lock is what makes this safe).
  const address = await IpAddress.findById(wanted, { reservationId: 1 }).lean();
  if (!address) return { ok: false, reason: `Alamat IP ${wanted} tidak terdaftar` };
  if (address.reservationId !== null && address.reservationId !== reservationId) return { ok: false, reason: `Alamat IP ${wanted} tidak tersedia` };
  await IpAddress.updateOne({ _id: wanted }, { $set: { reservationId, assignedAt: new Date() } });
  return OK;
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

/**
 * Takes what the SOP counts: a pool it does not count is left alone, and so is an address. Each
 * resource is its own document, so they are taken side by side (the lock is held meanwhile); the
 * caller gives everything back when one falls short, and the first refusal in this order is the one told.
 */
async function takeAll(reservationId: string, needs: CapacityNeeds, dimensions: readonly CapacityDimension[], placement: PlacementChoice): Promise<Step> {
  const steps = await allFinished([
    takeRackUnits(reservationId, placement.rackId, placement.startUnit, needs.rackUnits),
    ...(counts(dimensions, 'ipAddress') ? [takeIpAddress(reservationId, placement.ipAddress)] : []),
    ...POOL_KINDS.filter((kind) => counts(dimensions, kind)).map((kind) => takeFromPool(reservationId, kind, amountNeeded(kind, needs))),
  ]);
  return steps.find((step) => !step.ok) ?? OK;
}

/**
 * Gives back everything held under the id, found on the resources themselves; a no-op when nothing is.
 * Callers hold the capacity lock (a withdrawal's release too: activities/placement/release.ts).
 */
export async function giveBackAll(reservationId: string): Promise<void> {
  // FerretDB's $pull ignores conditions ({ $in }, a partial subdocument) and filters never match an
  // array element by whole-subdocument equality; it does match `'array.field': value`, and $pull
  // does remove an element equal to the one given. So: find by id, remove by exact value.
  // Racks, pools and addresses are separate documents: given back side by side.
  const racks = async (): Promise<void> => {
    for (const rack of await Rack.find({ 'allocations.reservationId': reservationId }).lean()) {
      for (const a of rack.allocations.filter((x) => x.reservationId === reservationId)) {
        const allocation = { reservationId: a.reservationId, startUnit: a.startUnit, units: a.units };
        await Rack.updateOne(
          { _id: rack._id, 'allocations.reservationId': reservationId },
          { $pullAll: { usedUnits: unitRange(a.startUnit, a.units) }, $pull: { allocations: allocation } },
        );
      }
    }
  };
  const pools = async (): Promise<void> => {
    for (const pool of await ResourcePool.find({ 'holders.reservationId': reservationId }).lean()) {
      for (const h of pool.holders.filter((x) => x.reservationId === reservationId)) {
        const holder = { reservationId: h.reservationId, amount: h.amount };
        await ResourcePool.updateOne(
          { _id: pool._id, 'holders.reservationId': reservationId },
          { $inc: { free: h.amount }, $pull: { holders: holder } },
        );
      }
    }
  };
  await allFinished<unknown>([racks(), pools(), IpAddress.updateMany({ reservationId }, { $set: { reservationId: null, assignedAt: null } }).exec()]);
}

// --- reservations --------------------------------------------------------------------------------

async function reserveCapacity(input: ReserveCapacityInput): Promise<ReserveCapacityResult> {
  const { reservationId, needs, dimensions, placement } = input;
  return withCapacityLock(async () => {
    const [existing, own] = await Promise.all([Reservation.findById(reservationId).lean(), CapacityProposalHold.findById(reservationId).lean()]);
    if (existing && existing.status !== 'released') {
      await CapacityProposalHold.deleteOne({ _id: reservationId }); // a retry after the reservation was written
      return { ok: true, reservation: await reservationView(existing) };
    }
    // What an attempt that crashed half-way took is given back first, so it does not count against
    // this one. The occupancy shows whether there is any: a first attempt skips the give-back's reads.
    let occ = await loadOccupancy(reservationId);
    if (occ.holdsOwn) {
      await giveBackAll(reservationId);
      occ = await loadOccupancy(reservationId);
    }

    // The placement asked for, else the case's own proposal, else the next free placement that fits:
    // a placement taken meanwhile (a lost race, an override onto taken units) never ends a case while
    // there is room elsewhere.
    const assessment = assess(occ, needs, dimensions, {
      units: [placement, ...(own ? [{ rackId: own.rackId, startUnit: own.startUnit }] : [])],
      ips: [placement.ipAddress, own?.ipAddress ?? undefined],
    });
    const unitsRefused = unitsRefusal(occ, placement, needs.rackUnits);
    const chosen = assessment.placement;
    if (!chosen) return { ok: false, reason: [...(unitsRefused ? [unitsRefused] : []), ...assessment.shortages].join('; ') };

    let outcome: Step;
    try {
      outcome = await takeAll(reservationId, needs, dimensions, chosen);
    } catch (error) {
      await giveBackAll(reservationId).catch(() => undefined); // the error below is the one to report
      throw error;
    }
    if (!outcome.ok) {
      await giveBackAll(reservationId);
      return outcome;
    }

    // Read back what is held rather than trusting the choice: the resources are the truth.
    const [rack, held] = await Promise.all([
      Rack.findOne({ 'allocations.reservationId': reservationId }).lean(),
      chosen.ipAddress ? IpAddress.findById(chosen.ipAddress).lean() : undefined,
    ]);
    const ip = held?.reservationId === reservationId ? held : undefined;
    const allocation = rack?.allocations.find((a) => a.reservationId === reservationId);
    if (!rack || !allocation || (chosen.ipAddress && !ip)) throw new Error(`capacity for ${reservationId} was taken but is not found`);
    const note = substitutionNote(occ, placement, needs.rackUnits, { rackName: rack.name, startUnit: allocation.startUnit, ipAddress: ip?._id });
    const reservation: StoredReservation = {
      _id: reservationId,
      status: 'held',
      needs: { rackUnits: needs.rackUnits, powerWatts: needs.powerWatts, bandwidthMbps: needs.bandwidthMbps },
      rackId: rack._id,
      startUnit: allocation.startUnit,
      units: allocation.units,
      ...(ip && { ipAddress: ip._id }),
      heldAt: new Date(),
      ...(note && { note }),
    };
    // The proposal has become the reservation. Side by side: a retry after either finds what it
    // needs (the reservation written, or the resources held and the placement asked for in its input).
    await allFinished<unknown>([Reservation.replaceOne({ _id: reservationId }, reservation, { upsert: true }).exec(), CapacityProposalHold.deleteOne({ _id: reservationId }).exec()]);
    return { ok: true, reservation: await reservationView(reservation, rack) };
  });
}

/** Says why the reservation is not where it was asked to be, for staff and the audit trail. */
function substitutionNote(occ: Occupancy, asked: PlacementChoice, units: number, got: { rackName: string; startUnit: number; ipAddress: string | undefined }): string | undefined {
  const lines: string[] = [];
  const unitsRefused = unitsRefusal(occ, asked, units);
  if (unitsRefused) lines.push(`${unitsRefused}; dicadangkan ${got.rackName} ${unitLabel(got.startUnit, units)}`);
  // Without a held address (the SOP does not count them) the asked one waits for installation.
  const ipRefused = asked.ipAddress && got.ipAddress && asked.ipAddress !== got.ipAddress ? ipRefusal(occ, asked.ipAddress) : undefined;
  if (ipRefused) lines.push(`${ipRefused}; dicadangkan ${got.ipAddress}`);
  return lines.length > 0 ? lines.join('. ') : undefined;
}

async function releaseCapacity(input: ReleaseCapacityInput): Promise<void> {
  await withCapacityLock(async () => {
    const reservation = await Reservation.findById(input.reservationId).lean();
    // Installed servers keep their place until they are decommissioned, which is not this.
    if (reservation?.status === 'installed') return;
    await giveBackAll(input.reservationId);
    await CapacityProposalHold.deleteOne({ _id: input.reservationId });
    if (reservation?.status === 'held') {
      await Reservation.updateOne(
        { _id: input.reservationId },
        { $set: { status: 'released', releasedAt: new Date(), releaseReason: input.reason } },
      );
    }
  });
}

// Mongoose models are module-level, so these activities need nothing injected.
export function createCapacityActivities() {
  return { checkInfrastructureCapacity, reserveCapacity, releaseCapacity, assignIpAddress };
}

export type CapacityActivities = ReturnType<typeof createCapacityActivities>;
