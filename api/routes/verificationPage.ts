// The page the QR code on a printed document opens: a few lines a person at a counter can read,
// in Bahasa Indonesia, with no script and no session.
import type { DocumentVerification } from './documents';

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function verificationPage(v: DocumentVerification): string {
  const colour = v.status === 'current' ? '#1a7f37' : v.status === 'superseded' ? '#9a6700' : '#cf222e';
  const verdict = v.status === 'current' ? 'ASLI DAN BERLAKU' : v.status === 'superseded' ? 'ASLI, TELAH DIGANTI' : 'TIDAK DIKENAL';
  const rows: [string, string | null][] = [
    ['Nomor', v.number], ['Jenis', v.title], ['Nomor Permohonan', v.requestNumber], ['Tanggal Terbit', v.issuedOn], ['Diganti oleh', v.supersededBy],
  ];
  const table = rows.filter(([, value]) => value).map(([label, value]) => `<tr><th>${escape(label)}</th><td>${escape(value!)}</td></tr>`).join('');
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verifikasi Dokumen · Kolokasi</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2328}h1{font-size:1.3rem}.verdict{border-left:6px solid ${colour};padding:.75rem 1rem;background:#f6f8fa;font-weight:600;color:${colour}}th{text-align:left;padding:.3rem 1rem .3rem 0;vertical-align:top}td{padding:.3rem 0}</style>
</head><body><h1>Verifikasi Dokumen</h1>
<p class="verdict">${verdict}</p><p>${escape(v.message)}</p>
${table ? `<table>${table}</table>` : ''}
</body></html>`;
}
