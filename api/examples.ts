// Complete, valid submissions for the docs' "Try it out" and the README's walkthroughs, and the
// decisions that take a case of each procedure to its end.
import type { z } from 'zod';
import type { HumanActionKind } from '../shared/profile/actions';
import type { Role } from '../shared/profile/schema';
import type { backupSubmissionSchema, restoreSubmissionSchema, submissionSchema } from '../shared/request';

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

const serviceRequest = {
  applicantEmail: 'bappeda@opd.example.go.id',
  unitName: 'Bappeda',
  contact: { name: 'Rina Wulandari', contactNumber: '0812-2233-4455' },
  system: 'SIPD Perencanaan (basis data PostgreSQL)',
};

/** A back up request of the Jateng profile (procedure "backup"). */
export const exampleBackupSubmission: z.input<typeof backupSubmissionSchema> = {
  letter: { letterNumber: '005/211/Bappeda/2026', letterDate: '2026-11-20', subject: 'Permintaan back up basis data SIPD Perencanaan' },
  ...serviceRequest,
  scope: 'Basis data sipd_perencanaan dan berkas unggahan /var/sipd/uploads',
  preferredSchedule: 'setiap minggu, Jumat malam',
};

/** A restore request of the Jateng profile (procedure "restore"). */
export const exampleRestoreSubmission: z.input<typeof restoreSubmissionSchema> = {
  letter: { letterNumber: '005/230/Bappeda/2026', letterDate: '2026-11-21', subject: 'Permintaan restore basis data SIPD Perencanaan' },
  ...serviceRequest,
  backupRef: 'Back up mingguan 2026-11-13, berkas sipd_perencanaan_20261113.dump',
  reason: 'Data anggaran terhapus tidak sengaja pada 2026-11-19',
};

/** One decision of the walkthrough: who takes it, and what they send for request `no`. */
export interface WalkthroughDecision {
  kind: HumanActionKind;
  role: Role;
  body: (no: string) => Record<string, unknown>;
}

/**
 * The decisions of a Cirebon colocation case from disposition to handover, in the SOP's order
 * (README, step 4): rows 2 (two dispositions), 3 (the capacity check reserves), 4, 5 (the form
 * persetujuan), 7 (staff record the delivery) and 8 (verification, installation, handover).
 */
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

/**
 * A Jateng back up service up to its first scheduled repeat (rows 1–4): then it waits for its
 * schedule until the SKPD asks to stop it (POST /requests/{no}/stop), and `jatengBackupStop` ends it.
 */
export const jatengBackupWalkthrough: WalkthroughDecision[] = [
  { kind: 'disposition', role: 'kadis', body: () => ({ note: 'Untuk Seksi Pengelolaan Data Center' }) },
  { kind: 'backupPlan', role: 'kasi', body: () => ({ scope: 'Basis data sipd_perencanaan dan berkas unggahan', schedule: { every: 1, unit: 'minggu' } }) },
  { kind: 'backupRun', role: 'dcStaff', body: () => ({ files: 'sipd_perencanaan.dump, uploads.tar.gz', storedAt: 'NAS-DC/backup/bappeda', sizeMb: 5120 }) },
  { kind: 'task', role: 'dcStaff', body: () => ({ note: 'Kebutuhan ruang dan bandwidth back up dicatat' }) },
];

/** After the stop letter: row 4 again (no further back up), the Kadis' disposition, the stop (rows 6–7). */
export const jatengBackupStop: WalkthroughDecision[] = [
  { kind: 'task', role: 'dcStaff', body: () => ({ note: 'Penghentian diminta SKPD' }) },
  { kind: 'disposition', role: 'kadis', body: () => ({ note: 'Hentikan layanan back up' }) },
  { kind: 'backupStop', role: 'dcStaff', body: () => ({ note: 'Jadwal back up dinonaktifkan' }) },
];

/** A Jateng restore from disposition to the confirmation form, restored at the first attempt. */
export const jatengRestoreWalkthrough: WalkthroughDecision[] = [
  { kind: 'disposition', role: 'kadis', body: () => ({ note: 'Untuk Seksi Pengelolaan Data Center' }) },
  { kind: 'clarification', role: 'kasi', body: () => ({ summary: 'Restore dari back up mingguan 2026-11-13 ke server staging dulu' }) },
  { kind: 'approval', role: 'kabid', body: () => ({ decision: 'approve', consideration: 'Rencana restore disetujui' }) },
  { kind: 'restoreRun', role: 'dcStaff', body: () => ({ restoredFrom: 'sipd_perencanaan_20261113.dump' }) },
  { kind: 'decision', role: 'dcStaff', body: () => ({ answer: 'ya', note: 'Data terpulihkan dan diperiksa' }) },
  { kind: 'restoreReport', role: 'dcStaff', body: () => ({ summary: 'Restore berhasil; data anggaran kembali lengkap' }) },
];
