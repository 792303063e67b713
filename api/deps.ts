import type { Client } from '@temporalio/client';
import type { Mailer } from '../activities/mailer';

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
  /** Where unexpected errors are logged; console.error by default. */
  log?: (message: string, error: unknown) => void;
}
