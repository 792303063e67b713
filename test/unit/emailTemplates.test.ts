// How a procedure's name reads inside an applicant's email ("Permohonan" is said once), and that
// every email asking its reader to act links to the web page where they act.
import { webLinks } from '../../activities/emails/links';
import { renderEmail } from '../../activities/emails/templates';
import { renderReviewEmail, ReviewEmailIntent } from '../../activities/registerReview/emails';
import type { EmailIntent, EmailRequest, StepRef } from '../../shared/emails';

const links = webLinks('https://kolokasi.jatengprov.go.id/');

const request = (procedureTitle: string, intent: EmailIntent = { template: 'submitted' }, requestNumber = 'JTG-BU-2026-0001'): EmailRequest => ({
  key: 'k',
  to: [{ applicant: true }],
  intent,
  requestNumber,
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
  expect(renderEmail(request(title), links).subject).toBe(`[JTG-BU-2026-0001] ${subject}`);
});

describe('links to the page where the reader acts', () => {
  const step: StepRef = { sopStep: '3', title: 'Mengisi formulir permohonan', performerTitle: 'Pemohon (OPD)' };
  const casePage = 'Tindak lanjuti melalui halaman permohonan: https://kolokasi.jatengprov.go.id/app/permohonan/JTG-2026-0007';
  const caseEmail = (intent: EmailIntent) => renderEmail(request('Serah Terima Colocation', intent, 'JTG-2026-0007'), links).text;

  test('a new task links to its case page', () => {
    const text = caseEmail({ template: 'taskAssigned', step, action: 'Mengisi formulir permohonan', deadline: 'Senin, 7 Desember 2026 15.00 WIB' });
    expect(text).toContain(`Batas waktu (mutu baku): Senin, 7 Desember 2026 15.00 WIB\n\n${casePage}\n`);
  });

  test.each<[string, EmailIntent]>([
    ['the applicant\'s', { template: 'reminder', step, deadline: 'Senin, 7 Desember 2026 15.00 WIB', applicantGraceUntil: 'Kamis, 10 Desember 2026 15.00 WIB' }],
    ['the staff\'s who record the applicant\'s act', { template: 'reminder', step, deadline: 'Senin, 7 Desember 2026 15.00 WIB', recordFor: 'Menyerahkan server' }],
    ['a staff step\'s', { template: 'reminder', step, deadline: 'Senin, 7 Desember 2026 15.00 WIB' }],
  ])('%s reminder links to the case page', (_who, intent) => {
    expect(caseEmail(intent)).toContain(`\n\n${casePage}\n`);
  });

  test.each<[string, EmailIntent]>([
    ['an escalation', { template: 'escalation', step, deadline: 'Senin, 7 Desember 2026 15.00 WIB', responsibleTitle: 'Kasi Infras' }],
    ['an approval that asks for the server', { template: 'approved', location: 'R01 U1-U2' }],
    ['an accepted reply letter (fill in the form, bring the server)', { template: 'replyLetter', accepted: true }],
    ['a spec mismatch (bring it again)', { template: 'specMismatch', reasons: ['RAM 16 GB, diajukan 32 GB'], returnTo: step }],
    ['an overrun of the whole service time', { template: 'totalBreach', standard: '4 hari kerja', deadline: 'Senin, 7 Desember 2026 15.00 WIB' }],
  ])('%s links to the case page', (_what, intent) => {
    expect(caseEmail(intent)).toContain(`\n\n${casePage}\n`);
  });

  test.each<[string, EmailIntent]>([
    ['a receipt', { template: 'submitted' }],
    ['an approval that needs nothing brought', { template: 'approved', bringServer: false }],
    ['a refused reply letter', { template: 'replyLetter', accepted: false }],
    ['a rejection', { template: 'rejected', consideration: 'Belum lulus uji keamanan', byTitle: 'Kabid TIK' }],
    ['a completion', { template: 'completed', domain: 'SIMPUS' }],
  ])('%s asks nothing, so links nowhere', (_what, intent) => {
    expect(caseEmail(intent)).not.toContain('/app/');
  });

  test.each<[string, EmailIntent]>([
    ['the term\'s reminder (ask for an extension)', { template: 'placementReminder', until: '31 Desember 2026', daysLeft: 30 }],
    ['an extension to decide', { template: 'extensionRequested', until: '31 Desember 2027', previousUntil: '31 Desember 2026', reason: 'Masih dipakai', approverTitle: 'Kabid TIK' }],
  ])('a placement\'s email: %s links to the placement page', (_what, intent) => {
    const text = renderEmail(request('Serah Terima Colocation', intent, 'JTG-PL-2026-0002'), links).text;
    expect(text).toContain('\n\nTindak lanjuti melalui halaman penempatan: https://kolokasi.jatengprov.go.id/app/penempatan/JTG-PL-2026-0002\n');
    expect(text).not.toContain('POST /placements');
  });

  test.each<[string, ReviewEmailIntent]>([
    ['opening', { template: 'reviewOpened', count: 3, deadline: 'Jumat, 29 Januari 2027 15.00 WIB', performerTitle: 'Personil DC' }],
    ['reminder', { template: 'reviewReminder', open: 1, deadline: 'Jumat, 29 Januari 2027 15.00 WIB' }],
    ['escalation', { template: 'reviewEscalation', open: 1, deadline: 'Jumat, 29 Januari 2027 15.00 WIB', responsibleTitle: 'Personil DC' }],
  ])('the register review\'s %s links to the review tasks page', (_what, intent) => {
    const { text } = renderReviewEmail({ key: 'k', reviewId: 'register-review-jateng-2027', year: 2027, agency: 'Diskominfo Jateng', to: ['dcStaff'], intent }, links);
    expect(text).toContain('\n\nTindak lanjuti melalui halaman tinjauan: https://kolokasi.jatengprov.go.id/app/tinjauan\n');
  });

  test('a request number is one path segment of the link, whatever it holds', () => {
    expect(webLinks('http://localhost:3000').casePage('CRB 2026/1')).toBe('http://localhost:3000/app/permohonan/CRB%202026%2F1');
  });
});
