// Formulir pencabutan co-location (Kaltim's fourth form, Jateng's "penarikan"): what is taken out,
// why, and the Kepala Bidang's decision "dengan pertimbangan".
import type { DecisionPayload } from '../../decisions';
import { DocumentDraft, DraftContext, draftId, placeAndDate, roleTitle } from './draft';

export function formPencabutanDrafts({ state, profile }: DraftContext): DocumentDraft[] {
  const request = state.submission;
  if (request.kind !== 'withdrawal') return [];
  const { form } = request;
  return state.decisions
    .filter((d) => d.kind === 'withdrawalApproval')
    .map((decision, i) => {
      const payload = decision.payload as DecisionPayload<'withdrawalApproval'>;
      return {
        id: draftId(state.requestNumber, 'form-pencabutan', i),
        kind: 'form-pencabutan' as const,
        requestNumber: state.requestNumber,
        issuedAt: decision.at,
        ...(i > 0 ? { supersedes: draftId(state.requestNumber, 'form-pencabutan', i - 1) } : {}),
        content: {
          kind: 'form-pencabutan' as const,
          title: 'FORMULIR PENCABUTAN CO-LOCATION',
          sections: [
            { type: 'fields' as const, fields: [
              { label: 'Nomor Permohonan', value: state.requestNumber },
              { label: 'Nomor Penempatan', value: request.placementNumber },
              { label: 'Nama Unit', value: request.unitName },
              { label: 'Nama Domain/Sub-domain', value: form.domain },
            ] },
            { type: 'paragraph' as const, text: `Telah mengajukan permohonan pencabutan co-location dengan alasan: ${request.reason}` },
            { type: 'fields' as const, heading: 'Data Center', fields: [
              { label: 'NOC', value: form.dataCenter.noc },
              { label: 'Letak Server', value: form.dataCenter.serverLocation },
              { label: 'Nama Domain/Sub-domain', value: form.dataCenter.domain },
            ] },
            { type: 'fields' as const, heading: 'Colocation', fields: [
              { label: 'NOC', value: form.colocation.noc },
              { label: 'Letak Server', value: form.colocation.serverLocation },
              { label: 'S/N Server', value: form.colocation.serialNumber },
              { label: 'Tipe & Merk', value: form.colocation.typeAndBrand },
              { label: 'Nama Domain/Sub-domain', value: form.colocation.domain },
            ] },
            { type: 'paragraph' as const, text: `Permohonan pencabutan ${payload.decision === 'approve' ? 'DISETUJUI' : 'DITOLAK'} dengan pertimbangan: ${payload.consideration}` },
          ],
          place: placeAndDate(profile, decision.at),
          signatures: [
            { caption: 'Pemohon,', title: `Penanggung Jawab ${request.unitName}` },
            { caption: 'Tertanda,', title: roleTitle(profile, decision.actor.role, 'Kepala Bidang'), name: decision.actor.name },
          ],
        },
      };
    });
}
