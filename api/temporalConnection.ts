// The API's connection to Temporal. A person waits on every call, so an unreachable server must be
// reported within a second or two (503, retry later) rather than retried for twenty: the client's
// default retries a refused connection ten times with backoff up to 5 s.
import { Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

/** Attempts per call on UNAVAILABLE / RESOURCE_EXHAUSTED: rides out a blip of ~1 s, no more. */
const RETRY_ATTEMPTS = 4;

export function apiConnectionOptions(address: string): Parameters<typeof Connection.connect>[0] {
  return { address, interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: RETRY_ATTEMPTS }))] };
}

export const connectTemporal = (address: string): Promise<Connection> => Connection.connect(apiConnectionOptions(address));
