// NIP (Nomor Induk Pegawai): the 18-digit civil-servant number. Its parts carry meaning, so a
// typo usually breaks one of them: birth date YYYYMMDD, appointment YYYYMM, sex 1/2, sequence.
import { z } from 'zod';
import { latestIndonesianDate } from './text';

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Why a NIP is not plausible, in Bahasa Indonesia, or undefined when it is. */
export function nipProblem(raw: string, nowMs = Date.now()): string | undefined {
  const nip = raw.replace(/\s+/g, '');
  if (!/^\d{18}$/.test(nip)) return 'NIP harus 18 digit angka';
  const birthYear = Number(nip.slice(0, 4));
  const birthMonth = Number(nip.slice(4, 6));
  const birthDay = Number(nip.slice(6, 8));
  const appointedYear = Number(nip.slice(8, 12));
  const appointedMonth = Number(nip.slice(12, 14));
  const sex = nip[14];
  if (birthYear < 1940 || birthYear > 2010 || !isRealDate(birthYear, birthMonth, birthDay)) {
    return 'NIP: tanggal lahir (digit 1-8) tidak masuk akal';
  }
  if (appointedMonth < 1 || appointedMonth > 12 || appointedYear < birthYear + 15) {
    return 'NIP: tahun/bulan pengangkatan (digit 9-14) tidak masuk akal';
  }
  // Nobody is appointed in a month that has not begun anywhere in Indonesia yet.
  if (`${nip.slice(8, 12)}-${nip.slice(12, 14)}` > latestIndonesianDate(nowMs).slice(0, 7)) {
    return 'NIP: tahun/bulan pengangkatan (digit 9-14) tidak boleh di masa depan';
  }
  if (sex !== '1' && sex !== '2') return 'NIP: digit ke-15 (jenis kelamin) harus 1 atau 2';
  if (nip.slice(15) === '000') return 'NIP: nomor urut (digit 16-18) tidak boleh 000';
  return undefined;
}

/** Accepts the printed form with spaces ("19671110 199703 1 008") and stores the 18 digits. */
export const nipSchema = z
  .string()
  .max(40, 'NIP harus 18 digit angka')
  .transform((s) => s.replace(/\s+/g, ''))
  .superRefine((nip, ctx) => {
    const problem = nipProblem(nip);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
