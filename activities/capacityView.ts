// A reservation as the workflow sees it: the stored document with the rack's labels, dates as ISO
// strings (they cross Temporal as JSON).
import type { ReservationView } from '../shared/capacity';
import { Rack, ReservationDoc } from '../shared/db/capacity';

export type StoredReservation = ReservationDoc & { _id: string };

/** The reservation with the rack's labels for the approval form; `rack` saves a read when the caller has it. */
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
    ...(r.ipAddress && { ipAddress: r.ipAddress }),
    heldAt: r.heldAt.toISOString(),
    ...(r.installedAt && { installedAt: r.installedAt.toISOString() }),
    ...(r.releasedAt && { releasedAt: r.releasedAt.toISOString() }),
    ...(r.releaseReason && { releaseReason: r.releaseReason }),
    ...(r.note && { note: r.note }),
  };
}
