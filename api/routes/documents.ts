// A case's documents: the list (with each one's number and PDF link), the PDF itself, and the
// public verification of a printed document by the code its QR holds.
import { z } from 'zod';
import { CaseDocument, DocumentCode, documentStatuses } from '../../shared/db/document';
import { retryWhileBusy } from '../../shared/db/busyRetry';
import { indonesianDate } from '../../shared/documents/indonesianDate';
import { pdfFileName, publicUrlFromEnv, renderStoredDocument, verificationUrl } from '../../shared/documents/storedDocument';
import type { IndonesianTimeZone } from '../../shared/profile/schema';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { documentsOfCase } from '../cases/caseDocuments';
import { loadCase } from '../cases/loadCase';
import { defineRoute } from '../route';
import { requestNumberParams } from './readRequests';
import { verificationPage } from './verificationPage';

const documentSchema = z
  .object({
    id: z.string().meta({ example: 'CRB-2026-0001.form-persetujuan' }),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    createdAt: z.string(),
    number: z.string().nullable().meta({ description: 'Nomor resmi; null untuk dokumen sebelum penomoran.', example: 'FPS/0001/CRB/2026' }),
    status: z.enum(documentStatuses).nullable(),
    issuedAt: z.string().nullable(),
    pdf: z.string().nullable().meta({ description: 'Tautan PDF (relatif terhadap API); null bila dokumen hanya berupa teks.' }),
    verificationUrl: z.string().nullable(),
  })
  .meta({ id: 'CaseDocument', description: 'Dokumen yang dihasilkan layanan (formulir, berita acara, surat), bernomor resmi dan dapat diunduh sebagai PDF.' });

/** Ids are the request number, a dot and the kind: no slash, so they sit in a URL as they are. */
const documentIdSchema = z.string().regex(/^[A-Z0-9-]+\.[a-z0-9-]+$/, 'bukan id dokumen');
const codeParams = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).meta({ example: 'q3T8gk1bV0oN4xY2cE5aHw' }) });

const verificationSchema = z
  .object({
    authentic: z.boolean().meta({ description: 'Dokumen ini diterbitkan oleh layanan.' }),
    status: z.enum([...documentStatuses, 'unknown']).meta({ description: 'current: berlaku; superseded: telah diganti; unknown: tidak dikenal.' }),
    message: z.string(),
    number: z.string().nullable(),
    kind: z.string().nullable(),
    title: z.string().nullable(),
    requestNumber: z.string().nullable(),
    issuedAt: z.string().nullable(),
    issuedOn: z.string().nullable().meta({ example: 'Senin, 23 November 2026' }),
    supersededBy: z.string().nullable().meta({ description: 'Nomor dokumen pengganti, bila ada.' }),
  })
  .meta({ id: 'DocumentVerification' });
export type DocumentVerification = z.infer<typeof verificationSchema>;

const iso = (d: unknown): string => (d instanceof Date ? d.toISOString() : String(d ?? ''));
const publicUrlOf = (deps: ApiDeps): string => deps.publicUrl ?? publicUrlFromEnv();
export const pdfPath = (requestNumber: string, id: string): string => `/requests/${requestNumber}/documents/${id}.pdf`;

const unknown: DocumentVerification = {
  authentic: false, status: 'unknown', message: 'Dokumen tidak dikenal: kode verifikasi ini tidak diterbitkan oleh layanan. Jangan gunakan dokumen ini.',
  number: null, kind: null, title: null, requestNumber: null, issuedAt: null, issuedOn: null, supersededBy: null,
};

export async function verifyDocument(code: string): Promise<DocumentVerification> {
  const entry = await retryWhileBusy(() => DocumentCode.findById(code).lean());
  const document = entry && (await retryWhileBusy(() => CaseDocument.findById(entry.documentId).lean()));
  // The record's own code decides: an unprinted code (from a retried issue) proves nothing.
  if (!document || document.verificationCode !== code || !document.number) return unknown;
  const superseded = document.status === 'superseded';
  const successor = superseded && document.supersededBy ? await retryWhileBusy(() => CaseDocument.findById(document.supersededBy, { number: 1 }).lean()) : null;
  return {
    authentic: true,
    status: superseded ? 'superseded' : 'current',
    message: superseded
      ? `Dokumen asli, tetapi TELAH DIGANTI${successor?.number ? ` oleh dokumen nomor ${successor.number}` : ''}: tidak berlaku lagi.`
      : 'Dokumen asli dan berlaku.',
    number: document.number,
    kind: document.kind,
    title: document.title,
    requestNumber: document.requestNumber,
    issuedAt: iso(document.issuedAt),
    issuedOn: document.issuedAt && document.timeZone ? indonesianDate(new Date(document.issuedAt).getTime(), document.timeZone as IndonesianTimeZone) : null,
    supersededBy: successor?.number ?? null,
  };
}

export const documentRoutes = [
  defineRoute({
    method: 'get',
    path: '/requests/{requestNumber}/documents',
    summary: 'Dokumen permohonan (formulir, berita acara, surat) dengan nomor dan tautan PDF',
    tags: ['Permohonan'],
    access: 'semua peran; applicant hanya permohonan unitnya',
    params: requestNumberParams,
    responses: { 200: { description: 'Dokumen', schema: z.object({ items: z.array(documentSchema) }) } },
    errors: [{ status: 404, codes: ['NOT_FOUND'], description: 'Nomor permohonan tidak dikenal (atau milik unit lain).' }],
    async handle({ res, deps, params, caller }) {
      const loaded = await loadCase(deps, caller(), params.requestNumber);
      const documents = await documentsOfCase(loaded.requestNumber);
      res.json({
        items: documents.map((d) => {
          const numbered = !!(d.number && d.content && d.verificationCode);
          return {
            id: d._id, kind: d.kind, title: d.title, body: d.body, createdAt: iso(d.createdAt),
            number: d.number ?? null, status: d.status ?? null, issuedAt: d.issuedAt ? iso(d.issuedAt) : null,
            pdf: numbered ? pdfPath(loaded.requestNumber, d._id) : null,
            verificationUrl: numbered ? verificationUrl(publicUrlOf(deps), d.verificationCode!) : null,
          };
        }),
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/requests/{requestNumber}/documents/{documentId}.pdf',
    summary: 'Unduh dokumen sebagai PDF',
    tags: ['Permohonan'],
    access: 'semua peran; applicant hanya permohonan unitnya',
    params: requestNumberParams.extend({ documentId: documentIdSchema.meta({ example: 'CRB-2026-0001.bast' }) }),
    responses: { 200: { description: 'Dokumen PDF', contentType: 'application/pdf', schema: z.string().meta({ format: 'binary' }) } },
    errors: [{ status: 404, codes: ['NOT_FOUND'], description: 'Permohonan atau dokumen tidak dikenal (atau milik unit lain), atau dokumen hanya berupa teks.' }],
    async handle({ res, deps, params, caller }) {
      const loaded = await loadCase(deps, caller(), params.requestNumber);
      const rendered = await renderStoredDocument(params.documentId, publicUrlOf(deps));
      if (!rendered || rendered.document.requestNumber !== loaded.requestNumber) throw new ApiError(404, 'NOT_FOUND', 'Dokumen tidak ditemukan.');
      res
        .status(200)
        .type('application/pdf')
        .set('Content-Disposition', `attachment; filename="${pdfFileName(rendered.document)}"`)
        .set('Cache-Control', 'private, no-store')
        .send(rendered.pdf);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/documents/verify/{code}',
    summary: 'Verifikasi keaslian dan keberlakuan dokumen tercetak',
    description: 'Kode dari URL verifikasi yang tercetak (dengan kode QR) pada setiap dokumen. Terbuka untuk umum.',
    tags: ['Dokumen'],
    access: 'publik',
    public: true,
    params: codeParams,
    responses: { 200: { description: 'Hasil verifikasi; dokumen tidak dikenal dijawab dengan status unknown', schema: verificationSchema } },
    async handle({ res, params }) {
      res.json(await verifyDocument(params.code));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/verifikasi/{code}',
    summary: 'Halaman verifikasi dokumen (tujuan kode QR)',
    tags: ['Dokumen'],
    access: 'publik',
    public: true,
    params: codeParams,
    responses: { 200: { description: 'Halaman HTML hasil verifikasi', contentType: 'text/html', schema: z.string() } },
    async handle({ res, params }) {
      res.status(200).type('text/html').set('Cache-Control', 'no-store').send(verificationPage(await verifyDocument(params.code)));
    },
  }),
];
