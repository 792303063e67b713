import type { ApiDeps } from '../deps';

/** The address people reach the API at; sign-in cannot work without it, so its absence is a bug. */
export function publicUrlOf(deps: ApiDeps): string {
  if (!deps.publicUrl) throw new Error('ApiDeps.publicUrl is not set: sign-in links and the OIDC redirect need the address people reach the API at (API_PUBLIC_URL)');
  return deps.publicUrl;
}
