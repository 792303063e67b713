// How a procedure's name reads inside an applicant's email: "Permohonan" is said once.
import { renderEmail } from '../../activities/emails/templates';
import type { EmailRequest } from '../../shared/emails';

const request = (procedureTitle: string): EmailRequest => ({
  key: 'k',
  to: [{ applicant: true }],
  intent: { template: 'submitted' },
  requestNumber: 'JTG-BU-2026-0001',
  profileId: 'jateng',
  procedureTitle,
  applicantEmail: 'dinkes@opd.example.go.id',
  applicantUnit: 'Dinas Kesehatan',
  domain: 'SIMPUS',
  agency: 'Dinas Komunikasi dan Informatika Provinsi Jawa Tengah',
});

test.each([
  ['Permintaan Back up', 'Permohonan back up telah diterima'],
  ['Prosedur Permintaan Restore', 'Permohonan restore telah diterima'],
  ['Permohonan Colocation', 'Permohonan colocation telah diterima'],
  ['Co-Location / Penempatan Server dan Hosting Aplikasi', 'Permohonan co-location / penempatan server dan hosting aplikasi telah diterima'],
])('the receipt of "%s" reads "%s"', (title, subject) => {
  expect(renderEmail(request(title)).subject).toBe(`[JTG-BU-2026-0001] ${subject}`);
});
