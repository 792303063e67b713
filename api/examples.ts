// A complete, valid submission for the docs' "Try it out" and the README's walkthrough.
import type { z } from 'zod';
import type { HumanActionKind, Role } from '../shared/profile/schema';
import type { submissionSchema } from '../shared/request';

export const exampleSubmission: z.input<typeof submissionSchema> = {
  letter: { letterNumber: '027/123/Dinkes/2026', letterDate: '2026-11-20', subject: 'Permohonan co-location server aplikasi SIMPUS' },
  form: {
    unitName: 'Dinas Kesehatan',
    responsibleOfficer: 'Siti Rahmawati, S.Kom',
    nip: '198503152010012003',
    unitAddress: 'Jl. Sunan Drajat No. 1',
    contactNumber: '+62 231 123456',
    domain: 'simpus.dinkes.example.go.id',
    domainActiveDate: '2026-12-01',
    term: { kind: 'permanent' },
  },
  applicantEmail: 'dinkes@opd.example.go.id',
  servers: [{ name: 'srv-simpus-01', processor: 'Intel Xeon Silver 4310', ram: '64 GB', motherboard: 'Supermicro X12', storage: '2x 960 GB SSD', psu: '2x 800 W' }],
  needs: { rackUnits: 2, powerWatts: 800, bandwidthMbps: 50 },
};

/** One decision of the walkthrough: who takes it, and what they send for request `no`. */
export interface WalkthroughDecision {
  kind: HumanActionKind;
  role: Role;
  body: (no: string) => Record<string, unknown>;
}

/** The decisions of a Cirebon case from disposition to handover, in the SOP's order (README, step 4). */
export const cirebonWalkthrough: WalkthroughDecision[] = [
  { kind: 'disposition', role: 'kabid', body: () => ({ note: 'Diteruskan ke Seksi Infrastruktur dan Teknologi' }) },
  { kind: 'disposition', role: 'kasi', body: () => ({ note: 'Untuk Tim Personil DC' }) },
  { kind: 'capacityCheck', role: 'dcStaff', body: () => ({ outcome: 'confirm' }) },
  { kind: 'applicationForm', role: 'applicant', body: () => ({}) },
  {
    kind: 'approval',
    role: 'kabid',
    body: (no) => ({ decision: 'approve', consideration: 'Kapasitas tersedia dan dokumen lengkap', form: { serialNumber: `SN-${no}`, typeAndBrand: 'Dell PowerEdge R650', hostAdminUser: 'admin-simpus', contactPerson: 'Siti Rahmawati 0812-1111-2222' } }),
  },
  { kind: 'deviceDelivery', role: 'dcStaff', body: () => ({ deliveredBy: 'Budi Santoso (Dinas Kesehatan)' }) },
  { kind: 'specVerification', role: 'dcStaff', body: (no) => ({ result: 'match', servers: [{ name: exampleSubmission.servers[0]!.name, serialNumber: `SN-${no}`, typeAndBrand: 'Dell PowerEdge R650' }] }) },
  { kind: 'installation', role: 'dcStaff', body: (no) => ({ monitoringId: `zabbix-${no}` }) },
  { kind: 'handover', role: 'dcStaff', body: () => ({ handedOverBy: { name: 'Siti Rahmawati', nip: '198503152010012003' }, receivedBy: { name: 'Andi Pratama', nip: '199001012015031001' } }) },
];
