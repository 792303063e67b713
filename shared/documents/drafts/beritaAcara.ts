// The berita acara a case records besides the BAST: the clarification minutes (Jateng's row 2 of
// colocation and restore) and Sumbar's work report (BA pengerjaan), each from the decision that
// records it.
import type { DecisionPayload } from '../../decisions';
import { requestDomain } from '../../caseState';
import { indonesianDate } from '../indonesianDate';
import { DocumentDraft, DraftContext, dash, draftId, ipAddressOf, placeAndDate, requestLetterFields, roleTitle, serverLocation, serverTable } from './draft';

export function baKlarifikasiDrafts({ state, profile }: DraftContext): DocumentDraft[] {
  return state.decisions
    .filter((d) => d.kind === 'clarification')
    .map((decision, i) => {
      const payload = decision.payload as DecisionPayload<'clarification'>;
      return {
        id: draftId(state.requestNumber, 'ba-klarifikasi', i),
        kind: 'ba-klarifikasi' as const,
        requestNumber: state.requestNumber,
        issuedAt: decision.at,
        ...(i > 0 ? { supersedes: draftId(state.requestNumber, 'ba-klarifikasi', i - 1) } : {}),
        content: {
          kind: 'ba-klarifikasi' as const,
          title: 'BERITA ACARA KLARIFIKASI',
          sections: [
            { type: 'paragraph' as const, text: `Pada hari ini, ${indonesianDate(Date.parse(decision.at), profile.timeZone)}, telah dilakukan verifikasi dan klarifikasi atas ${state.procedureTitle.toLowerCase()} sebagai berikut:` },
            { type: 'fields' as const, fields: [
              { label: 'Nomor Permohonan', value: state.requestNumber },
              { label: 'Nama Unit', value: state.applicantUnit },
              { label: 'Domain/Sistem', value: requestDomain(state.submission) },
            ] },
            ...requestLetterFields(state),
            { type: 'paragraph' as const, text: `Hasil klarifikasi: ${payload.summary}` },
            { type: 'paragraph' as const, text: 'Demikian berita acara klarifikasi ini dibuat untuk dipergunakan sebagaimana mestinya.' },
          ],
          place: placeAndDate(profile, decision.at),
          signatures: [
            { caption: 'Pemohon,', title: `Perwakilan ${state.applicantUnit}` },
            { caption: 'Yang melakukan klarifikasi,', title: roleTitle(profile, decision.actor.role, 'Petugas'), name: decision.actor.name },
          ],
        },
      };
    });
}

/** Sumbar's row "Membuat laporan hasil pekerjaan": the task recorded there is the BA pengerjaan. */
const WORK_REPORT = /laporan hasil pekerjaan/i;

export function baPengerjaanDrafts({ state, profile }: DraftContext): DocumentDraft[] {
  const procedure = profile.procedures.find((p) => p.id === state.procedureId);
  const reportRows = new Set(procedure?.activities.filter((row) => row.actions.some((a) => a.kind === 'task' && WORK_REPORT.test(a.label))).map((row) => row.no));
  const request = state.submission;
  if (!reportRows.size || request.kind !== 'colocation') return [];
  return state.decisions
    .filter((d) => d.kind === 'task' && reportRows.has(d.sopStep))
    .map((decision, i) => {
      const payload = decision.payload as DecisionPayload<'task'>;
      const installedAt = state.installation?.at;
      return {
        id: draftId(state.requestNumber, 'ba-pengerjaan', i),
        kind: 'ba-pengerjaan' as const,
        requestNumber: state.requestNumber,
        issuedAt: decision.at,
        ...(i > 0 ? { supersedes: draftId(state.requestNumber, 'ba-pengerjaan', i - 1) } : {}),
        content: {
          kind: 'ba-pengerjaan' as const,
          title: 'BERITA ACARA PENGERJAAN',
          sections: [
            { type: 'paragraph' as const, text: `Pada hari ini, ${indonesianDate(Date.parse(decision.at), profile.timeZone)}, telah selesai dikerjakan pemasangan server co-location sebagai berikut:` },
            { type: 'fields' as const, fields: [
              { label: 'Nomor Permohonan', value: state.requestNumber },
              { label: 'Nama Unit', value: request.form.unitName },
              { label: 'Nama Domain/Sub-domain', value: request.form.domain },
              { label: 'Letak Server', value: serverLocation(state) },
              { label: 'Alamat IP', value: ipAddressOf(state) },
              { label: 'Monitoring', value: dash(state.installation?.monitoringId) },
              { label: 'Tanggal Pemasangan', value: installedAt ? indonesianDate(Date.parse(installedAt), profile.timeZone) : '-' },
              ...(payload.documentRef ? [{ label: 'Rujukan Dokumen', value: payload.documentRef }] : []),
            ] },
            serverTable(state, true),
            ...(payload.note ? [{ type: 'paragraph' as const, text: `Catatan: ${payload.note}` }] : []),
            { type: 'paragraph' as const, text: 'Demikian berita acara pengerjaan ini dibuat untuk dilaporkan kepada Kepala Bidang dan Kepala Dinas.' },
          ],
          place: placeAndDate(profile, decision.at),
          signatures: [
            { caption: 'Yang mengerjakan,', title: roleTitle(profile, decision.actor.role, 'Helpdesk'), name: decision.actor.name },
            { caption: 'Mengetahui,', title: roleTitle(profile, 'kabid', 'Kepala Bidang') },
          ],
        },
      };
    });
}
