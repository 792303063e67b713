// Berita acara serah terima (formulir serah terima co-location): who handed over, the servers with
// their specification, where they stand, who received, both signing with name and NIP.
import type { Profile } from '../../profile/schema';
import type { ApplicationForm, ServerSpec } from '../../request';
import { indonesianDate } from '../indonesianDate';
import { DocumentDraft, draftId, placeAndDate } from './draft';

export interface HandoverFacts {
  requestNumber: string;
  at: string;
  agency: string;
  form: ApplicationForm;
  servers: ServerSpec[];
  verified: { name: string; serialNumber: string; typeAndBrand: string }[];
  placement?: { rackId: string; startUnit: number; units: number; ipAddress?: string };
  monitoringId?: string;
  handedOverBy: { name: string; nip: string };
  receivedBy: { name: string; nip: string };
}

export function bastDraft(facts: HandoverFacts, profile: Profile): DocumentDraft {
  const { placement } = facts;
  const serial = (name: string) => facts.verified.find((v) => v.name === name);
  return {
    id: draftId(facts.requestNumber, 'bast'),
    kind: 'bast',
    requestNumber: facts.requestNumber,
    issuedAt: facts.at,
    content: {
      kind: 'bast',
      title: 'BERITA ACARA SERAH TERIMA CO-LOCATION SERVER DAN HOSTING APLIKASI',
      sections: [
        { type: 'paragraph', text: `Pada hari ini, ${indonesianDate(Date.parse(facts.at), profile.timeZone)}, yang bertanda tangan di bawah ini:` },
        { type: 'fields', fields: [
          { label: 'Nama Unit', value: facts.form.unitName },
          { label: 'Penanggung Jawab', value: facts.handedOverBy.name },
          { label: 'NIP', value: facts.handedOverBy.nip },
        ] },
        { type: 'paragraph', text: 'Telah menyerahkan co-location sebagai berikut:' },
        {
          type: 'table',
          columns: ['No', 'Nama Server', 'S/N', 'Tipe & Merk', 'Prosesor', 'RAM', 'Motherboard', 'Storage', 'PSU'],
          rows: facts.servers.map((s, i) => ({ cells: [String(i + 1), s.name, serial(s.name)?.serialNumber ?? '-', serial(s.name)?.typeAndBrand ?? '-', s.processor, s.ram, s.motherboard, s.storage, s.psu] })),
        },
        { type: 'fields', heading: 'Letak Server', fields: [
          { label: 'Nomor Permohonan', value: facts.requestNumber },
          { label: 'Nama Domain/Sub-domain', value: facts.form.domain },
          { label: 'Rak', value: placement ? `${placement.rackId} U${placement.startUnit}-U${placement.startUnit + placement.units - 1}` : '-' },
          { label: 'Alamat IP', value: placement?.ipAddress ?? '-' },
          ...(facts.monitoringId ? [{ label: 'Monitoring', value: facts.monitoringId }] : []),
        ] },
        { type: 'paragraph', text: 'Kepada:' },
        { type: 'fields', fields: [
          { label: 'Nama Unit', value: facts.agency },
          { label: 'Penanggung Jawab', value: facts.receivedBy.name },
          { label: 'NIP', value: facts.receivedBy.nip },
        ] },
        { type: 'paragraph', text: 'Demikian formulir serah terima ini dibuat dengan kondisi sebenarnya.' },
      ],
      place: placeAndDate(profile, facts.at),
      signatures: [
        { caption: 'Yang Menyerahkan,', title: `Penanggung Jawab ${facts.form.unitName}`, name: facts.handedOverBy.name, nip: facts.handedOverBy.nip },
        { caption: 'Yang Menerima,', title: `Penanggung Jawab ${facts.agency}`, name: facts.receivedBy.name, nip: facts.receivedBy.nip },
      ],
      note: 'Keterangan: hasil pengecekan kesesuaian spesifikasi server terlampir dalam catatan permohonan.',
    },
  };
}
