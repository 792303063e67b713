// Every form and berita acara a case's state calls for, derived from the whole state each time:
// issuing is idempotent by id, so a commit that finds them all issued already costs only lookups,
// and one a failed commit missed is issued by the next. The BAST comes from the handover activity,
// the letters from the emails that send them.
import type { DocumentDraft, DraftContext } from './draft';
import { baKlarifikasiDrafts, baPengerjaanDrafts } from './beritaAcara';
import { formPencabutanDrafts } from './formPencabutan';
import { formPengajuanDraft } from './formPengajuan';
import { formPersetujuanDrafts } from './formPersetujuan';

export type { DocumentDraft, DraftContext } from './draft';
export { bastDraft, type HandoverFacts } from './bast';
export { isLetterEmail, letterDraft } from './letters';

export function formsDue(ctx: DraftContext): DocumentDraft[] {
  const pengajuan = formPengajuanDraft(ctx);
  return [...(pengajuan ? [pengajuan] : []), ...baKlarifikasiDrafts(ctx), ...formPersetujuanDrafts(ctx), ...baPengerjaanDrafts(ctx), ...formPencabutanDrafts(ctx)];
}
