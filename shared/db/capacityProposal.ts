// What a capacity check proposed to an open case: its rack units, IP address and pool amounts are
// promised to that case until it reserves them (the proposal becomes its reservation) or closes.
// Without this, cases checked side by side were all proposed the same units and all but one lost
// them at approval. One document per case (_id = request number), written under the capacity lock.
import { InferSchemaType, Schema, model } from 'mongoose';
import { capacityDimensions } from '../profile/schema';

const capacityProposalSchema = new Schema({
  /** The request number of the case the proposal was made for. */
  _id: { type: String, required: true },
  rackId: { type: String, required: true },
  startUnit: { type: Number, required: true },
  units: { type: Number, required: true },
  /** Absent when the agency's SOP does not count IP addresses: none is promised. */
  ipAddress: { type: String },
  /** Watts drawn on mains, UPS and genset alike, and Mbps. */
  powerWatts: { type: Number, required: true },
  bandwidthMbps: { type: Number, required: true },
  /**
   * What the case's SOP counts: only those pools are promised. Proposals written before dimensions
   * existed have none stored and promise every pool, as they did.
   */
  dimensions: { type: [String], enum: capacityDimensions, default: undefined },
  proposedAt: { type: Date, required: true },
});
export type CapacityProposalDoc = InferSchemaType<typeof capacityProposalSchema> & { _id: string };
export const CapacityProposalHold = model('CapacityProposalHold', capacityProposalSchema, 'capacity_proposals');
