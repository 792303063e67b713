// Formulir pengajuan co-location, as the seeds print it: the unit, its officer with NIP, the
// domain and term, the servers, signed by the applicant and approved by the Kepala Bidang.
import { indonesianIsoDate } from '../indonesianDate';
import { DocumentDraft, DraftContext, draftId, placeAndDate, requestLetterFields, roleTitle, serverTable } from './draft';

export function formPengajuanDraft({ state, profile }: DraftContext): DocumentDraft | undefined {
  const request = state.submission;
  if (request.kind !== 'colocation') return undefined;
  const { form, needs } = request;
  const term = form.term.kind === 'permanent' ? 'Permanen' : `Tidak permanen, sampai ${indonesianIsoDate(form.term.until)}`;
  return {
    id: draftId(state.requestNumber, 'form-pengajuan'),
    kind: 'form-pengajuan',
    requestNumber: state.requestNumber,
    issuedAt: state.submittedAt,
    content: {
      kind: 'form-pengajuan',
      title: 'FORMULIR PENGAJUAN CO-LOCATION',
      sections: [
        ...requestLetterFields(state),
        { type: 'fields', heading: 'Data Pemohon', fields: [
          { label: 'Nomor Permohonan', value: state.requestNumber },
          { label: 'Nama Unit', value: form.unitName },
          { label: 'Penanggung Jawab', value: form.responsibleOfficer },
          { label: 'NIP', value: form.nip },
          { label: 'Alamat Unit', value: form.unitAddress },
          { label: 'Nomor Kontak', value: form.contactNumber },
          { label: 'Nama Domain/Sub-domain', value: form.domain },
          { label: 'Tanggal Aktif Domain/Subdomain', value: indonesianIsoDate(form.domainActiveDate) },
          { label: 'Masa Berlaku Co-location', value: term },
        ] },
        serverTable(state),
        { type: 'fields', heading: 'Kebutuhan Infrastruktur', fields: [
          { label: 'Ruang Rak', value: `${needs.rackUnits} U` },
          { label: 'Daya Listrik', value: `${needs.powerWatts} W` },
          { label: 'Bandwidth', value: `${needs.bandwidthMbps} Mbps` },
        ] },
      ],
      place: placeAndDate(profile, state.submittedAt),
      signatures: [
        { caption: 'Pemohon,', title: `Penanggung Jawab ${form.unitName}`, name: form.responsibleOfficer, nip: form.nip },
        { caption: 'Telah menyetujui,', title: roleTitle(profile, 'kabid', 'Kepala Bidang') },
      ],
    },
  };
}
