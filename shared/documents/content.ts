// What a document prints, stored with it: the PDF is rendered from these fields alone, so the same
// record always gives the same PDF and a profile edited later never changes a document issued
// before. Parsed with zod when read back from MongoDB (a record is data from outside the code).
import { z } from 'zod';
import { documentKinds } from '../profile/vocabulary';
import { timeZoneSchema } from '../profile/schema';

export const letterheadSchema = z.object({
  /** "PEMERINTAH PROVINSI JAWA TENGAH". */
  government: z.string(),
  /** "DINAS KOMUNIKASI DAN INFORMATIKA PROVINSI JAWA TENGAH". */
  agency: z.string(),
  address: z.array(z.string()),
});
export type Letterhead = z.infer<typeof letterheadSchema>;

const fieldSchema = z.object({ label: z.string(), value: z.string() });
export type DocumentField = z.infer<typeof fieldSchema>;

/** A numbered block of the form ("Data Center", "Colocation"), a paragraph, or the server table. */
export const sectionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fields'), heading: z.string().optional(), fields: z.array(fieldSchema) }),
  z.object({ type: z.literal('paragraph'), text: z.string() }),
  // Rows as objects: FerretDB stores no array directly inside an array.
  z.object({ type: z.literal('table'), heading: z.string().optional(), columns: z.array(z.string()), rows: z.array(z.object({ cells: z.array(z.string()) })) }),
]);
export type DocumentSection = z.infer<typeof sectionSchema>;

/** Who signs: a title, and a name and NIP where the case recorded them (a blank line otherwise). */
export const signatureSchema = z.object({ caption: z.string(), title: z.string(), name: z.string().optional(), nip: z.string().optional() });
export type Signature = z.infer<typeof signatureSchema>;

export const documentContentSchema = z.object({
  kind: z.enum(documentKinds),
  title: z.string(),
  /** For letters: Sifat, Lampiran, Perihal and the addressee. */
  letter: z.object({ subject: z.string(), to: z.array(z.string()) }).optional(),
  sections: z.array(sectionSchema),
  /** Where and when the document is signed ("Semarang, 23 November 2026"). */
  place: z.string(),
  signatures: z.array(signatureSchema),
  note: z.string().optional(),
});
export type DocumentContent = z.infer<typeof documentContentSchema>;

/** A document as issued: what it prints and the facts of its issue that the PDF prints beside it. */
export const issuedDocumentSchema = z.object({
  id: z.string(),
  number: z.string(),
  requestNumber: z.string(),
  issuedAt: z.date(),
  timeZone: timeZoneSchema,
  letterhead: letterheadSchema,
  content: documentContentSchema,
  verificationUrl: z.string(),
});
export type IssuedDocument = z.infer<typeof issuedDocumentSchema>;
