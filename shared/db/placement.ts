import { Schema, model } from 'mongoose';

/**
 * The placements read model: one document per placement workflow (its whole state, small), written
 * by the workflow each time it settles. Lists filter on the top-level fields.
 */
const placementSchema = new Schema({
  /** The colocation request number. */
  _id: { type: String, required: true },
  workflowId: { type: String, required: true },
  revision: { type: Number, required: true },
  status: { type: String, required: true },
  unitName: { type: String, required: true },
  domain: { type: String, required: true },
  assetIds: { type: [String], default: [] },
  termUntil: { type: String },
  withdrawalNumber: { type: String },
  state: { type: Schema.Types.Mixed, required: true },
  updatedAt: { type: Date, required: true },
});
placementSchema.index({ assetIds: 1 });
placementSchema.index({ unitName: 1, status: 1 });

export const Placement = model('Placement', placementSchema, 'placements');

/** A placement's history, one entry per event, never rewritten (its id comes from the event's meaning). */
const placementEventSchema = new Schema({
  _id: { type: String, required: true },
  placementNumber: { type: String, required: true, index: true },
  at: { type: Date, required: true },
  event: { type: String, required: true },
  actor: { type: Schema.Types.Mixed },
  details: { type: Schema.Types.Mixed },
});

export const PlacementEvent = model('PlacementEvent', placementEventSchema, 'placement_events');
