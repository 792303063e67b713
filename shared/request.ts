// What an applicant submits over HTTP: for a colocation request the letter's data and the
// application form (form pengajuan), the servers and what they need from the data center; for a
// back up or restore request (Jateng) the letter, the unit, a contact and the system concerned.
// These are the API's evolving rules; the workflow checks its input against the frozen
// shared/contracts/sopCaseInput.v1.ts instead, so a rule tightened here never fails a running case.
import { z } from 'zod';
import { emailAddressSchema } from './emailAddress';
import { nipSchema } from './nip';
import { earliestIndonesianDate, latestIndonesianDate, list, strictObject, text } from './text';

export const serverSpecSchema = strictObject({
  name: text(100),
  processor: text(200),
  ram: text(100),
  motherboard: text(200),
  storage: text(200),
  psu: text(100),
});
export type ServerSpec = z.infer<typeof serverSpecSchema>;

/** What the servers need from the data center: the dimensions the SOPs' capacity check names. */
export const needsSchema = strictObject({
  rackUnits: z.number().int().min(1).max(42),
  powerWatts: z.number().int().min(1).max(20_000),
  bandwidthMbps: z.number().int().min(1).max(10_000),
});
export type CapacityNeeds = z.infer<typeof needsSchema>;

const isoDate = z.iso.date();

/** A letter is dated when it is signed: today, or a day later where a clock runs behind. */
const LETTER_DATE_TOLERANCE_DAYS = 1;
const letterDate = isoDate.refine((d) => d <= latestIndonesianDate(Date.now(), LETTER_DATE_TOLERANCE_DAYS), {
  error: 'tanggal surat tidak boleh di masa depan',
});

/** A temporary term ends after today: a term already over leaves nothing to place. */
const termEnd = isoDate.refine((d) => d >= earliestIndonesianDate(Date.now()), { error: 'akhir jangka waktu tidak boleh sebelum hari ini' });

export const termSchema = z.discriminatedUnion('kind', [
  strictObject({ kind: z.literal('permanent') }),
  strictObject({ kind: z.literal('temporary'), until: termEnd }),
]);

/** Digits a phone number has at least (a local number with its area code) and at most (E.164). */
const PHONE_DIGITS = { min: 7, max: 15 };
const contactNumber = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{6,20}$/, 'nomor kontak tidak valid')
  .refine((s) => {
    const digits = s.replace(/\D/g, '').length;
    return digits >= PHONE_DIGITS.min && digits <= PHONE_DIGITS.max;
  }, `nomor kontak harus berisi ${PHONE_DIGITS.min}–${PHONE_DIGITS.max} angka`);

/** Form pengajuan co-location: the fields every SOP's application form asks for. */
export const applicationFormSchema = strictObject({
  unitName: text(200, { min: 2 }),
  responsibleOfficer: text(200, { min: 2 }),
  nip: nipSchema,
  unitAddress: text(500, { min: 5 }),
  contactNumber,
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/, 'nama domain atau subdomain tidak valid'),
  domainActiveDate: isoDate,
  term: termSchema,
}).superRefine((form, ctx) => {
  if (form.term.kind === 'temporary' && form.term.until < form.domainActiveDate) {
    ctx.addIssue({ code: 'custom', path: ['term', 'until'], message: 'akhir jangka waktu tidak boleh sebelum tanggal domain aktif' });
  }
});
export type ApplicationForm = z.infer<typeof applicationFormSchema>;

export const requestLetterSchema = strictObject({
  letterNumber: text(100),
  letterDate,
  subject: text(300, { min: 3 }),
});

export const submissionSchema = strictObject({
  letter: requestLetterSchema,
  form: applicationFormSchema,
  applicantEmail: emailAddressSchema,
  servers: list(serverSpecSchema, 20, 1),
  needs: needsSchema,
});
export type Submission = z.infer<typeof submissionSchema>;

/** Whom the data center calls about a back up or restore: a name and a phone number. */
export const serviceContactSchema = strictObject({
  name: text(200, { min: 2 }),
  contactNumber,
});

/** What every back up or restore request carries: the letter, the unit and the system concerned. */
const serviceRequestShape = {
  letter: requestLetterSchema,
  applicantEmail: emailAddressSchema,
  unitName: text(200, { min: 2 }),
  contact: serviceContactSchema,
  /** The application or database the request is about. */
  system: text(200, { min: 2 }),
};

/** Surat permintaan back up: what to back up and, if the unit has one, the schedule it wishes. */
export const backupSubmissionSchema = strictObject({
  ...serviceRequestShape,
  scope: text(2000, { min: 3, multiline: true }),
  preferredSchedule: text(200, { min: 3 }).optional(),
});
export type BackupSubmission = z.infer<typeof backupSubmissionSchema>;

/** Surat permintaan restore: which back up to restore from, and why. */
export const restoreSubmissionSchema = strictObject({
  ...serviceRequestShape,
  backupRef: text(300, { min: 3 }),
  reason: text(2000, { min: 5, minMessage: 'alasan minimal 5 karakter', multiline: true }),
});
export type RestoreSubmission = z.infer<typeof restoreSubmissionSchema>;
