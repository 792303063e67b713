// Who is calling, and in which role. Every route but the public ones runs `authenticate` first.
// A caller proves who it is with an API token (Authorization: Bearer, for integrations and scripts)
// or with the session cookie a browser got at sign-in; a change made with the cookie must also
// carry the session's CSRF token (X-CSRF-Token), which another site's page cannot know.
// An admin may act in another role's name (X-Act-As-Role + X-Act-Reason); the workflow then records
// the decision as that role's, with the admin and the reason beside it.
import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import type { Actor } from '../shared/decisions';
import type { UserRole } from '../shared/db/user';
import { Role, roleSchema } from '../shared/profile/schema';
import { text } from '../shared/text';
import { apiTokenUser } from './apiTokens/apiTokens';
import { ApiError, forbidden, parseOrThrow } from './errors';
import { OpenSession, sessionOfRequest } from './signIn/sessions';
import { sameSecret } from './tokens';
import type { CallerUser } from './users/activeUser';

export type { CallerUser } from './users/activeUser';

export interface Caller {
  user: CallerUser;
  /** The role the call is made in: the user's own, or the one an admin acts as. */
  role: UserRole;
  actingAs?: { role: Role; reason: string };
}

const actAsHeadersSchema = z.object({
  'x-act-as-role': roleSchema,
  'x-act-reason': z
    .string({ error: (issue) => (issue.input === undefined ? 'wajib diisi saat bertindak atas nama peran lain' : undefined) })
    .pipe(text(500, { min: 5, minMessage: 'alasan minimal 5 karakter' })),
});

const callers = new WeakMap<Request, Caller>();
const missingToken = (): ApiError =>
  new ApiError(401, 'UNAUTHENTICATED', 'Belum masuk: masuk lewat tautan yang dikirim ke email Anda, atau sertakan token: header "Authorization: Bearer <token>".');
const unknownToken = (): ApiError => new ApiError(401, 'UNAUTHENTICATED', 'Token tidak dikenal atau sudah tidak berlaku.');
const endedSession = (): ApiError => new ApiError(401, 'UNAUTHENTICATED', 'Sesi Anda sudah berakhir atau tidak dikenal. Silakan masuk lagi.');

/** Methods that change nothing: a cookie alone is enough for them. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return match?.[1];
}

/**
 * The active user the request's credential names: its bearer token if it has one (never the cookie
 * beside a bad token), otherwise its session cookie. Null for an unknown, expired or revoked one (or
 * an inactive user), undefined without any. A cookie-authenticated change without the session's
 * X-CSRF-Token is refused (403 CSRF).
 */
export async function requestUser(req: Request): Promise<CallerUser | null | undefined> {
  const token = bearerToken(req);
  if (token) return apiTokenUser(token);
  const session = await sessionOfRequest(req);
  if (!session) return session;
  ensureCsrf(req, session);
  return session.user;
}

/** A change made with a session cookie must carry the session's CSRF token; reads need not. */
export function ensureCsrf(req: Request, session: Pick<OpenSession, 'csrfToken'>): void {
  if (SAFE_METHODS.has(req.method) || sameSecret(req.get('x-csrf-token') ?? '', session.csrfToken)) return;
  throw new ApiError(403, 'CSRF', 'Permintaan ini tidak membawa token CSRF sesi Anda (header X-CSRF-Token). Muat ulang halaman lalu coba lagi.');
}

/** The active user whose token or session the request carries; 401 otherwise. */
export async function userOfRequest(req: Request): Promise<CallerUser> {
  const callerUser = await requestUser(req);
  if (callerUser === undefined) throw missingToken();
  if (callerUser === null) throw bearerToken(req) ? unknownToken() : endedSession();
  return callerUser;
}

export const authenticate: RequestHandler = async (req, _res, next) => {
  const callerUser = await userOfRequest(req);

  const wantsActAs = req.get('x-act-as-role') !== undefined || req.get('x-act-reason') !== undefined;
  if (!wantsActAs) {
    callers.set(req, { user: callerUser, role: callerUser.role });
    return next();
  }
  if (callerUser.role !== 'admin') throw forbidden('Hanya admin yang dapat bertindak atas nama peran lain (X-Act-As-Role).');
  const headers = parseOrThrow(actAsHeadersSchema, { 'x-act-as-role': req.get('x-act-as-role'), 'x-act-reason': req.get('x-act-reason') });
  callers.set(req, { user: callerUser, role: headers['x-act-as-role'], actingAs: { role: headers['x-act-as-role'], reason: headers['x-act-reason'] } });
  next();
};

/** The authenticated caller; routes behind `authenticate` always have one. */
export function callerOf(req: Request): Caller {
  const caller = callers.get(req);
  if (!caller) throw missingToken();
  return caller;
}

/** The caller as the workflow records a decision's author. An admin must name the role it acts in. */
export function actorOf(caller: Caller): Actor & { role: Role } {
  if (caller.role === 'admin') {
    throw forbidden('Admin tidak mengambil keputusan atas namanya sendiri: kirim X-Act-As-Role (peran yang diwakili) dan X-Act-Reason (alasan).');
  }
  const actor: Actor & { role: Role } = { userId: caller.user.id, name: caller.user.name, role: caller.role };
  if (caller.actingAs) actor.onBehalf = { adminUserId: caller.user.id, adminName: caller.user.name, reason: caller.actingAs.reason };
  return actor;
}

/** Applicants see their own unit's requests only; an admin acting as applicant is still an admin. */
export function unitScope(caller: Caller): string | undefined {
  return caller.role === 'applicant' && !caller.actingAs ? (caller.user.unitName ?? '\u0000no-unit') : undefined;
}

