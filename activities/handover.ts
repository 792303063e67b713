// The handover minutes (berita acara serah terima) and the asset register entries they justify.
import { Asset } from '../shared/db/asset';
import { CaseDocument, textOnlyBastId } from '../shared/db/document';
import { startPlacement, type PlacementStarter } from './placement/start';
import type { ApplicationForm, ServerSpec } from '../shared/request';
import { bastDraft } from '../shared/documents/drafts';
import { RequestRecord } from '../shared/db/requestRecord';
import { retryWhileBusy } from '../shared/db/busyRetry';
import { getProfile } from '../shared/profile/registry';
import type { Profile } from '../shared/profile/schema';
import { issueDocument } from './documents/issue';

/** What a colocation's handover minutes and asset register entries are made of. */
export interface PlacedServersInput {
  requestNumber: string;
  /** When the row ran (from workflow time, so retries write the same thing). */
  at: string;
  form: ApplicationForm;
  servers: ServerSpec[];
  /** Serial and type per server name, from the spec verification. */
  verified: { name: string; serialNumber: string; typeAndBrand: string }[];
  /** Where the SOP has an installation row; otherwise the reserved placement, or none. */
  placement?: { rackId: string; startUnit: number; units: number; ipAddress?: string };
  monitoringId?: string;
}

export interface HandoverInput extends PlacedServersInput {
  agency: string;
  handedOverBy: { name: string; nip: string };
  receivedBy: { name: string; nip: string };
}

export interface AssetRegisterInput extends PlacedServersInput {
  /** Absent where the SOP has no handover minutes (Sumbar has none). */
  bastNumber?: string;
}

const days = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];

function bastBody(input: HandoverInput, bastNumber: string): string {
  const at = new Date(input.at);
  const rows = input.servers.map((s, i) => {
    const v = input.verified.find((x) => x.name === s.name);
    return `${i + 1}. ${s.name} | S/N ${v?.serialNumber ?? '-'} | ${v?.typeAndBrand ?? '-'} | Prosesor ${s.processor} | RAM ${s.ram} | Motherboard ${s.motherboard} | Storage ${s.storage} | PSU ${s.psu}`;
  });
  const placement = input.placement;
  const where = placement ? `rak ${placement.rackId} U${placement.startUnit}-U${placement.startUnit + placement.units - 1}; alamat IP ${placement.ipAddress ?? '-'}; ` : '';
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
    `Letak server: ${where}domain ${input.form.domain}${input.monitoringId ? `; monitoring ${input.monitoringId}` : ''}`,
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

/** The case's agency book, for its letterhead and numbering; none for a case whose profile is gone. */
async function profileOfCase(requestNumber: string): Promise<Profile | undefined> {
  const record = await retryWhileBusy(() => RequestRecord.findById(requestNumber, { profileId: 1 }).lean());
  try {
    return record ? getProfile(String(record.profileId)) : undefined;
  } catch {
    return undefined;
  }
}

export function createHandoverActivities(placements?: PlacementStarter) {
  return {
    /** The numbered BAST (its official number is the case's bastNumber); text only where no profile is found. */
    async issueHandoverMinutes(input: HandoverInput): Promise<{ bastNumber: string }> {
      const profile = await profileOfCase(input.requestNumber);
      if (profile) return { bastNumber: (await issueDocument(bastDraft(input, profile), profile)).number };
      const bastNumber = textOnlyBastId(input.requestNumber);
      await CaseDocument.updateOne(
        { _id: bastNumber },
        { $setOnInsert: { requestNumber: input.requestNumber, kind: 'bast', title: 'Berita Acara Serah Terima', body: bastBody(input, bastNumber), createdAt: new Date(input.at) } },
        { upsert: true },
      );
      return { bastNumber };
    },

    /** One entry per server; reviewed yearly (Kaltim's warning), so the next review is a year on. */
    async registerAssets(input: AssetRegisterInput): Promise<{ assetIds: string[] }> {
      const installedAt = new Date(input.at);
      const nextReviewDue = new Date(installedAt);
      nextReviewDue.setUTCFullYear(nextReviewDue.getUTCFullYear() + 1);
      const { placement } = input;
      const assetIds: string[] = [];
      for (const server of input.servers) {
        const verified = input.verified.find((v) => v.name === server.name);
        const id = `${input.requestNumber}/${server.name}`;
        assetIds.push(id);
        await Asset.updateOne(
          { _id: id },
          {
            $setOnInsert: {
              requestNumber: input.requestNumber, bastNumber: input.bastNumber, unitName: input.form.unitName, domain: input.form.domain,
              serverName: server.name, serialNumber: verified?.serialNumber ?? 'belum dicatat', typeAndBrand: verified?.typeAndBrand ?? 'belum dicatat',
              processor: server.processor, ram: server.ram, motherboard: server.motherboard, storage: server.storage, psu: server.psu,
              rackId: placement?.rackId, rackUnits: placement && `U${placement.startUnit}-U${placement.startUnit + placement.units - 1}`, ipAddress: placement?.ipAddress, monitoringId: input.monitoringId,
              term: input.form.term, installedAt, lastReviewedAt: installedAt, nextReviewDue, status: 'active',
            },
          },
          { upsert: true },
        );
      }
      // The placement lives on from here. A failed start never holds the case up: the reconciler
      // starts a placement for every active asset that has none.
      if (placements) {
        await startPlacement(placements, input.requestNumber).catch((error: unknown) => {
          console.warn(`[placement] ${input.requestNumber}: not started now (the reconciler will): ${error instanceof Error ? error.message : String(error)}`);
        });
      }
      return { assetIds };
    },
  };
}
