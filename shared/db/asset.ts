import { Schema, model } from 'mongoose';

export const assetStatuses = ['active', 'withdrawing', 'withdrawn'] as const;
export type AssetStatus = (typeof assetStatuses)[number];

/**
 * The asset register (aset register): every installed server, with the serial and specs from the
 * handover minutes. Kaltim's SOP requires it, and a yearly review of each entry.
 */
const assetSchema = new Schema({
  _id: { type: String, required: true },
  requestNumber: { type: String, required: true },
  bastNumber: { type: String },
  unitName: { type: String, required: true },
  domain: { type: String, required: true },
  serverName: { type: String, required: true },
  serialNumber: { type: String, required: true },
  typeAndBrand: { type: String, required: true },
  processor: String,
  ram: String,
  motherboard: String,
  storage: String,
  psu: String,
  rackId: { type: String },
  rackUnits: { type: String },
  ipAddress: { type: String },
  monitoringId: { type: String },
  term: { type: Schema.Types.Mixed, required: true },
  installedAt: { type: Date, required: true },
  lastReviewedAt: { type: Date, required: true },
  nextReviewDue: { type: Date, required: true },
  /** Never deleted: a placement being withdrawn is "withdrawing", one taken out "withdrawn". */
  status: { type: String, required: true, enum: assetStatuses, default: 'active' },
  /** The withdrawal (pencabutan) that took the server out, and when. */
  withdrawalNumber: { type: String },
  withdrawnAt: { type: Date },
  /** Who to call about the server, where a register review recorded it (the form's officer otherwise). */
  contactName: String,
  contactNumber: String,
  /** Set when a register review found the server gone: it stays active until its withdrawal is done. */
  missing: { type: new Schema({ reviewId: String, at: Date, reason: String }, { _id: false }), default: undefined },
});
assetSchema.index({ requestNumber: 1 });
assetSchema.index({ nextReviewDue: 1 });

export const Asset = model('Asset', assetSchema, 'asset_register');
