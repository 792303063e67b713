// A document as plain text: the `body` that GET /requests/{no}/documents has always shown, now
// written from the same fields as the PDF.
import type { DocumentContent, Letterhead } from './content';

export function documentPlainText(o: { number: string; date: string; letterhead: Letterhead; content: DocumentContent }): string {
  const { content } = o;
  const lines: string[] = [o.letterhead.government, o.letterhead.agency, ...o.letterhead.address, ''];
  if (content.letter) {
    lines.push(`Nomor    : ${o.number}`, `Perihal  : ${content.letter.subject}`, `Tanggal  : ${o.date}`, '', 'Kepada', ...content.letter.to, '');
  } else {
    lines.push(content.title, `Nomor: ${o.number}`, `Tanggal: ${o.date}`, '');
  }
  for (const s of content.sections) {
    if (s.type === 'paragraph') lines.push(s.text, '');
    else if (s.type === 'fields') lines.push(...(s.heading ? [s.heading] : []), ...s.fields.map((f) => `${f.label.padEnd(30)}: ${f.value}`), '');
    else lines.push(...(s.heading ? [s.heading] : []), s.columns.join(' | '), ...s.rows.map((r) => r.cells.join(' | ')), '');
  }
  lines.push(content.place);
  for (const sig of content.signatures) lines.push(`${sig.caption} ${sig.title}: ${sig.name ?? '(.....)'}${sig.nip ? `, NIP ${sig.nip}` : ''}`);
  return lines.join('\n');
}
