// GET /me: who the token belongs to and the role the call is made in.
import { z } from 'zod';
import { defineRoute } from '../route';
import { userIdentitySchema } from '../views/schemas';

const meSchema = userIdentitySchema.extend({ actingAs: z.object({ role: z.string(), reason: z.string() }).nullable() }).meta({ id: 'Me' });

export const meRoute = defineRoute({
  method: 'get',
  path: '/me',
  summary: 'Pengguna pemilik token',
  tags: ['Akun'],
  access: 'semua peran',
  responses: { 200: { description: 'Pengguna', schema: meSchema } },
  async handle({ res, caller: getCaller }) {
    const caller = getCaller();
    const { user } = caller;
    res.json({ id: user.id, name: user.name, email: user.email, role: user.role, unitName: user.unitName ?? null, actingAs: caller.actingAs ?? null });
  },
});
