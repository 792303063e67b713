// Every form and berita acara a case's state calls for, derived from the whole state: issuing is
// idempotent by id, so deriving them again issues nothing twice. They are derived when a case's
// first record is written and whenever a commit records a decision of a kind that brings one due
// (FORM_DECISION_KINDS). The BAST comes from the handover activity, the letters from the emails
// that send them.
import type { DocumentDraft, DraftContext } from './draft';
import { baKlarifikasiDrafts, baPengerjaanDrafts } from './beritaAcara';
import { formPencabutanDrafts } from './formPencabutan';
import { formPengajuanDraft } from './formPengajuan';
import { formPersetujuanDrafts } from './formPersetujuan';

export type { DocumentDraft, DraftContext } from './draft';
export { bastDraft, type HandoverFacts } from './bast';
export { isLetterEmail, letterDraft } from './letters';

/** The decisions whose records the drafts below read: a commit that records none brings no form due. */
export const FORM_DECISION_KINDS: ReadonlySet<string> = new Set(['clarification', 'task', 'approval', 'withdrawalApproval']);

export function formsDue(ctx: DraftContext): DocumentDraft[] {
  const pengajuan = formPengajuanDraft(ctx);
  return [...(pengajuan ? [pengajuan] : []), ...baKlarifikasiDrafts(ctx), ...formPersetujuanDrafts(ctx), ...baPengerjaanDrafts(ctx), ...formPencabutanDrafts(ctx)];
}
