// Request numbers and the one-line case summary admins read in the Temporal UI's memo.
import { z } from 'zod';
import type { CaseRequest } from './caseState';

/** Agency code, then the procedure's code where it has one: CRB-2026-0001, JTG-BU-2026-0003. */
export const requestNumberSchema = z.string().regex(/^[A-Z]{2,5}(-[A-Z]{2})?-\d{4}-\d{4,6}$/, 'nomor permohonan tidak valid (contoh: CRB-2026-0001)');

export function caseSummary(requestNumber: string, request: CaseRequest): string {
  if (request.kind === 'colocation') {
    const { form, needs } = request;
    return `${requestNumber}: ${form.unitName} — ${form.domain} (${needs.rackUnits}U, ${needs.powerWatts} W, ${needs.bandwidthMbps} Mbps)`;
  }
  if (request.kind === 'withdrawal') return `${requestNumber}: ${request.unitName} — pencabutan ${request.domain} (${request.placementNumber})`;
  return `${requestNumber}: ${request.unitName} — ${request.kind} ${request.system}`;
}
