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
  /** Where unexpected errors are logged; console.error by default. */
  log?: (message: string, error: unknown) => void;
}
