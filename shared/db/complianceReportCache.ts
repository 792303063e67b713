// Compliance reports of periods that are over, kept by _id: reading `requests` for a report decodes
// the whole collection on FerretDB (tens of seconds at 10,000 cases), while an _id lookup is the one
// query that stays cheap, and a finished period's report does not change.
import { Schema, model } from 'mongoose';

const cachedReportSchema = new Schema(
  {
    /** `${profileId}/v${profileVersion}/${periodCode}`: an edited profile (new rows) gets a new report. */
    _id: { type: String, required: true },
    report: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);

export const CachedComplianceReport = model<{ _id: string; report: unknown; createdAt: Date }>('CachedComplianceReport', cachedReportSchema, 'compliance_reports');
