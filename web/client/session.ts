// Who is signed in, as the API's session says; roles and units come from Kolokasi's user records.
import { api, ApiFailure, useCsrfToken } from './api';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: string;
  unitName?: string | null;
}

interface SessionBody {
  user: SessionUser;
  csrfToken: string;
  expiresAt: string;
}

/** The signed-in user, or null when there is no valid session. */
export async function loadSession(): Promise<SessionUser | null> {
  try {
    const body = await api<SessionBody>('GET', '/auth/session');
    useCsrfToken(body.csrfToken);
    return body.user;
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 401) return null;
    throw error;
  }
}

export async function signInWithLink(token: string): Promise<SessionUser> {
  const body = await api<SessionBody>('POST', '/auth/session', { token });
  useCsrfToken(body.csrfToken);
  return body.user;
}

const RETURN_KEY = 'kolokasi:after-sign-in';

/**
 * Where to go once signed in: the page an email linked to. Kept in localStorage because the sign-in
 * link from the email opens in another tab.
 */
export function rememberPageBeforeSignIn(path: string): void {
  if (path.startsWith('/app/') && !path.startsWith('/app/masuk')) localStorage.setItem(RETURN_KEY, path);
}

export function pageAfterSignIn(fallback: string): string {
  const path = localStorage.getItem(RETURN_KEY);
  localStorage.removeItem(RETURN_KEY);
  return path && path.startsWith('/app/') && !path.startsWith('/app/masuk') ? path : fallback;
}

export async function signOut(): Promise<void> {
  await api('DELETE', '/auth/session');
  useCsrfToken(undefined);
}
