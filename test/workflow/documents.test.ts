// A completed case of each seed profile yields its documents as numbered PDFs: each is read back
// with pdf-parse (its title, number, the date the Indonesian way in the agency's time zone, the
// fields and NIPs it must print, its page count), numbers run 1..N per agency and year, letters
// go out as PDF attachments of their emails, and one page is rendered to PNG for a person to look at.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { documentsOfCase } from '../../api/cases/caseDocuments';
import { CaseDocument } from '../../shared/db/document';
import { OutboxEmail } from '../../shared/db/outbox';
import { renderStoredDocument } from '../../shared/documents/storedDocument';
import { getProfile } from '../../shared/profile/registry';
import type { IndonesianTimeZone } from '../../shared/profile/schema';
import { aSubmission } from '../fixtures/submission';
import { waitForEmails } from '../support/mailbox';
import { readPdf } from '../support/readPdf';
import { createHarness, Harness } from './support/caseHarness';
import { drive } from './support/drive';

const PUBLIC_URL = 'https://kolokasi.example.go.id';
const IANA: Record<IndonesianTimeZone, string> = { WIB: 'Asia/Jakarta', WITA: 'Asia/Makassar', WIT: 'Asia/Jayapura' };

/** The expected date, worked out by the platform's own Indonesian locale, not by the code under test. */
function expectedDate(at: Date, timeZone: IndonesianTimeZone): string {
  return new Intl.DateTimeFormat('id-ID', { timeZone: IANA[timeZone], weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(at);
}

/** pdf.js puts the characters of one line together, but may break lines and spaces its own way. */
const flat = (s: string): string => s.replace(/\s+/g, ' ');

let h: Harness;
beforeAll(async () => {
  h = await createHarness('kolokasi_wf_documents');
});
afterAll(() => h?.close());

const colocation: [string, string[]][] = [
  ['cirebon', ['form-pengajuan', 'form-persetujuan', 'bast', 'surat-persetujuan']],
  ['ciamis', ['form-pengajuan', 'form-persetujuan', 'bast']],
  ['kaltim', ['form-pengajuan', 'form-persetujuan', 'bast', 'surat-persetujuan']],
  ['sumbar', ['form-pengajuan', 'surat-balasan', 'ba-pengerjaan']],
  ['jateng', ['form-pengajuan', 'ba-klarifikasi', 'form-persetujuan', 'surat-persetujuan', 'bast']],
];

/** The case's documents, as the collection holds them; the API's lookup by id must list the same. */
async function documentsOf(requestNumber: string) {
  const documents = await CaseDocument.find({ requestNumber }).sort({ createdAt: 1, _id: 1 }).lean();
  expect((await documentsOfCase(requestNumber)).map((d) => d._id)).toEqual(documents.map((d) => d._id));
  return documents;
}

async function readBack(id: string) {
  const rendered = (await renderStoredDocument(id, PUBLIC_URL))!;
  expect(rendered).toBeDefined();
  return { ...rendered, ...(await readPdf(rendered.pdf)) };
}

describe.each(colocation)('%s: a completed colocation', (profileId, kinds) => {
  test('has its forms, berita acara and letters as numbered PDFs that print what the case recorded', async () => {
    const profile = getProfile(profileId);
    const handle = await h.start(profileId);
    const { state } = await drive(h, handle);
    expect(state.status).toBe('completed');
    const documents = await documentsOf(state.requestNumber);
    expect(documents.map((d) => d.kind).sort()).toEqual([...kinds].sort());
    const { form, servers } = aSubmission();

    for (const record of documents) {
      const { document, pdf, text, pages } = await readBack(record._id);
      const printed = flat(text);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(printed).toContain(`Halaman ${pages} dari ${pages}`);
      expect(printed).toContain(profile.agency.name.toUpperCase());
      expect(printed).toContain(document.number);
      expect(document.number).toMatch(new RegExp(`^[A-Z]+/\\d{4}/${profile.code}/\\d{4}$`));
      expect(printed).toContain(`${profile.agency.city}, ${expectedDate(record.issuedAt!, profile.timeZone).replace(/^\w+, /, '')}`);
      expect(printed).toContain(`${PUBLIC_URL}/verifikasi/${record.verificationCode}`);
      if (!document.content.letter) {
        expect(printed).toContain(document.content.title);
        expect(printed).toContain(expectedDate(record.issuedAt!, profile.timeZone));
      }
      // The same record renders the same bytes.
      expect((await renderStoredDocument(record._id, PUBLIC_URL))!.pdf.equals(pdf)).toBe(true);
      switch (record.kind) {
        case 'form-pengajuan':
          for (const value of [form.unitName, form.responsibleOfficer, form.nip, form.domain, servers[0]!.name]) expect(printed).toContain(value);
          break;
        case 'bast':
          for (const value of ['Yang Menyerahkan', 'Yang Menerima', 'NIP. 198503152010012003', 'NIP. 199001012015031001', 'Siti Rahmawati', 'Andi Pratama', 'SN-0001']) expect(printed).toContain(value);
          expect(state.handover?.bastNumber).toBe(record.number);
          break;
        case 'form-persetujuan':
          expect(printed).toContain('Telah MENYETUJUI permohonan co-location');
          expect(printed).toContain('Kapasitas tersedia dan dokumen lengkap');
          expect(printed).toContain('kata sandi diserahkan langsung kepada pemohon');
          break;
        case 'ba-pengerjaan':
          expect(printed).toContain('BERITA ACARA PENGERJAAN');
          expect(printed).toContain(`zabbix-${state.requestNumber}`);
          break;
        case 'ba-klarifikasi':
          expect(printed).toContain('Kebutuhan 2U, 800 W, 50 Mbps dikonfirmasi');
          break;
        default: {
          // A letter: numbered, and attached to the email that sends it.
          expect(printed).toContain('Perihal');
          expect(printed).toContain(`Yth. ${form.unitName}`);
          const email = await OutboxEmail.findById(`${state.requestNumber}/letter/${profileId === 'sumbar' ? 'replyLetter' : 'approved'}`).lean();
          expect(email?.attachments).toEqual([record._id]);
          // MailDev received it with the PDF, rendered at send time.
          const [received] = await waitForEmails((e) => e.subject === email!.subject && e.to.some((t) => t.address === state.applicantEmail));
          expect((received as unknown as { attachments?: { contentType: string; filename: string }[] }).attachments).toEqual([expect.objectContaining({ contentType: 'application/pdf', filename: expect.stringMatching(new RegExp(`_${state.requestNumber}\\.pdf$`)) })]);
        }
      }
    }
  });
});

test('jateng: back up and restore send their letters as numbered PDFs; a withdrawal has its form pencabutan', async () => {
  const backup = (await drive(h, await h.start('jateng', 'backup'))).state;
  const restore = (await drive(h, await h.start('jateng', 'restore'))).state;
  const withdrawal = (await drive(h, await h.start('kaltim', 'withdrawal'))).state;
  expect((await documentsOf(backup.requestNumber)).map((d) => d.kind)).toEqual(['surat-penghentian-backup']);
  expect((await documentsOf(restore.requestNumber)).map((d) => d.kind).sort()).toEqual(['ba-klarifikasi', 'surat-hasil-restore']);
  const [pencabutan] = await documentsOf(withdrawal.requestNumber);
  expect(pencabutan?.kind).toBe('form-pencabutan');
  const stopped = flat((await readBack(`${backup.requestNumber}.surat-penghentian-backup`)).text);
  expect(stopped).toContain('Pemberitahuan Penghentian Back up');
  expect(stopped).toContain('telah DIHENTIKAN');
  const withdrawn = flat((await readBack(pencabutan!._id)).text);
  expect(withdrawn).toContain('FORMULIR PENCABUTAN CO-LOCATION');
  expect(withdrawn).toContain('Server tidak lagi digunakan; pencabutan disetujui');
});

test('each agency numbers its documents 1..N in the year, without gap or repeat', async () => {
  const all = await CaseDocument.find({}, { number: 1, profileId: 1 }).lean();
  for (const profileId of ['cirebon', 'ciamis', 'kaltim', 'sumbar', 'jateng']) {
    const seqs = all.filter((d) => d.profileId === profileId).map((d) => Number(d.number!.split('/')[1])).sort((a, b) => a - b);
    expect([profileId, seqs.length > 0]).toEqual([profileId, true]);
    expect([profileId, seqs]).toEqual([profileId, Array.from({ length: seqs.length }, (_, i) => i + 1)]);
  }
});

test('a page renders to PNG for a person to look at', async () => {
  const bast = await CaseDocument.findOne({ kind: 'bast', profileId: 'jateng' }).lean();
  const { pdf } = (await renderStoredDocument(bast!._id, PUBLIC_URL))!;
  // Provisioned by globalSetup (scripts/tools.ts: provisionPdftoppm), like the other tools.
  const pdftoppm = process.env.KOLOKASI_PDFTOPPM;
  if (!pdftoppm) throw new Error('KOLOKASI_PDFTOPPM is not set: run the tests through jest, whose globalSetup provisions pdftoppm');
  const dir = path.join(process.env.KOLOKASI_TEST_LOG_DIR ?? '/tmp', 'documents');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'bast.pdf'), pdf);
  execFileSync(pdftoppm, ['-png', '-r', '80', '-f', '1', '-l', '1', path.join(dir, 'bast.pdf'), path.join(dir, 'bast')]);
  expect(existsSync(path.join(dir, 'bast-1.png'))).toBe(true);
});
