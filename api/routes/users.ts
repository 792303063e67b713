// Admins manage who may use Kolokasi: name, email (where the workflow and sign-in links reach
// them), role and, for applicants, their unit. Deactivating a user ends their sessions and stops
// their API tokens at once.
import { z } from 'zod';
import { isDuplicateKey } from '../../shared/db/duplicateKey';
import { StoredUser, User } from '../../shared/db/user';
import type { Caller } from '../auth';
import { ApiError, forbidden, notFound } from '../errors';
import { defineRoute } from '../route';
import { revokeSessionsOf } from '../signIn/sessions';
import { forgetUser } from '../users/activeUser';
import { insertWithIdFromName } from '../users/userIds';
import { userIdentitySchema } from '../views/schemas';
import { newUserSchema, NewUser, UserUpdate, userUpdateSchema } from '../users/userInput';

const userSchema = userIdentitySchema
  .extend({
    active: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });
const userListSchema = z.object({ items: z.array(userSchema), total: z.number() }).meta({ id: 'UserList' });
const userParams = z.object({ userId: z.string().min(1).max(200) });

type UserView = z.output<typeof userSchema>;

function userView(u: StoredUser): UserView {
  return { id: u._id, name: u.name, email: u.email, role: u.role as UserView['role'], unitName: u.unitName ?? null, active: u.active, createdAt: u.createdAt.toISOString() };
}

function ensureAdmin(caller: Caller): void {
  if (caller.role !== 'admin') throw forbidden('Hanya admin yang dapat melihat dan mengelola pengguna.');
}

/**
 * Two people with one address would share sign-in links and emails meant for a role. A read before
 * the write, not a claim: only admins add users, and rarely at the same moment.
 */
async function ensureEmailFree(email: string, exceptUserId?: string): Promise<void> {
  const holder = await User.findOne({ email, ...(exceptUserId ? { _id: { $ne: exceptUserId } } : {}) }, { _id: 1 }).lean();
  if (holder) throw new ApiError(409, 'EMAIL_TAKEN', `Alamat email ${email} sudah dipakai pengguna lain (${holder._id}).`, { fields: { email: 'sudah dipakai pengguna lain' } });
}

/** An admin who deactivates themself or drops their own admin role could leave nobody able to undo it. */
function ensureNoSelfLockout(caller: Caller, userId: string, update: UserUpdate): void {
  if (userId !== caller.user.id) return;
  if (!update.active) throw new ApiError(409, 'SELF_LOCKOUT', 'Anda tidak dapat menonaktifkan akun Anda sendiri. Minta admin lain melakukannya bila memang perlu.');
  if (update.role !== 'admin') throw new ApiError(409, 'SELF_LOCKOUT', 'Anda tidak dapat mencabut peran admin Anda sendiri. Minta admin lain melakukannya bila memang perlu.');
}

async function createUser(input: NewUser): Promise<StoredUser> {
  const { id: wantedId, ...fields } = input;
  const createdAt = new Date();
  const insert = async (id: string): Promise<void> => {
    await User.create({ _id: id, ...fields, createdAt });
  };
  if (!wantedId) return { _id: await insertWithIdFromName(input.name, insert), ...fields, createdAt };
  try {
    await insert(wantedId);
  } catch (error) {
    if (isDuplicateKey(error)) throw new ApiError(409, 'USER_ID_TAKEN', `Id pengguna ${wantedId} sudah dipakai.`, { fields: { id: 'sudah dipakai' } });
    throw error;
  }
  return { _id: wantedId, ...fields, createdAt };
}

export const userRoutes = [
  defineRoute({
    method: 'get',
    path: '/users',
    summary: 'Semua pengguna',
    description: 'Termasuk yang tidak aktif (active: false), urut menurut nama.',
    tags: ['Pengguna'],
    access: 'admin',
    responses: { 200: { description: 'Pengguna', schema: userListSchema } },
    async handle({ res, caller }) {
      ensureAdmin(caller());
      const users = await User.find({}, { name: 1, email: 1, role: 1, unitName: 1, active: 1, createdAt: 1 }).lean<StoredUser[]>();
      const items = users.map(userView).sort((a, b) => a.name.localeCompare(b.name, 'id') || a.id.localeCompare(b.id));
      res.json({ items, total: items.length });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/users',
    summary: 'Menambah pengguna',
    description: 'Pemohon (applicant) wajib punya unitName. Email harus dapat diterima server email dan belum dipakai pengguna lain. Pengguna masuk lewat tautan email (atau OIDC); token API diterbitkan terpisah (POST /tokens).',
    tags: ['Pengguna'],
    access: 'admin',
    body: newUserSchema,
    responses: { 201: { description: 'Pengguna yang ditambahkan', schema: userSchema } },
    errors: [{ status: 409, codes: ['EMAIL_TAKEN', 'USER_ID_TAKEN'], description: 'email atau id sudah dipakai pengguna lain.' }],
    async handle({ res, caller, body }) {
      ensureAdmin(caller());
      const input = body<NewUser>();
      await ensureEmailFree(input.email);
      const user = await createUser(input);
      res.status(201).location(`/users/${encodeURIComponent(user._id)}`).json(userView(user));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/users/{userId}',
    summary: 'Mengubah pengguna',
    description: 'Menggantikan nama, email, peran, unit dan status aktif. Menonaktifkan pengguna langsung mengakhiri sesinya dan menghentikan token API-nya. Admin tidak dapat menonaktifkan dirinya sendiri atau mencabut peran adminnya sendiri.',
    tags: ['Pengguna'],
    access: 'admin',
    params: userParams,
    body: userUpdateSchema,
    responses: { 200: { description: 'Pengguna sesudah diubah', schema: userSchema } },
    errors: [
      { status: 404, codes: ['NOT_FOUND'], description: 'pengguna tidak dikenal.' },
      { status: 409, codes: ['EMAIL_TAKEN', 'SELF_LOCKOUT'], description: 'email sudah dipakai pengguna lain, atau admin hendak mengunci dirinya sendiri.' },
    ],
    async handle({ res, caller: getCaller, params, body }) {
      const caller = getCaller();
      ensureAdmin(caller);
      const update = body<UserUpdate>();
      const existing = await User.findById(params.userId).lean<StoredUser>();
      if (!existing) throw notFound('Pengguna tidak ditemukan.');
      ensureNoSelfLockout(caller, params.userId, update);
      await ensureEmailFree(update.email, params.userId);
      const { unitName, ...rest } = update;
      await User.updateOne({ _id: params.userId }, unitName ? { $set: { ...rest, unitName } } : { $set: rest, $unset: { unitName: 1 } });
      forgetUser(params.userId);
      if (existing.active && !update.active) await revokeSessionsOf(params.userId);
      res.json(userView({ ...existing, ...rest, unitName }));
    },
  }),
];
