// The Bahasa Indonesia text of every email Kolokasi sends, one function per event. An email that
// asks its reader to act ends its message with the link to the page where they act.
import type { EmailIntent, EmailRequest } from '../../shared/emails';
import type { WebLinks } from './links';

export interface RenderedEmail {
  subject: string;
  text: string;
}

const signature = '\n\nSalam,\nLayanan Data Center\n(email ini dikirim otomatis oleh sistem Kolokasi)';

function lines(...parts: (string | false | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === 'string').join('\n');
}

export function renderEmail(request: EmailRequest, links: WebLinks): RenderedEmail {
  const { requestNumber: no, applicantUnit: unit, domain, agency } = request;
  const onCasePage = `Tindak lanjuti melalui halaman permohonan: ${links.casePage(no)}`;
  // A placement's emails carry its placement number where a case's carry the request number.
  const onPlacementPage = `Tindak lanjuti melalui halaman penempatan: ${links.placementPage(no)}`;
  // The procedure's own name ("Prosedur Permintaan Back up"), lower-cased to sit inside a sentence
  // that already says "Permohonan" (Sumbar's procedure is titled "Permohonan Colocation"; Jateng's
  // "Permintaan Back up" would read "Permohonan permintaan back up").
  const service = request.procedureTitle.replace(/^(Prosedur\s+)?(Permohonan|Permintaan)?\s*/i, '').toLowerCase();
  const ref = `Permohonan ${no} (${unit}, ${domain})`;
  const intent: EmailIntent = request.intent;
  switch (intent.template) {
    case 'submitted':
      return {
        subject: `[${no}] Permohonan ${service} telah diterima`,
        text: lines(`Yth. ${unit},`, '', `Surat permohonan ${service} (${domain}) telah kami terima di ${agency} dengan nomor ${no}.`, 'Kami akan memberitahukan setiap perkembangan melalui email ini.') + signature,
      };
    case 'taskAssigned':
      return {
        subject: `[${no}] Tugas baru: ${intent.action}`,
        text: lines('Yth. Bapak/Ibu,', '', `${ref} menunggu tindakan Anda.`, `Langkah SOP ${intent.step.sopStep}: ${intent.step.title}`, `Tindakan: ${intent.action}`, intent.deadline && `Batas waktu (mutu baku): ${intent.deadline}`, '', onCasePage) + signature,
      };
    case 'approved':
      return {
        subject: `[${no}] Permohonan co-location disetujui`,
        text: lines(`Yth. ${unit},`, '', `Permohonan co-location untuk domain ${domain} telah DISETUJUI.`, intent.consideration && `Pertimbangan: ${intent.consideration}`, intent.location && `Letak server: ${intent.location}`, intent.ipAddress && `Alamat IP: ${intent.ipAddress}`, ...(intent.bringServer !== false ? ['', 'Silakan membawa perangkat server beserta OS, perangkat lunak, dan aplikasi pendukung sesuai spesifikasi yang diajukan.', '', onCasePage] : [])) + signature,
      };
    case 'rejected':
      return {
        subject: `[${no}] Permohonan ${service} ditolak`,
        text: lines(`Yth. ${unit},`, '', `Dengan menyesal kami sampaikan bahwa permohonan ${service} (${domain}) DITOLAK oleh ${intent.byTitle}.`, `Pertimbangan: ${intent.consideration}`) + signature,
      };
    case 'noCapacity':
      return {
        subject: `[${no}] Kapasitas infrastruktur tidak tersedia`,
        text: lines(`Yth. ${unit},`, '', `Dengan menyesal kami sampaikan bahwa kapasitas infrastruktur data center saat ini tidak mencukupi untuk permohonan co-location domain ${domain}, sehingga proses permohonan selesai.`, ...intent.reasons.map((r) => `- ${r}`)) + signature,
      };
    case 'replyLetter':
      return {
        subject: `[${no}] Surat balasan permohonan co-location`,
        text: lines(`Yth. ${unit},`, '', intent.accepted
          ? `Bersama ini kami sampaikan surat balasan yang telah ditandatangani Kepala Dinas: permohonan co-location domain ${domain} DITERIMA. Silakan mengisi formulir yang dikirim dan mengirimkan server ke data center.`
          : `Bersama ini kami sampaikan surat balasan yang telah ditandatangani Kepala Dinas: permohonan co-location domain ${domain} TIDAK DAPAT DITERIMA karena kapasitas tidak tersedia.`, ...(intent.accepted ? ['', onCasePage] : [])) + signature,
      };
    case 'specMismatch':
      return {
        subject: `[${no}] Spesifikasi server tidak sesuai`,
        text: lines(`Yth. ${unit},`, '', 'Hasil verifikasi menunjukkan spesifikasi server yang diserahkan tidak sesuai dengan yang diajukan:', ...intent.reasons.map((r) => `- ${r}`), '', `Mohon perbaiki dan serahkan kembali perangkat (langkah SOP ${intent.returnTo.sopStep}: ${intent.returnTo.title}).`, '', onCasePage) + signature,
      };
    case 'reminder':
      return {
        subject: `[${no}] Pengingat: batas waktu langkah ${intent.step.sopStep} terlewati`,
        text: lines('Yth. Bapak/Ibu,', '', `${ref}: langkah SOP ${intent.step.sopStep} "${intent.step.title}" (${intent.step.performerTitle}) melewati batas waktu mutu baku ${intent.deadline}.`, intent.recordFor ? `Bila sudah dilaksanakan pemohon, mohon segera dicatat: ${intent.recordFor}.` : intent.applicantGraceUntil ? `Jika belum ditindaklanjuti sampai ${intent.applicantGraceUntil}, permohonan akan dinyatakan kedaluwarsa.` : 'Mohon segera ditindaklanjuti.', '', onCasePage) + signature,
      };
    case 'escalation':
      return {
        subject: `[${no}] Eskalasi: langkah ${intent.step.sopStep} belum diselesaikan`,
        text: lines('Yth. Bapak/Ibu,', '', `${ref}: langkah SOP ${intent.step.sopStep} "${intent.step.title}" yang menjadi tanggung jawab ${intent.responsibleTitle} belum diselesaikan sejak batas waktu ${intent.deadline}.`, 'Mohon arahan dan tindak lanjut Bapak/Ibu sebagai atasan.', '', onCasePage) + signature,
      };
    case 'expired':
      return {
        subject: `[${no}] Permohonan ${service} kedaluwarsa`,
        text: lines(`Yth. ${unit},`, '', `Permohonan ${service} (${domain}) dinyatakan KEDALUWARSA karena langkah SOP ${intent.step.sopStep} "${intent.step.title}" tidak ditindaklanjuti dalam batas waktu dan masa tenggang. Kapasitas yang dicadangkan telah dilepaskan.`, 'Silakan mengajukan permohonan baru bila masih diperlukan.') + signature,
      };
    case 'withdrawn':
      return {
        subject: `[${no}] Permohonan ${service} dibatalkan oleh pemohon`,
        text: lines(`Yth. ${unit},`, '', `Permohonan ${service} (${domain}) telah DIBATALKAN atas permintaan pemohon.`, `Alasan: ${intent.reason}`) + signature,
      };
    case 'cancelled':
      return {
        subject: `[${no}] Permohonan ${service} dibatalkan oleh pengelola layanan`,
        text: lines(`Yth. ${unit},`, '', `Permohonan ${service} (${domain}) telah DIBATALKAN oleh pengelola layanan ${agency}.`, `Keterangan: ${intent.reason}`) + signature,
      };
    case 'completed':
      return {
        subject: `[${no}] Server dan hosting aplikasi sudah dapat diakses`,
        text: lines(`Yth. ${unit},`, '', `Dengan ini kami laporkan bahwa server dan hosting aplikasi untuk domain ${domain} sudah selesai dipasang dan dapat diakses.`, intent.location && `Letak server: ${intent.location}`, intent.ipAddress && `Alamat IP: ${intent.ipAddress}`, intent.bastNumber && `Berita acara serah terima: ${intent.bastNumber}`) + signature,
      };
    case 'backupStopped':
      return {
        subject: `[${no}] Pelaksanaan back up dihentikan`,
        text: lines(`Yth. ${unit},`, '', `Sesuai surat permohonan penghentian, pelaksanaan back up ${domain} telah DIHENTIKAN.`, `Jumlah pelaksanaan back up: ${intent.runs}.`, intent.lastRun && `Back up terakhir: ${intent.lastRun}`) + signature,
      };
    case 'restoreResult':
      return {
        subject: `[${no}] Hasil pelaksanaan restore data back up`,
        text: lines(`Yth. ${unit},`, '', `Pelaksanaan restore data back up ${domain} telah selesai dan dikonfirmasi.`, `Hasil: ${intent.summary}`) + signature,
      };
    case 'placementReminder':
      return {
        subject: `[${no}] Pengingat: jangka waktu co-location ${domain} berakhir ${intent.until}`,
        text: lines(`Yth. ${unit},`, '', `Jangka waktu penempatan server co-location ${domain} (${no}) berakhir pada ${intent.until}, ${intent.daysLeft} hari lagi.`, `Bila server masih diperlukan, ajukan perpanjangan dengan tanggal akhir baru dan alasannya sebelum tanggal itu.`, `Tanpa perpanjangan yang disetujui, pencabutan co-location dimulai otomatis pada ${intent.until}.`, '', onPlacementPage) + signature,
      };
    case 'extensionRequested':
      return {
        subject: `[${no}] Permohonan perpanjangan co-location ${domain} sampai ${intent.until}`,
        text: lines('Yth. Bapak/Ibu,', '', `${unit} mengajukan perpanjangan jangka waktu penempatan server co-location ${domain} (${no}) dari ${intent.previousUntil} sampai ${intent.until}.`, `Alasan: ${intent.reason}`, '', `Mohon keputusan ${intent.approverTitle}.`, '', onPlacementPage) + signature,
      };
    case 'extensionDecided':
      return {
        subject: `[${no}] Perpanjangan co-location ${domain} ${intent.approved ? 'disetujui' : 'ditolak'}`,
        text: lines(`Yth. ${unit},`, '', intent.approved
          ? `Perpanjangan jangka waktu penempatan server co-location ${domain} DISETUJUI oleh ${intent.byTitle}: berlaku sampai ${intent.until}.`
          : `Perpanjangan jangka waktu penempatan server co-location ${domain} sampai ${intent.until} DITOLAK oleh ${intent.byTitle}; jangka waktu tetap berakhir ${intent.previousUntil}.`, `Pertimbangan: ${intent.consideration}`) + signature,
      };
    case 'withdrawalCompleted':
      return {
        subject: `[${no}] Pencabutan co-location ${domain} selesai`,
        text: lines(`Yth. ${unit},`, '', `Server co-location ${domain} (penempatan ${intent.placementNumber}) telah DICABUT dari data center ${agency}.`, intent.consideration && `Pertimbangan persetujuan: ${intent.consideration}`, intent.location && `Letak server yang dilepas: ${intent.location}`, intent.ipAddress && `Alamat IP yang dilepas: ${intent.ipAddress}`, intent.removedBy && `Dicabut oleh: ${intent.removedBy}`, '', 'Aset register mencatat server ini sebagai "withdrawn".') + signature,
      };
    case 'totalBreach':
      return {
        subject: `[${no}] Waktu layanan ${intent.standard} terlampaui`,
        text: lines('Yth. Bapak/Ibu,', '', `${ref} belum selesai dalam waktu pelaksanaan layanan ${intent.standard} (batas ${intent.deadline}).`, '', onCasePage) + signature,
      };
  }
}
