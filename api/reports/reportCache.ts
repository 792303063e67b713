// One computation per report at a time, and none again for a period that is over.
//
// A period counts as over a day after its end: the reconciler may still close a case that Temporal
// ended inside the period (with that ending's time) for a while after, and a report printed for the
// evaluation must not differ from the one printed the next day. Until then every request computes
// afresh, but requests arriving together share one computation.
import { retryWhileBusy } from '../../shared/db/busyRetry';
import { CachedComplianceReport } from '../../shared/db/complianceReportCache';
import { complianceReportSchema, type ComplianceReport } from '../../shared/report/complianceReportSchema';

export const SETTLE_MS = 24 * 60 * 60 * 1000;

const inFlight = new Map<string, Promise<ComplianceReport>>();

export async function cachedComplianceReport(key: string, periodEndMs: number, build: () => Promise<ComplianceReport>, nowMs = Date.now()): Promise<ComplianceReport> {
  const final = periodEndMs + SETTLE_MS <= nowMs;
  if (final) {
    const hit = await retryWhileBusy(() => CachedComplianceReport.findById(key).lean());
    const parsed = hit ? complianceReportSchema.safeParse(hit.report) : undefined;
    if (parsed?.success) return parsed.data;
  }
  const running = inFlight.get(key);
  if (running) return running;
  const computing = (async () => {
    const report = await build();
    if (final) await retryWhileBusy(() => CachedComplianceReport.replaceOne({ _id: key }, { report, createdAt: new Date(nowMs) }, { upsert: true }));
    return report;
  })().finally(() => inFlight.delete(key));
  inFlight.set(key, computing);
  return computing;
}
