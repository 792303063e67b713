// The letters the SOPs send the applicant ("Surat kepada SKPD", Sumbar's surat balasan signed by
// the Kadis), as numbered documents: one per letter email the case queues, with the same facts.
import type { EmailRequest } from '../../emails';
import type { DocumentKind } from '../../profile/vocabulary';
import type { DocumentSection } from '../content';
import { indonesianIsoDate } from '../indonesianDate';
import { DocumentDraft, DraftContext, draftId, placeAndDate, roleTitle } from './draft';

type LetterTemplate = 'approved' | 'replyLetter' | 'noCapacity' | 'backupStopped' | 'restoreResult';

/** Which letter email carries which document. The completion and withdrawal reports are notices, not SOP letters. */
export const letterKinds: Record<LetterTemplate, DocumentKind> = {
  approved: 'surat-persetujuan',
  replyLetter: 'surat-balasan',
  noCapacity: 'surat-kapasitas',
  backupStopped: 'surat-penghentian-backup',
  restoreResult: 'surat-hasil-restore',
};

const isLetterTemplate = (template: string): template is LetterTemplate => template in letterKinds;

/** An email is a letter when the workflow queued it as one: its key ends in `letter/<name>`. */
export function isLetterEmail(email: EmailRequest): boolean {
  return /\/letter\/[^/]+$/.test(email.key) && isLetterTemplate(email.intent.template);
}

function body(email: EmailRequest, ctx: DraftContext): { subject: string; paragraphs: string[] } {
  const { intent, domain } = email;
  const letter = ctx.state.submission.letter;
  const referring = letter ? `Menindaklanjuti surat Saudara nomor ${letter.letterNumber} tanggal ${indonesianIsoDate(letter.letterDate)} perihal ${letter.subject}, ` : 'Menindaklanjuti permohonan Saudara, ';
  switch (intent.template) {
    case 'approved':
      return {
        subject: 'Persetujuan Permohonan Co-location',
        paragraphs: [
          `${referring}dengan ini kami sampaikan bahwa permohonan co-location untuk domain ${domain} (nomor permohonan ${email.requestNumber}) DISETUJUI.`,
          ...(intent.consideration ? [`Pertimbangan: ${intent.consideration}`] : []),
          ...(intent.location ? [`Letak server: ${intent.location}.`] : []),
          ...(intent.bringServer !== false ? ['Selanjutnya mohon perangkat server beserta OS, perangkat lunak dan aplikasi pendukung sesuai spesifikasi yang diajukan diserahkan ke data center.'] : []),
        ],
      };
    case 'replyLetter':
      return {
        subject: 'Balasan Permohonan Co-location',
        paragraphs: [intent.accepted
          ? `${referring}dengan ini kami sampaikan bahwa permohonan co-location untuk domain ${domain} (nomor permohonan ${email.requestNumber}) DAPAT DITERIMA. Mohon mengisi formulir yang kami kirimkan dan mengirimkan server ke data center.`
          : `${referring}dengan ini kami sampaikan bahwa permohonan co-location untuk domain ${domain} (nomor permohonan ${email.requestNumber}) TIDAK DAPAT DITERIMA karena kapasitas infrastruktur data center tidak tersedia.`],
      };
    case 'noCapacity':
      return {
        subject: 'Pemberitahuan Ketidaktersediaan Kapasitas Infrastruktur',
        paragraphs: [
          `${referring}dengan ini kami sampaikan bahwa kapasitas infrastruktur data center (listrik, bandwidth, tempat) saat ini tidak tersedia untuk permohonan co-location domain ${domain} (nomor permohonan ${email.requestNumber}).`,
          ...intent.reasons.map((r) => `- ${r}`),
        ],
      };
    case 'backupStopped':
      return {
        subject: 'Pemberitahuan Penghentian Back up',
        paragraphs: [
          `${referring}dengan ini kami sampaikan bahwa pelaksanaan back up ${domain} (nomor permohonan ${email.requestNumber}) telah DIHENTIKAN sesuai surat permohonan penghentian.`,
          `Jumlah pelaksanaan back up: ${intent.runs}.${intent.lastRun ? ` Back up terakhir: ${intent.lastRun}.` : ''}`,
        ],
      };
    case 'restoreResult':
      return {
        subject: 'Hasil Pelaksanaan Restore Data Back up',
        paragraphs: [`${referring}dengan ini kami sampaikan bahwa pelaksanaan restore data back up ${domain} (nomor permohonan ${email.requestNumber}) telah selesai dan dikonfirmasi.`, `Hasil: ${intent.summary}`],
      };
    default:
      throw new Error(`${email.key} is not a letter`);
  }
}

export function letterDraft(email: EmailRequest, at: string, ctx: DraftContext): DocumentDraft | undefined {
  if (!isLetterEmail(email)) return undefined;
  const kind = letterKinds[email.intent.template as LetterTemplate];
  const { subject, paragraphs } = body(email, ctx);
  const sections: DocumentSection[] = [
    ...paragraphs.map((text) => ({ type: 'paragraph' as const, text })),
    { type: 'paragraph', text: 'Demikian kami sampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.' },
  ];
  const head = roleTitle(ctx.profile, 'kadis', 'Kepala Dinas');
  return {
    id: draftId(email.requestNumber, kind),
    kind,
    requestNumber: email.requestNumber,
    issuedAt: at,
    content: {
      kind,
      title: 'SURAT',
      letter: { subject, to: [`Yth. ${email.applicantUnit}`, 'di Tempat'] },
      sections,
      place: placeAndDate(ctx.profile, at),
      signatures: [{ caption: `a.n. ${ctx.profile.agency.name}`, title: head }],
    },
  };
}
