// What an admin sends to add or change a user, validated once here.
import { z } from 'zod';
import { emailAddressSchema } from '../../shared/emailAddress';
import { userRoles } from '../../shared/db/user';
import { strictObject, text } from '../../shared/text';
import { USER_ID_PATTERN } from './userIds';

const fields = {
  name: text(100).meta({ example: 'Siti Rahmawati, S.Kom' }),
  // Stored in lower case, the form sign-in looks addresses up by.
  email: emailAddressSchema.transform((address) => address.toLowerCase()),
  role: z.enum(userRoles, { error: `peran tidak dikenal; pilih salah satu dari: ${userRoles.join(', ')}` }),
  unitName: text(200).optional().meta({ description: 'Unit (OPD/SKPD) pemohon: wajib untuk peran applicant, yang hanya melihat permohonan unitnya.' }),
};

/** An applicant sees only its unit's requests: without a unit it would see none and could submit nothing. */
function applicantHasUnit(user: { role: string; unitName?: string }, ctx: z.RefinementCtx): void {
  if (user.role === 'applicant' && !user.unitName) ctx.addIssue({ code: 'custom', path: ['unitName'], message: 'wajib diisi untuk pemohon (applicant): unit yang permohonannya boleh ia lihat' });
}

export const newUserSchema = strictObject({
  id: z
    .string()
    .regex(USER_ID_PATTERN, 'hanya huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali dan diakhiri huruf atau angka, paling banyak 64 karakter')
    .optional()
    .meta({ description: 'Bila tidak diisi, dibentuk dari nama (mis. "siti-rahmawati").' }),
  ...fields,
  active: z.boolean().default(true),
})
  .superRefine(applicantHasUnit)
  .meta({ id: 'NewUser' });

export const userUpdateSchema = strictObject({ ...fields, active: z.boolean() }).superRefine(applicantHasUnit).meta({ id: 'UserUpdate' });

export type NewUser = z.output<typeof newUserSchema>;
export type UserUpdate = z.output<typeof userUpdateSchema>;
