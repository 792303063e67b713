// Who is calling, and in which role. Every route but the public ones runs `authenticate` first.
// An admin may act in another role's name (X-Act-As-Role + X-Act-Reason); the workflow then records
// the decision as that role's, with the admin and the reason beside it.
import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import type { Actor } from '../shared/decisions';
import { User, UserRole } from '../shared/db/user';
import { Role, roleSchema } from '../shared/profile/schema';
import { text } from '../shared/text';
import { ApiError, forbidden, parseOrThrow } from './errors';
import { hashToken } from './tokens';

export interface CallerUser {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  unitName?: string;
}

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
const missingToken = (): ApiError => new ApiError(401, 'UNAUTHENTICATED', 'Sertakan token: header "Authorization: Bearer <token>".');

/** Tokens are 32 random bytes in base64url; anything far longer is no token of ours. */
const MAX_TOKEN_LENGTH = 512;

function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return match?.[1];
}

/** The active user the request's bearer token names; null for an unknown token, undefined without one. */
export async function tokenUser(req: Request): Promise<CallerUser | null | undefined> {
  const token = bearerToken(req);
  if (!token) return undefined;
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const user = await User.findOne({ tokenHash: hashToken(token), active: true }).lean();
  return user ? { id: user._id, name: user.name, email: user.email, role: user.role as UserRole, unitName: user.unitName ?? undefined } : null;
}

/** The active user whose token the request carries; 401 otherwise. */
export async function userOfRequest(req: Request): Promise<CallerUser> {
  const callerUser = await tokenUser(req);
  if (callerUser === undefined) throw missingToken();
  if (callerUser === null) throw new ApiError(401, 'UNAUTHENTICATED', 'Token tidak dikenal atau sudah tidak berlaku.');
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

