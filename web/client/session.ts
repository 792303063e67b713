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

export async function signOut(): Promise<void> {
  await api('DELETE', '/auth/session');
  useCsrfToken(undefined);
}
