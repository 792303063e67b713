// The capacity inventory (racks, resource pools, IP addresses) and the reservations that hold it.
// Every hold is recorded on the resource itself under the reservation's id, so a resource can be
// given back by id alone, even when the reservation document was never written.
import { InferSchemaType, Schema, model } from 'mongoose';
import type { PoolKind } from '../capacity';

export const POOL_KINDS: readonly PoolKind[] = ['power', 'ups', 'genset', 'bandwidth'];

const rackAllocationSchema = new Schema(
  {
    reservationId: { type: String, required: true },
    startUnit: { type: Number, required: true },
    units: { type: Number, required: true },
  },
  // No subdocument _id: allocations are removed by exact value ($pull), which an _id would defeat.
  { _id: false },
);

const rackSchema = new Schema({
  _id: { type: String, required: true },
  name: { type: String, required: true },
  noc: { type: String, required: true },
  location: { type: String, required: true },
  totalUnits: { type: Number, required: true },
  /** 1-based unit numbers held by some reservation. */
  usedUnits: { type: [Number], default: [] },
  allocations: { type: [rackAllocationSchema], default: [] },
});
export type RackDoc = InferSchemaType<typeof rackSchema>;
export const Rack = model('CapacityRack', rackSchema, 'racks');

const poolHolderSchema = new Schema(
  {
    reservationId: { type: String, required: true },
    amount: { type: Number, required: true },
  },
  { _id: false },
);

const resourcePoolSchema = new Schema({
  _id: { type: String, required: true, enum: POOL_KINDS },
  total: { type: Number, required: true },
  free: { type: Number, required: true },
  holders: { type: [poolHolderSchema], default: [] },
});
export type ResourcePoolDoc = InferSchemaType<typeof resourcePoolSchema>;
export const ResourcePool = model('CapacityResourcePool', resourcePoolSchema, 'resource_pools');

const ipAddressSchema = new Schema({
  _id: { type: String, required: true },
  /** The address as a 32-bit number: "10.20.1.9" must sort before "10.20.1.10". */
  ipNumber: { type: Number, required: true, index: true },
  reservationId: { type: String, default: null },
  assignedAt: { type: Date, default: null },
});
export const IpAddress = model('CapacityIpAddress', ipAddressSchema, 'ip_addresses');

const needsSchema = new Schema(
  {
    rackUnits: { type: Number, required: true },
    powerWatts: { type: Number, required: true },
    bandwidthMbps: { type: Number, required: true },
  },
  { _id: false },
);

const reservationSchema = new Schema({
  /** The request number. */
  _id: { type: String, required: true },
  status: { type: String, required: true, enum: ['held', 'installed', 'released'] },
  needs: { type: needsSchema, required: true },
  rackId: { type: String, required: true },
  startUnit: { type: Number, required: true },
  units: { type: Number, required: true },
  /** Absent until installation when the agency's SOP does not count IP addresses. */
  ipAddress: { type: String },
  heldAt: { type: Date, required: true },
  installedAt: { type: Date },
  releasedAt: { type: Date },
  releaseReason: { type: String },
  /** Why the reservation is not where the case asked (that placement was taken meanwhile). */
  note: { type: String },
});
export type ReservationDoc = InferSchemaType<typeof reservationSchema>;
export const Reservation = model('CapacityReservation', reservationSchema, 'capacity_reservations');
