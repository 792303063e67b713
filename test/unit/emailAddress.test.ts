// Addresses the API takes must be ones a mail server takes: an address refused by SMTP would only
// be found out after the case had started.
import { emailAddressSchema } from '../../shared/emailAddress';
import { submissionSchema } from '../../shared/request';
import { aSubmission } from '../fixtures/submission';

const messageFor = (address: string): string | undefined => emailAddressSchema.safeParse(address).error?.issues[0]?.message;

test('a 300-character local part is refused with a message that says what the limit is', () => {
  const address = `${'a'.repeat(300)}@opd.example.go.id`;
  expect(messageFor(address)).toBe('bagian sebelum @ terlalu panjang (300 karakter); server email menerima paling banyak 64');

  const parsed = submissionSchema.safeParse({ ...aSubmission(), applicantEmail: address });
  expect(parsed.success).toBe(false);
  expect(parsed.error!.issues).toEqual([expect.objectContaining({ path: ['applicantEmail'], message: expect.stringMatching(/paling banyak 64/) })]);
});

test.each([
  'dinkes@opd.example.go.id',
  'siti.rahmawati+kolokasi@dinkes.cirebonkota.go.id',
  `${'a'.repeat(64)}@opd.example.go.id`,
  "o'brien_01@mail.example.com",
  'admin@xn--80ak6aa92e.com',
])('%s is accepted', (address) => {
  expect(emailAddressSchema.parse(`  ${address} `)).toBe(address);
});

test.each([
  [`${'a'.repeat(65)}@opd.example.go.id`, /paling banyak 64/],
  [`a@${Array.from({ length: 5 }, () => 'b'.repeat(60)).join('.')}.go.id`, /paling banyak 254/],
  [`a@${'b'.repeat(64)}.go.id`, /paling banyak 63/],
  ['.dinkes@opd.example.go.id', /tidak di awal/],
  ['din..kes@opd.example.go.id', /berurutan/],
  ['"dinkes kota"@opd.example.go.id', /hanya boleh berisi/],
  ['dinkes kota@opd.example.go.id', /hanya boleh berisi/],
  ['dinkes@localhost', /nama domain email tidak valid/],
  ['dinkes@-opd.example.go.id', /nama domain email tidak valid/],
  ['dinkes@opd_example.go.id', /nama domain email tidak valid/],
  ['dinkes@[127.0.0.1]', /nama domain email tidak valid/],
  ['dinkes', /nama@domain/],
  ['dinkes@', /nama@domain/],
])('%s is refused', (address, message) => {
  expect(messageFor(address)).toMatch(message);
});

test('letters outside ASCII are refused, since not every mail server takes them (SMTPUTF8)', () => {
  expect(messageFor('siti.nuñez@opd.example.go.id')).toMatch(/hanya boleh berisi/);
  expect(messageFor('siti@dinkés.go.id')).toMatch(/nama domain email tidak valid/);
});
