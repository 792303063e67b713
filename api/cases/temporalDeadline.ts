// Every call the API makes to Temporal has a deadline: with the server down (or a query nobody
// answers because no worker runs) the client would otherwise retry for tens of seconds while the
// person waits. Past the deadline the call fails with DEADLINE_EXCEEDED, which answers 503.
import type { Client } from '@temporalio/client';

/** Long enough for a loaded server to answer a start, describe or query; short for a person. */
export const TEMPORAL_CALL_MS = 5_000;

export function withTemporalDeadline<T>(temporal: Client, fn: () => Promise<T>, ms = TEMPORAL_CALL_MS): Promise<T> {
  return temporal.withDeadline(Date.now() + ms, fn);
}
