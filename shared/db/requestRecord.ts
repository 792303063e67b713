import { Schema, model } from 'mongoose';
import type { CaseState } from '../caseState';

/**
 * The read model of a case: the workflow's state as last recorded by an activity. Lists, inboxes
 * and dashboards query it; only the workflow writes it (never the API), and a stale write never
 * replaces a newer one (revision guard).
 */
const requestRecordSchema = new Schema(
  {
    _id: { type: String, required: true },
    revision: { type: Number, required: true },
    workflowId: { type: String, required: true },
    profileId: { type: String, required: true },
    agency: { type: String, required: true },
    applicantUnit: { type: String, required: true },
    status: { type: String, required: true },
    slaBreached: { type: Boolean, required: true },
    submittedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    /** Role that must act now, and by when: what task inboxes filter and sort on. */
    waitingForRole: { type: String },
    currentDeadline: { type: Date },
    state: { type: Schema.Types.Mixed, required: true },
  },
  { minimize: false },
);
requestRecordSchema.index({ status: 1, submittedAt: -1 });
requestRecordSchema.index({ waitingForRole: 1, currentDeadline: 1 });
requestRecordSchema.index({ applicantUnit: 1, submittedAt: -1 });

export const RequestRecord = model<{ _id: string; revision: number; state: CaseState } & Record<string, unknown>>('RequestRecord', requestRecordSchema, 'requests');
