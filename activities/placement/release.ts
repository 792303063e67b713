// The removal of a withdrawn server (pencabutan): its rack units, IP address and pool capacity go
// back in the same step that records the removal, and its asset register entries become
// "withdrawn" (never deleted). Every part is found by the placement's id on the resources
// themselves and runs under the capacity lock, so a retry or a repeated removal gives nothing back
// twice (FerretDB's conditional updates are not atomic: the lock is what serialises them).
import { Asset } from '../../shared/db/asset';
import { IpAddress, Rack, Reservation } from '../../shared/db/capacity';
import { withCapacityLock } from '../../shared/db/capacityLock';
import { giveBackAll } from '../capacity';

export interface ReleasePlacementInput {
  /** The colocation request number: the reservation's and the assets' id. */
  placementNumber: string;
  withdrawalNumber: string;
  /** When the removal was recorded (workflow time), so a retry writes the same. */
  at: string;
}

export interface ReleasePlacementResult {
  rackId?: string;
  units?: string;
  ipAddress?: string;
  assetIds: string[];
  /** True when an earlier attempt (or removal) had already given everything back. */
  alreadyReleased: boolean;
}

export async function releasePlacement(input: ReleasePlacementInput): Promise<ReleasePlacementResult> {
  const { placementNumber, withdrawalNumber } = input;
  const at = new Date(input.at);
  return withCapacityLock(async () => {
    const reservation = await Reservation.findById(placementNumber).lean();
    const [heldRack, heldIp] = await Promise.all([Rack.exists({ 'allocations.reservationId': placementNumber }), IpAddress.exists({ reservationId: placementNumber })]);
    const alreadyReleased = reservation?.status === 'released' && !heldRack && !heldIp;
    await giveBackAll(placementNumber);
    if (reservation && reservation.status !== 'released') {
      await Reservation.updateOne({ _id: placementNumber }, { $set: { status: 'released', releasedAt: at, releaseReason: `pencabutan ${withdrawalNumber}` } });
    }
    const assets = await Asset.find({ requestNumber: placementNumber }, { _id: 1, status: 1 }).lean();
    const remaining = assets.filter((a) => a.status !== 'withdrawn').map((a) => a._id);
    if (remaining.length) await Asset.updateMany({ _id: { $in: remaining } }, { $set: { status: 'withdrawn', withdrawnAt: at, withdrawalNumber } });
    const units = reservation && `U${reservation.startUnit}-U${reservation.startUnit + reservation.units - 1}`;
    return { rackId: reservation?.rackId, units: units || undefined, ipAddress: reservation?.ipAddress ?? undefined, assetIds: assets.map((a) => a._id).sort(), alreadyReleased };
  });
}
