import { Schema, model } from 'mongoose';
import { reviewTaskStates } from '../contracts/registerReview';

/**
 * One yearly register review of an agency (`register-review-kaltim-2026`), as the workflow last
 * wrote it, with its report once it has ended. Written by the workflow's activities only.
 */
const registerReviewSchema = new Schema({
  _id: { type: String, required: true },
  profileId: { type: String, required: true },
  agency: { type: String, required: true },
  year: { type: Number, required: true },
  status: { type: String, required: true, enum: ['open', 'completed'] },
  openedAt: { type: Date, required: true },
  openedBy: { type: Schema.Types.Mixed },
  deadline: { type: Date, required: true },
  performer: { type: String, required: true },
  escalateTo: { type: String, required: true },
  remindedAt: Date,
  escalatedAt: Date,
  completedAt: Date,
  counts: { type: Schema.Types.Mixed },
  /** The end report: counts and the lists of confirmed, corrected and missing assets. */
  report: { type: Schema.Types.Mixed },
});
registerReviewSchema.index({ profileId: 1, year: -1 });

export const RegisterReview = model('RegisterReview', registerReviewSchema, 'register_reviews');

/**
 * One task per active asset of a review, for data center staff: the asset's record as it stood
 * when the review opened (what the person checks at the rack), its state and who settled it.
 */
const reviewTaskSchema = new Schema({
  _id: { type: String, required: true },
  reviewId: { type: String, required: true },
  profileId: { type: String, required: true },
  year: { type: Number, required: true },
  assetId: { type: String, required: true },
  requestNumber: { type: String, required: true },
  serverName: String,
  domain: String,
  rackId: String,
  rackUnits: String,
  ipAddress: String,
  serialNumber: String,
  typeAndBrand: String,
  unitName: String,
  contactName: String,
  contactNumber: String,
  state: { type: String, required: true, enum: reviewTaskStates },
  performer: { type: String, required: true },
  deadline: { type: Date, required: true },
  decidedAt: Date,
  decidedBy: { type: Schema.Types.Mixed },
  /** The answer's id: a resend after the review has ended is still recognised. */
  decisionId: String,
  note: String,
  reason: String,
  /** For a correction: each changed field, from what to what. */
  changes: { type: Schema.Types.Mixed },
  withdrawalRequestedAt: Date,
});
reviewTaskSchema.index({ reviewId: 1, assetId: 1 });
reviewTaskSchema.index({ state: 1, deadline: 1 });

export const ReviewTask = model('ReviewTask', reviewTaskSchema, 'review_tasks');
