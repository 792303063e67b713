import type { Client } from '@temporalio/client';
import type { Mailer } from '../activities/mailer';
import type { OidcSettings } from '../shared/config';

/** What the API needs from outside; tests pass the real ones, pointed at their own task queue. */
export interface ApiDeps {
  temporal: Client;
  /** The task queue the worker polls: new cases start there. */
  taskQueue: string;
  /** The SOP profile new requests follow (KOLOKASI_PROFILE). */
  profileId: string;
  mailer: Mailer;
  /** The remote codec endpoint (/codec) the Temporal Web UI and CLI decode payloads with. */
  codecEndpoint?: {
    /** The Temporal Web UI's origin, allowed to call /codec from the browser (CORS). */
    uiOrigin?: string;
    /** Decode without a token: only while payloads use the public development key (anyone has it). */
    withoutToken?: boolean;
  };
  /**
   * Where people reach the API (API_PUBLIC_URL, no trailing slash): sign-in links and the identity
   * provider's redirect point there, never at the request's own Host header (which the sender
   * chooses). Without it, sign-in links cannot be sent.
   */
  publicUrl?: string;
  /** Sign-in through an OpenID Connect provider (OIDC_*); absent where none is configured. */
  oidc?: OidcSettings;
  /** Where unexpected errors are logged; console.error by default. */
  log?: (message: string, error: unknown) => void;
}
