// The browser's credential: an HttpOnly cookie (page scripts cannot read it, so an injected script
// cannot carry it off), SameSite=Lax (another site's form posts and fetches go without it), Secure
// whenever people reach the API over https.
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'kolokasi_session';
/** A working day: a session is not kept alive by use; after this the person signs in again. */
export const SESSION_MS = 8 * 3_600_000;

/** The value of one cookie the request carries; undefined when it has none by that name. */
export function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

export interface CookieScope {
  /** Where the cookie is sent: the whole API, or only the paths that read it. */
  path: string;
  /** Over https: the browser never sends it in the clear. */
  secure: boolean;
}

export function setCookie(res: Response, name: string, value: string, maxAgeMs: number, scope: CookieScope): void {
  res.cookie(name, value, { httpOnly: true, sameSite: 'lax', path: scope.path, secure: scope.secure, maxAge: maxAgeMs });
}

export function clearCookie(res: Response, name: string, scope: CookieScope): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'lax', path: scope.path, secure: scope.secure });
}

/** Secure cookies when the public address is https (behind a proxy that ends TLS, the API itself sees http). */
export function isHttps(publicUrl: string | undefined): boolean {
  return publicUrl?.startsWith('https:') ?? false;
}
