// The review's emails, in Bahasa Indonesia, through the outbox like every case email: keyed by what
// they are about (`register-review-kaltim-2026/reminder`), so a retry never sends one twice.
import type { Role } from '../../shared/profile/schema';
import type { WebLinks } from '../emails/links';
import { addressesIn, staffDirectory } from '../emails/staffDirectory';
import { enqueueEmail, EnqueueResult } from '../outbox/enqueue';

export type ReviewEmailIntent =
  | { template: 'reviewOpened'; count: number; deadline: string; performerTitle: string }
  | { template: 'reviewReminder'; open: number; deadline: string }
  | { template: 'reviewEscalation'; open: number; deadline: string; responsibleTitle: string }
  | { template: 'reviewReport'; text: string };

export interface ReviewEmail {
  /** Unique per logical email: `${reviewId}/opened`. */
  key: string;
  reviewId: string;
  year: number;
  agency: string;
  to: Role[];
  cc?: Role[];
  intent: ReviewEmailIntent;
}

const signature = '\n\nSalam,\nLayanan Data Center\n(email ini dikirim otomatis oleh sistem Kolokasi)';

export function renderReviewEmail(email: ReviewEmail, links: WebLinks): { subject: string; text: string } {
  const { reviewId, year, agency, intent } = email;
  const review = `Peninjauan aset register server ${agency} tahun ${year}`;
  const onTasksPage = `Tindak lanjuti melalui halaman tinjauan: ${links.reviewTasks}`;
  switch (intent.template) {
    case 'reviewOpened':
      return {
        subject: `[${reviewId}] Peninjauan aset register ${year} dibuka: ${intent.count} aset`,
        text: [
          'Yth. Bapak/Ibu,',
          '',
          `${review} telah dibuka (${reviewId}).`,
          `Jumlah aset yang ditinjau: ${intent.count}. Pelaksana: ${intent.performerTitle}.`,
          'Untuk setiap aset, pastikan server masih ada, masih digunakan, dan datanya (rak, alamat IP, S/N, unit pemilik, kontak) benar; koreksi bila perlu dengan alasan, atau laporkan bila server tidak ditemukan.',
          `Batas waktu: ${intent.deadline}`,
          '',
          onTasksPage,
        ].join('\n') + signature,
      };
    case 'reviewReminder':
      return {
        subject: `[${reviewId}] Pengingat: batas waktu peninjauan aset register ${year} terlewati`,
        text: ['Yth. Bapak/Ibu,', '', `${review} melewati batas waktu ${intent.deadline}.`, `Aset yang belum ditinjau: ${intent.open}.`, 'Mohon segera ditindaklanjuti.', '', onTasksPage].join('\n') + signature,
      };
    case 'reviewEscalation':
      return {
        subject: `[${reviewId}] Eskalasi: peninjauan aset register ${year} belum diselesaikan`,
        text: [
          'Yth. Bapak/Ibu,',
          '',
          `${review} yang menjadi tanggung jawab ${intent.responsibleTitle} belum diselesaikan sejak batas waktu ${intent.deadline}.`,
          `Aset yang belum ditinjau: ${intent.open}.`,
          'Mohon arahan dan tindak lanjut Bapak/Ibu sebagai atasan.',
          '',
          onTasksPage,
        ].join('\n') + signature,
      };
    case 'reviewReport':
      return { subject: `[${reviewId}] Laporan peninjauan aset register ${year}`, text: intent.text + signature };
  }
}

export async function enqueueReviewEmail(email: ReviewEmail, links: WebLinks): Promise<EnqueueResult> {
  const directory = await staffDirectory([...email.to, ...(email.cc ?? [])]);
  const to = addressesIn(directory, email.to);
  const cc = addressesIn(directory, email.cc ?? []).filter((a) => !to.includes(a));
  const { subject, text } = renderReviewEmail(email, links);
  return enqueueEmail({ key: email.key, requestNumber: email.reviewId, template: email.intent.template, to, cc, subject, text });
}
