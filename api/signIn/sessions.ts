// Sessions: opened once a person proved who they are (an emailed link, or the identity provider),
// found by the SHA-256 of the cookie's value, ended by signing out or by deactivating the user.
import type { Request, Response } from 'express';
import { Session } from '../../shared/db/session';
import type { ApiDeps } from '../deps';
import { hashToken, MAX_TOKEN_LENGTH, newToken } from '../tokens';
import { activeUser, CallerUser } from '../users/activeUser';
import { clearCookie, cookieOf, CookieScope, isHttps, SESSION_COOKIE, SESSION_MS, setCookie } from './sessionCookie';

export type SignInMethod = 'emailLink' | 'oidc';

/** What the browser learns about its session: who, the CSRF token to send with changes, and until when. */
export interface SessionView {
  user: { id: string; name: string; email: string; role: string; unitName: string | null };
  csrfToken: string;
  expiresAt: string;
}

export interface OpenSession {
  /** SHA-256 of the cookie's value. */
  id: string;
  user: CallerUser;
  csrfToken: string;
  expiresAt: Date;
}

export const sessionCookieScope = (deps: ApiDeps): CookieScope => ({ path: '/', secure: isHttps(deps.publicUrl) });

export function sessionView(session: Pick<OpenSession, 'user' | 'csrfToken' | 'expiresAt'>): SessionView {
  const { user } = session;
  return { user: { id: user.id, name: user.name, email: user.email, role: user.role, unitName: user.unitName ?? null }, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
}

/** Opens a session for the user and sets its cookie; a session the browser still had is ended. */
export async function openSession(req: Request, res: Response, deps: ApiDeps, user: CallerUser, method: SignInMethod): Promise<SessionView> {
  const previous = cookieOf(req, SESSION_COOKIE);
  if (previous && previous.length <= MAX_TOKEN_LENGTH) await revokeSession(hashToken(previous));
  const cookieValue = newToken();
  const csrfToken = newToken();
  const createdAt = new Date();
  const expiresAt = new Date(createdAt.getTime() + SESSION_MS);
  await Session.create({ _id: hashToken(cookieValue), userId: user.id, csrfToken, method, createdAt, expiresAt });
  setCookie(res, SESSION_COOKIE, cookieValue, SESSION_MS, sessionCookieScope(deps));
  return sessionView({ user, csrfToken, expiresAt });
}

/** The live session the request's cookie names: null for an unknown, ended or expired one (or its user inactive), undefined without a cookie. */
export async function sessionOfRequest(req: Request, now = new Date()): Promise<OpenSession | null | undefined> {
  const value = cookieOf(req, SESSION_COOKIE);
  if (!value) return undefined;
  if (value.length > MAX_TOKEN_LENGTH) return null;
  const session = await Session.findById(hashToken(value)).lean();
  if (!session || session.revokedAt || session.expiresAt <= now) return null;
  const user = await activeUser(session.userId);
  return user ? { id: session._id, user, csrfToken: session.csrfToken, expiresAt: session.expiresAt } : null;
}

/** Ends a session; setting revokedAt twice is harmless, so no claim is needed. */
export async function revokeSession(id: string, now = new Date()): Promise<void> {
  await Session.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: now } });
}

/**
 * Ends every session of a user being deactivated, so reactivating them later does not bring back a
 * cookie copied meanwhile. Reads sessions by userId: once per deactivation, by an admin.
 */
export async function revokeSessionsOf(userId: string, now = new Date()): Promise<void> {
  await Session.updateMany({ userId, revokedAt: null, expiresAt: { $gt: now } }, { $set: { revokedAt: now } });
}

export function clearSessionCookie(res: Response, deps: ApiDeps): void {
  clearCookie(res, SESSION_COOKIE, sessionCookieScope(deps));
}
