// The handover minutes (berita acara serah terima) and the asset register entries they justify.
import { Asset } from '../shared/db/asset';
import { CaseDocument } from '../shared/db/document';
import type { ApplicationForm, ServerSpec } from '../shared/request';

export interface HandoverInput {
  requestNumber: string;
  agency: string;
  /** When the handover was recorded (from workflow time, so retries write the same thing). */
  at: string;
  form: ApplicationForm;
  servers: ServerSpec[];
  /** Serial and type per server name, from the spec verification. */
  verified: { name: string; serialNumber: string; typeAndBrand: string }[];
  placement: { rackId: string; startUnit: number; units: number; ipAddress: string };
  monitoringId: string;
  handedOverBy: { name: string; nip: string };
  receivedBy: { name: string; nip: string };
}

const days = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];

function bastBody(input: HandoverInput, bastNumber: string): string {
  const at = new Date(input.at);
  const rows = input.servers.map((s, i) => {
    const v = input.verified.find((x) => x.name === s.name);
    return `${i + 1}. ${s.name} | S/N ${v?.serialNumber ?? '-'} | ${v?.typeAndBrand ?? '-'} | Prosesor ${s.processor} | RAM ${s.ram} | Motherboard ${s.motherboard} | Storage ${s.storage} | PSU ${s.psu}`;
  });
  const units = `U${input.placement.startUnit}-U${input.placement.startUnit + input.placement.units - 1}`;
  return [
    'BERITA ACARA SERAH TERIMA CO-LOCATION SERVER DAN HOSTING APLIKASI',
    `Nomor: ${bastNumber}`,
    '',
    `Pada hari ini, ${days[at.getUTCDay()]} tanggal ${input.at.slice(0, 10)},`,
    '',
    `Nama Unit        : ${input.form.unitName}`,
    `Penanggung Jawab : ${input.handedOverBy.name}`,
    `NIP              : ${input.handedOverBy.nip}`,
    '',
    'Telah menyerahkan co-location sebagai berikut:',
    ...rows,
    '',
    `Letak server: rak ${input.placement.rackId} ${units}; alamat IP ${input.placement.ipAddress}; domain ${input.form.domain}; monitoring ${input.monitoringId}`,
    '',
    'Kepada:',
    `Nama Unit        : ${input.agency}`,
    `Penanggung Jawab : ${input.receivedBy.name}`,
    `NIP              : ${input.receivedBy.nip}`,
    '',
    'Demikian formulir serah terima ini dibuat dengan kondisi sebenarnya.',
    '',
    `Yang Menyerahkan: ${input.handedOverBy.name}          Yang Menerima: ${input.receivedBy.name}`,
  ].join('\n');
}

export function createHandoverActivities() {
  return {
    async issueHandoverMinutesAndRegisterAssets(input: HandoverInput): Promise<{ bastNumber: string; assetIds: string[] }> {
      const bastNumber = `BAST/${input.requestNumber}`;
      const installedAt = new Date(input.at);
      const nextReviewDue = new Date(installedAt);
      nextReviewDue.setUTCFullYear(nextReviewDue.getUTCFullYear() + 1);
      await CaseDocument.updateOne(
        { _id: bastNumber },
        { $setOnInsert: { requestNumber: input.requestNumber, kind: 'bast', title: 'Berita Acara Serah Terima', body: bastBody(input, bastNumber), createdAt: installedAt } },
        { upsert: true },
      );
      const units = `U${input.placement.startUnit}-U${input.placement.startUnit + input.placement.units - 1}`;
      const assetIds: string[] = [];
      for (const server of input.servers) {
        const verified = input.verified.find((v) => v.name === server.name);
        const id = `${input.requestNumber}/${server.name}`;
        assetIds.push(id);
        await Asset.updateOne(
          { _id: id },
          {
            $setOnInsert: {
              requestNumber: input.requestNumber, bastNumber, unitName: input.form.unitName, domain: input.form.domain,
              serverName: server.name, serialNumber: verified?.serialNumber ?? 'belum dicatat', typeAndBrand: verified?.typeAndBrand ?? 'belum dicatat',
              processor: server.processor, ram: server.ram, motherboard: server.motherboard, storage: server.storage, psu: server.psu,
              rackId: input.placement.rackId, rackUnits: units, ipAddress: input.placement.ipAddress, monitoringId: input.monitoringId,
              term: input.form.term, installedAt, lastReviewedAt: installedAt, nextReviewDue, status: 'active',
            },
          },
          { upsert: true },
        );
      }
      return { bastNumber, assetIds };
    },
  };
}
