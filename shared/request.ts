// What an applicant submits: the request letter's data and the application form (form pengajuan),
// the servers to be placed and what they need from the data center. Shared by the API (HTTP body)
// and the workflow (its input), so both validate the same thing.
import { z } from 'zod';
import { emailAddressSchema } from './emailAddress';
import { nipSchema } from './nip';

export const serverSpecSchema = z.object({
  name: z.string().trim().min(1).max(100),
  processor: z.string().trim().min(1).max(200),
  ram: z.string().trim().min(1).max(100),
  motherboard: z.string().trim().min(1).max(200),
  storage: z.string().trim().min(1).max(200),
  psu: z.string().trim().min(1).max(100),
});
export type ServerSpec = z.infer<typeof serverSpecSchema>;

/** What the servers need from the data center: the dimensions the SOPs' capacity check names. */
export const needsSchema = z.object({
  rackUnits: z.number().int().min(1).max(42),
  powerWatts: z.number().int().min(1).max(20_000),
  bandwidthMbps: z.number().int().min(1).max(10_000),
});
export type CapacityNeeds = z.infer<typeof needsSchema>;

const isoDate = z.iso.date();

export const termSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('permanent') }),
  z.object({ kind: z.literal('temporary'), until: isoDate }),
]);

/** Form pengajuan co-location: the fields every SOP's application form asks for. */
export const applicationFormSchema = z.object({
  unitName: z.string().trim().min(2).max(200),
  responsibleOfficer: z.string().trim().min(2).max(200),
  nip: nipSchema,
  unitAddress: z.string().trim().min(5).max(500),
  contactNumber: z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/, 'nomor kontak tidak valid'),
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/, 'nama domain atau subdomain tidak valid'),
  domainActiveDate: isoDate,
  term: termSchema,
});
export type ApplicationForm = z.infer<typeof applicationFormSchema>;

export const requestLetterSchema = z.object({
  letterNumber: z.string().trim().min(1).max(100),
  letterDate: isoDate,
  subject: z.string().trim().min(3).max(300),
});

export const submissionSchema = z.object({
  letter: requestLetterSchema,
  form: applicationFormSchema,
  applicantEmail: emailAddressSchema,
  servers: z.array(serverSpecSchema).min(1).max(20),
  needs: needsSchema,
});
export type Submission = z.infer<typeof submissionSchema>;
