// A stored document as the PDF renderer takes it: read by id, checked with zod (a record is data
// from outside the code), with the verification URL at the address people reach the API at.
import { CaseDocument } from '../db/document';
import { retryWhileBusy } from '../db/busyRetry';
import { IssuedDocument, issuedDocumentSchema } from './content';
import { renderDocumentPdf } from './pdf/renderDocument';

/** `${API_PUBLIC_URL}/verifikasi/<code>`: public, answers whether a printed document is authentic and current. */
export function verificationUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/verifikasi/${code}`;
}

/** API_PUBLIC_URL as the API answers at it, for processes that have no parsed config at hand. */
export function publicUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return (env.API_PUBLIC_URL ?? `http://localhost:${env.API_PORT ?? 3000}`).replace(/\/+$/, '');
}

/** The document, or undefined when there is none by that id or it predates numbering (text only). */
export async function loadIssuedDocument(id: string, publicUrl: string): Promise<IssuedDocument | undefined> {
  const record = await retryWhileBusy(() => CaseDocument.findById(id).lean());
  if (!record?.number || !record.content || !record.verificationCode) return undefined;
  return issuedDocumentSchema.parse({
    id: record._id,
    number: record.number,
    requestNumber: record.requestNumber,
    issuedAt: record.issuedAt,
    timeZone: record.timeZone,
    letterhead: record.letterhead,
    content: record.content,
    verificationUrl: verificationUrl(publicUrl, record.verificationCode),
  });
}

/** "FORMULIR-PERSETUJUAN-CO-LOCATION_CRB-2026-0001.pdf": what a person saves it as. */
export function pdfFileName(d: IssuedDocument): string {
  const title = d.content.letter ? `Surat-${d.content.letter.subject}` : d.content.title;
  return `${title.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}_${d.requestNumber}.pdf`;
}

export async function renderStoredDocument(id: string, publicUrl: string): Promise<{ document: IssuedDocument; pdf: Buffer } | undefined> {
  const document = await loadIssuedDocument(id, publicUrl);
  return document && { document, pdf: await renderDocumentPdf(document) };
}
