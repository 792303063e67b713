// Admins issue API tokens for integrations (a script, another system) to call Kolokasi as one
// user: named, always expiring (two years at most), revocable. The token is shown once, at issue.
import { z } from 'zod';
import { ApiToken } from '../../shared/db/apiToken';
import { ApiTokenUse } from '../../shared/db/apiTokenUse';
import { strictObject, text } from '../../shared/text';
import { forgetToken, issueApiToken, MAX_TOKEN_DAYS } from '../apiTokens/apiTokens';
import type { Caller } from '../auth';
import { forbidden, notFound, validationFailed } from '../errors';
import { defineRoute } from '../route';
import { activeUser } from '../users/activeUser';

const tokenStatuses = ['active', 'expired', 'revoked'] as const;

const apiTokenSchema = z
  .object({
    id: z.string().meta({ description: 'Id publik token (bukan tokennya), untuk mencabutnya.', example: 'tok_3kq9ZtRw' }),
    name: z.string(),
    userId: z.string().meta({ description: 'Pengguna yang diwakili token: perannya berlaku untuk setiap panggilan.' }),
    status: z.enum(tokenStatuses),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable().meta({ description: 'Paling lambat sejam sekali diperbarui.' }),
  })
  .meta({ id: 'ApiToken' });
const issuedTokenSchema = apiTokenSchema
  .extend({ token: z.string().meta({ description: 'Token itu sendiri: hanya ditampilkan sekarang; yang disimpan hanya hash-nya.' }) })
  .meta({ id: 'IssuedApiToken' });
const tokenListSchema = z.object({ items: z.array(apiTokenSchema), total: z.number() }).meta({ id: 'ApiTokenList' });

const newTokenSchema = strictObject({
  name: text(100).meta({ description: 'Untuk apa token ini, mis. nama integrasinya.', example: 'Sinkronisasi aset ke SIMDA' }),
  userId: z.string().min(1, 'wajib diisi').max(200),
  expiresInDays: z
    .number({ error: 'harus berupa angka (hari)' })
    .int('harus bilangan bulat')
    .min(1, 'minimal 1 hari')
    .max(MAX_TOKEN_DAYS, `paling lama ${MAX_TOKEN_DAYS} hari (2 tahun)`),
}).meta({ id: 'NewApiToken' });
const tokenParams = z.object({ tokenId: z.string().regex(/^tok_[A-Za-z0-9_-]{8}$/) });

interface StoredToken {
  _id: string;
  publicId: string;
  name: string;
  userId: string;
  createdBy?: string | null;
  createdAt: Date;
  expiresAt: Date;
  revokedAt?: Date | null;
  lastUsedAt?: Date | null;
}

function tokenView(t: StoredToken, now = new Date()): z.output<typeof apiTokenSchema> {
  return {
    id: t.publicId,
    name: t.name,
    userId: t.userId,
    status: t.revokedAt ? 'revoked' : t.expiresAt <= now ? 'expired' : 'active',
    createdAt: t.createdAt.toISOString(),
    createdBy: t.createdBy ?? null,
    expiresAt: t.expiresAt.toISOString(),
    revokedAt: t.revokedAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  };
}

function ensureAdmin(caller: Caller): void {
  if (caller.role !== 'admin') throw forbidden('Hanya admin yang dapat melihat, menerbitkan dan mencabut token API.');
}

/**
 * A token by its public id. Not an `_id` lookup (the `_id` is the hash, which only the token's
 * holder can compute): an admin's rare action on a collection of a few dozen rows.
 */
async function tokenByPublicId(publicId: string): Promise<StoredToken> {
  const token = await ApiToken.findOne({ publicId }).lean<StoredToken>();
  if (!token) throw notFound('Token API tidak ditemukan.');
  return token;
}

export const apiTokenRoutes = [
  defineRoute({
    method: 'get',
    path: '/tokens',
    summary: 'Token API yang pernah diterbitkan',
    description: 'Termasuk yang kedaluwarsa dan dicabut (status), terbaru dahulu. Tokennya sendiri tidak pernah ditampilkan lagi.',
    tags: ['Token API'],
    access: 'admin',
    responses: { 200: { description: 'Token API', schema: tokenListSchema } },
    async handle({ res, caller }) {
      ensureAdmin(caller());
      const now = new Date();
      const [tokens, uses] = await Promise.all([
        ApiToken.find({}, { _id: 1, publicId: 1, name: 1, userId: 1, createdBy: 1, createdAt: 1, expiresAt: 1, revokedAt: 1, lastUsedAt: 1 }).lean<StoredToken[]>(),
        ApiTokenUse.find().lean(),
      ]);
      const lastUsed = new Map(uses.map((u) => [u._id, u.lastUsedAt]));
      // A token's own lastUsedAt: written there before uses were kept apart.
      const items = tokens
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .map((t) => tokenView({ ...t, lastUsedAt: lastUsed.get(t._id) ?? t.lastUsedAt }, now));
      res.json({ items, total: items.length });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/tokens',
    summary: 'Menerbitkan token API untuk integrasi',
    description: `Token bertindak sebagai pengguna yang disebut (perannya, unitnya) sampai kedaluwarsa (paling lama ${MAX_TOKEN_DAYS} hari), dicabut, atau penggunanya dinonaktifkan. Dipakai sebagai header "Authorization: Bearer <token>"; tanpa token CSRF.`,
    tags: ['Token API'],
    access: 'admin',
    body: newTokenSchema,
    responses: { 201: { description: 'Token yang diterbitkan, dengan tokennya (hanya kali ini)', schema: issuedTokenSchema } },
    async handle({ res, caller: getCaller, body }) {
      const caller = getCaller();
      ensureAdmin(caller);
      const input = body<z.output<typeof newTokenSchema>>();
      if (!(await activeUser(input.userId))) throw validationFailed({ userId: 'tidak ada pengguna aktif dengan id ini' });
      const createdAt = new Date();
      const issued = await issueApiToken({ userId: input.userId, name: input.name, expiresInDays: input.expiresInDays, createdBy: caller.user.id, now: createdAt });
      const view = tokenView({ _id: '', publicId: issued.publicId, name: input.name, userId: input.userId, createdBy: caller.user.id, createdAt, expiresAt: issued.expiresAt });
      res.status(201).json({ ...view, token: issued.token });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/tokens/{tokenId}/revoke',
    summary: 'Mencabut token API',
    description: 'Berlaku seketika: panggilan berikutnya dengan token itu dijawab 401. Mencabut lagi tidak mengubah apa pun.',
    tags: ['Token API'],
    access: 'admin',
    params: tokenParams,
    responses: { 200: { description: 'Token sesudah dicabut', schema: apiTokenSchema } },
    errors: [{ status: 404, codes: ['NOT_FOUND'], description: 'token tidak dikenal.' }],
    async handle({ res, caller: getCaller, params }) {
      const caller = getCaller();
      ensureAdmin(caller);
      const token = await tokenByPublicId(params.tokenId);
      if (token.revokedAt) return void res.json(tokenView(token));
      const revokedAt = new Date();
      // Two admins revoking at once both set revokedAt: harmless, the token ends either way.
      await ApiToken.updateOne({ _id: token._id }, { $set: { revokedAt, revokedBy: caller.user.id } });
      forgetToken(token._id);
      res.json(tokenView({ ...token, revokedAt }));
    },
  }),
];
