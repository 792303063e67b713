// Whether a failure means a service the API depends on (Temporal, MongoDB) is unreachable or not
// answering: the client should retry later (503 with Retry-After), nothing is wrong with its request.

const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

const MONGO_OUTAGE_ERRORS = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);

function isUnreachableItself(error: object, orSlow: boolean): boolean {
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (code === GRPC_UNAVAILABLE || (orSlow && code === GRPC_DEADLINE_EXCEEDED)) return true;
  if (typeof name === 'string' && MONGO_OUTAGE_ERRORS.has(name)) return true;
  // Mongoose queues operations while disconnected and gives up with this message.
  return name === 'MongooseError' && typeof message === 'string' && /buffering timed out|not connected/i.test(message);
}

function anyCause(error: unknown, test: (e: object) => boolean): boolean {
  // The Temporal client wraps gRPC errors (in a ServiceError, say): look through the causes.
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (test(e)) return true;
  }
  return false;
}

/** The service could not be reached at all (connection refused, no server selected). */
export const isUnreachable = (error: unknown): boolean => anyCause(error, (e) => isUnreachableItself(e, false));

/** Unreachable, or did not answer before the call's deadline. */
export const isOutage = (error: unknown): boolean => anyCause(error, (e) => isUnreachableItself(e, true));
