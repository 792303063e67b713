// Formulir persetujuan co-location: approved or rejected "dengan pertimbangan", and where approved
// the Data Center and Colocation blocks. The host admin password is never printed: the form says
// it is handed over in person, as the approval form's schema refuses it.
import type { ApprovalForm, DecisionPayload } from '../../decisions';
import type { DocumentSection } from '../content';
import { DocumentDraft, DraftContext, dash, draftId, ipAddressOf, placeAndDate, roleTitle, serverLocation } from './draft';

export function formPersetujuanDrafts({ state, profile }: DraftContext): DocumentDraft[] {
  const request = state.submission;
  if (request.kind !== 'colocation') return [];
  const approvals = state.decisions.filter((d) => d.kind === 'approval');
  return approvals.map((decision, i) => {
    const payload = decision.payload as DecisionPayload<'approval'>;
    const approved = payload.decision === 'approve';
    const form: Partial<ApprovalForm> = (approved ? payload.form : undefined) ?? state.approvalForm ?? {};
    const location = form.serverLocation ?? serverLocation(state);
    const domain = form.domain ?? request.form.domain;
    const sections: DocumentSection[] = [
      { type: 'fields', fields: [
        { label: 'Nomor Permohonan', value: state.requestNumber },
        { label: 'Nama Unit', value: request.form.unitName },
        { label: 'Nama Domain/Sub-domain', value: request.form.domain },
      ] },
      { type: 'paragraph', text: `Telah ${approved ? 'MENYETUJUI' : 'MENOLAK'} permohonan co-location di ${profile.agency.name} dengan pertimbangan:` },
      { type: 'paragraph', text: payload.consideration },
    ];
    if (approved) {
      sections.push(
        { type: 'fields', heading: 'Data Center', fields: [
          { label: 'NOC', value: dash(form.dataCenterNoc) },
          { label: 'Letak Server', value: location },
          { label: 'Nama Domain/Sub-domain', value: domain },
        ] },
        { type: 'fields', heading: 'Colocation', fields: [
          { label: 'NOC', value: dash(form.colocationNoc) },
          { label: 'Letak Server', value: location },
          { label: 'S/N Server', value: dash(form.serialNumber) },
          { label: 'Tipe & Merk', value: dash(form.typeAndBrand) },
          { label: 'Nama Domain/Sub-domain', value: domain },
          { label: 'Host Admin', value: form.hostAdminUser ? `User: ${form.hostAdminUser}; kata sandi diserahkan langsung kepada pemohon` : '-' },
          { label: 'IP Address', value: form.ipAddress ?? ipAddressOf(state) },
          { label: 'Contact Person', value: dash(form.contactPerson) },
        ] },
      );
    }
    return {
      id: draftId(state.requestNumber, 'form-persetujuan', i),
      kind: 'form-persetujuan' as const,
      requestNumber: state.requestNumber,
      issuedAt: decision.at,
      ...(i > 0 ? { supersedes: draftId(state.requestNumber, 'form-persetujuan', i - 1) } : {}),
      content: {
        kind: 'form-persetujuan' as const,
        title: 'FORMULIR PERSETUJUAN CO-LOCATION',
        sections,
        place: placeAndDate(profile, decision.at),
        signatures: [{ caption: 'Tertanda,', title: roleTitle(profile, decision.actor.role, 'Kepala Bidang'), name: decision.actor.name }],
      },
    };
  });
}
