// Signing in from a browser: ask for a link by email, open a session with it (an HttpOnly cookie
// plus a CSRF token for changes), read the session back when the page loads, sign out.
import { z } from 'zod';
import { emailAddressSchema } from '../../shared/emailAddress';
import { userRoles } from '../../shared/db/user';
import { strictObject } from '../../shared/text';
import { ensureCsrf } from '../auth';
import { ApiError } from '../errors';
import { defineRoute } from '../route';
import { emailSignInLink, LINK_MINUTES, spendSignInLink } from '../signIn/emailLinks';
import { publicUrlOf } from '../signIn/publicUrl';
import { SESSION_COOKIE } from '../signIn/sessionCookie';
import { clearSessionCookie, openSession, revokeSession, sessionOfRequest, sessionView } from '../signIn/sessions';
import { MAX_TOKEN_LENGTH } from '../tokens';

const emailLinkBody = strictObject({ email: emailAddressSchema }).meta({ id: 'EmailLinkRequest' });
const acceptedSchema = z.object({ message: z.string() }).meta({ id: 'EmailLinkAccepted' });
const sessionBody = strictObject({
  token: z.string().min(1, 'wajib diisi').max(MAX_TOKEN_LENGTH, `paling banyak ${MAX_TOKEN_LENGTH} karakter`).meta({ description: 'Token dari tautan email (bagian #token=...).' }),
}).meta({ id: 'SessionRequest' });

export const sessionSchema = z
  .object({
    user: z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(userRoles), unitName: z.string().nullable() }),
    csrfToken: z.string().meta({ description: 'Kirim sebagai header X-CSRF-Token pada setiap permintaan yang mengubah data (selain GET/HEAD/OPTIONS).' }),
    expiresAt: z.string().meta({ description: 'Sesi berakhir saat ini (8 jam sesudah masuk), dipakai atau tidak.' }),
  })
  .meta({ id: 'Session' });

const ACCEPTED_MESSAGE = `Bila alamat itu milik pengguna aktif Layanan Kolokasi, tautan masuk sudah dikirim ke sana. Periksa kotak masuk (juga folder spam); tautan berlaku ${LINK_MINUTES} menit dan hanya dapat dipakai satu kali.`;
const linkInvalid = (): ApiError =>
  new ApiError(401, 'LINK_INVALID', `Tautan masuk ini tidak berlaku: sudah dipakai, sudah lewat ${LINK_MINUTES} menit, atau tidak dikenal. Minta tautan baru dari halaman masuk.`);

export const signInRoutes = [
  defineRoute({
    method: 'post',
    path: '/auth/email-link',
    summary: 'Meminta tautan masuk lewat email',
    description: `Jawabannya selalu sama (202), terdaftar atau tidak, agar tidak dapat dipakai menebak siapa penggunanya. Pengguna aktif dengan alamat itu menerima tautan sekali pakai yang berlaku ${LINK_MINUTES} menit; paling banyak 5 tautan per alamat tiap 15 menit.`,
    tags: ['Masuk'],
    access: 'publik',
    public: true,
    body: emailLinkBody,
    responses: { 202: { description: 'Diterima (dikirim bila alamatnya terdaftar dan aktif)', schema: acceptedSchema } },
    async handle({ res, deps, body }) {
      const { email } = body<z.output<typeof emailLinkBody>>();
      const publicUrl = publicUrlOf(deps);
      // Answered before the lookup and the send: how long they take must not tell who has an account.
      res.status(202).json({ message: ACCEPTED_MESSAGE });
      emailSignInLink({ ...deps, publicUrl }, email).catch((error: unknown) => (deps.log ?? console.error)('[api] a sign-in link could not be sent:', error));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/session',
    summary: 'Masuk dengan token dari tautan email',
    description: `Memakai tautan (sekali saja) dan membuka sesi: cookie ${SESSION_COOKIE} (HttpOnly, SameSite=Lax, 8 jam) dan csrfToken untuk header X-CSRF-Token.`,
    tags: ['Masuk'],
    access: 'publik (pemegang tautan)',
    public: true,
    body: sessionBody,
    responses: { 200: { description: 'Sesi yang dibuka; cookie dipasang lewat Set-Cookie', schema: sessionSchema } },
    errors: [{ status: 401, codes: ['LINK_INVALID'], description: 'tautan tidak dikenal, kedaluwarsa, sudah dipakai, atau penggunanya tidak aktif.' }],
    async handle({ req, res, deps, body }) {
      const { token } = body<z.output<typeof sessionBody>>();
      const user = await spendSignInLink(token);
      if (!user) throw linkInvalid();
      res.json(await openSession(req, res, deps, user, 'emailLink'));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/auth/session',
    summary: 'Sesi peramban ini',
    description: 'Untuk halaman web saat dimuat: siapa yang masuk dan csrfToken-nya. Hanya dengan cookie sesi.',
    tags: ['Masuk'],
    access: 'pemilik cookie sesi',
    authorisesItself: true,
    responses: { 200: { description: 'Sesi yang sedang berjalan', schema: sessionSchema } },
    async handle({ req, res }) {
      const session = await sessionOfRequest(req);
      if (!session) throw new ApiError(401, 'UNAUTHENTICATED', session === null ? 'Sesi Anda sudah berakhir atau tidak dikenal. Silakan masuk lagi.' : 'Belum masuk.');
      res.json(sessionView(session));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/auth/session',
    summary: 'Keluar',
    description: 'Mengakhiri sesi di server (cookie yang tersalin ke tempat lain pun tidak berlaku lagi) dan menghapus cookie. Dengan sesi yang masih berjalan, wajib membawa X-CSRF-Token. Tanpa sesi pun menjawab 204.',
    tags: ['Masuk'],
    access: 'pemilik cookie sesi',
    authorisesItself: true,
    responses: { 204: { description: 'Sudah keluar' } },
    async handle({ req, res, deps }) {
      const session = await sessionOfRequest(req);
      if (session) {
        ensureCsrf(req, session);
        await revokeSession(session.id);
      }
      clearSessionCookie(res, deps);
      res.status(204).end();
    },
  }),
  defineRoute({
    method: 'get',
    path: '/auth/options',
    summary: 'Cara masuk yang tersedia',
    description: 'Tautan email selalu; penyedia identitas (OIDC, mis. Keycloak) bila dikonfigurasi.',
    tags: ['Masuk'],
    access: 'publik',
    public: true,
    responses: {
      200: {
        description: 'Cara masuk',
        schema: z.object({ emailLink: z.literal(true), oidc: z.object({ loginUrl: z.string() }).nullable() }).meta({ id: 'SignInOptions' }),
      },
    },
    async handle({ res, deps }) {
      res.json({ emailLink: true, oidc: deps.oidc ? { loginUrl: '/auth/oidc/login' } : null });
    },
  }),
];
