// Installation: the server gets its IP address and its reservation becomes installed. The address
// is the one held at reservation, unless the technician used another (Sumbar's SOP has Tim Teknis
// give the address in its installation step), or none was held because the SOP does not count
// addresses; then the lowest free one is taken. Runs under the capacity lock like every change.
import { ApplicationFailure } from '@temporalio/common';
import type { AssignIpAddressInput, ReservationView } from '../shared/capacity';
import { IpAddress, Reservation } from '../shared/db/capacity';
import { withCapacityLock } from '../shared/db/capacityLock';
import { bindingProposals, chooseIp, loadOccupancy } from './capacityPlacement';
import { reservationView } from './capacityView';

/** The address cannot be given; the message tells staff why, in Bahasa Indonesia. */
function ipUnavailable(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, 'IpUnavailable');
}

export async function assignIpAddress(input: AssignIpAddressInput): Promise<ReservationView> {
  const { reservationId, wanted } = input;
  return withCapacityLock(async () => {
    const reservation = await Reservation.findById(reservationId).lean();
    if (!reservation) {
      throw ApplicationFailure.nonRetryable(`Reservasi kapasitas ${reservationId} tidak ditemukan`, 'CapacityReservationNotFound');
    }
    if (reservation.status === 'released') {
      throw ApplicationFailure.nonRetryable(`Reservasi kapasitas ${reservationId} sudah dilepas`, 'CapacityReservationReleased');
    }
    if (reservation.status === 'installed') {
      // A retry after the write: the same answer.
      if (!wanted || wanted === reservation.ipAddress) return reservationView(reservation);
      throw ipUnavailable(`Server permohonan ${reservationId} sudah terpasang dengan alamat IP ${reservation.ipAddress ?? '-'}; alamat IP ${wanted} tidak dapat diberikan lagi`);
    }
    const ipAddress = await takeAddress(reservationId, wanted ?? reservation.ipAddress ?? undefined, reservation.ipAddress ?? undefined);
    const installedAt = new Date();
    await Reservation.updateOne({ _id: reservationId }, { $set: { status: 'installed', installedAt, ipAddress } });
    return reservationView({ ...reservation, status: 'installed', installedAt, ipAddress });
  });
}

/**
 * Makes `target` (or the lowest free address) the reservation's only address and returns it. Every
 * refusal happens before the first write, so a refused address changes nothing. `held` is the
 * address the reservation holds since it was made.
 */
async function takeAddress(reservationId: string, target: string | undefined, held: string | undefined): Promise<string> {
  const address = target ?? chooseIp(await loadOccupancy(reservationId), []);
  if (!address) throw ipUnavailable(`Tidak ada alamat IP yang tersedia untuk server permohonan ${reservationId}`);
  const known = await IpAddress.findById(address).lean();
  if (!known) throw ipUnavailable(`Alamat IP ${address} tidak terdaftar dalam daftar alamat IP pusat data`);
  // Held by this reservation already: at reservation, or by an attempt that crashed before its write.
  if (known.reservationId !== reservationId) {
    if (known.reservationId !== null) throw ipUnavailable(`Alamat IP ${address} sudah dipakai permohonan ${known.reservationId}`);
    const promised = (await bindingProposals(reservationId)).find((p) => p.ipAddress === address);
    if (promised) throw ipUnavailable(`Alamat IP ${address} sudah diusulkan untuk permohonan ${promised._id}`);
    // By _id alone (FerretDB answers that from an index); the capacity lock makes the read above hold.
    await IpAddress.updateOne({ _id: address }, { $set: { reservationId, assignedAt: new Date() } });
  }
  // Any other address goes back to the pool: the one held before, or one an attempt that stopped
  // half-way chose. The filter makes FerretDB read every address, under the lock, so it is skipped
  // when the address is the one held: every attempt of this installation then chose that one too
  // (the same input, and the reservation's address stays until the installation is written).
  if (address !== held) await IpAddress.updateMany({ reservationId, _id: { $ne: address } }, { $set: { reservationId: null, assignedAt: null } });
  return address;
}
