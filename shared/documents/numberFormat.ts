// An official document number from the agency's format: `{prefix}/{seq:4}/{code}/{year}` unless the
// profile says otherwise, e.g. `027/{seq:4}/Diskominfo/{year}` → `027/0123/Diskominfo/2026`.
import type { DocumentNumbering } from '../profile/schema';
import type { DocumentKind } from '../profile/vocabulary';

export const DEFAULT_NUMBER_FORMAT = '{prefix}/{seq:4}/{code}/{year}';

/** Short marks an office writes before the running number, by kind; a profile may set its own. */
export const DEFAULT_PREFIXES: Record<DocumentKind, string> = {
  'form-pengajuan': 'FPG',
  'form-persetujuan': 'FPS',
  bast: 'BAST',
  'form-pencabutan': 'FPC',
  'ba-klarifikasi': 'BAK',
  'ba-pengerjaan': 'BAP',
  'surat-persetujuan': 'SRT',
  'surat-balasan': 'SRT',
  'surat-kapasitas': 'SRT',
  'surat-penghentian-backup': 'SRT',
  'surat-hasil-restore': 'SRT',
};

export interface NumberParts {
  kind: DocumentKind;
  /** The profile's code (CRB, JTG). */
  code: string;
  year: number;
  /** Roman month of issue (XI). */
  month: string;
  seq: number;
}

export function formatDocumentNumber(numbering: DocumentNumbering | undefined, parts: NumberParts): string {
  const format = numbering?.numberFormat ?? DEFAULT_NUMBER_FORMAT;
  const prefix = numbering?.prefixes?.[parts.kind] ?? DEFAULT_PREFIXES[parts.kind];
  return format.replace(/\{(prefix|code|year|month|seq)(?::([1-9]))?\}/g, (_all, name: string, width?: string) => {
    switch (name) {
      case 'prefix':
        return prefix;
      case 'code':
        return parts.code;
      case 'year':
        return String(parts.year);
      case 'month':
        return parts.month;
      default:
        return String(parts.seq).padStart(Number(width ?? 1), '0');
    }
  });
}

/** What lists call each kind, as an office names its papers. */
export const DOCUMENT_NAMES: Record<DocumentKind, string> = {
  'form-pengajuan': 'Formulir Pengajuan Co-location',
  'form-persetujuan': 'Formulir Persetujuan Co-location',
  bast: 'Berita Acara Serah Terima',
  'form-pencabutan': 'Formulir Pencabutan Co-location',
  'ba-klarifikasi': 'Berita Acara Klarifikasi',
  'ba-pengerjaan': 'Berita Acara Pengerjaan',
  'surat-persetujuan': 'Surat Persetujuan Co-location',
  'surat-balasan': 'Surat Balasan Permohonan Co-location',
  'surat-kapasitas': 'Surat Pemberitahuan Ketidaktersediaan Kapasitas',
  'surat-penghentian-backup': 'Surat Pemberitahuan Penghentian Back up',
  'surat-hasil-restore': 'Surat Hasil Pelaksanaan Restore',
};
