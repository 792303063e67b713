// The HTTP server around the express app. Some requests node refuses before express sees them
// (headers past maxHeaderSize, a request line it cannot parse): those too get the one error shape.
import type { Express } from 'express';
import { createServer, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError } from './errors';

function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || (error.code === 'ECONNRESET' && !socket.readable)) {
    socket.destroy();
    return;
  }
  const apiError =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new ApiError(431, 'HEADERS_TOO_LARGE', 'Header permintaan terlalu besar (paling besar 16 KB seluruhnya).')
      : new ApiError(400, 'VALIDATION_FAILED', 'Permintaan HTTP tidak dapat dibaca.');
  const body = JSON.stringify(apiError.body());
  const reason = apiError.status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${apiError.status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Listens on `port` (0: any free one) and resolves once listening. */
export function serveApi(app: Express, port: number, host?: string): Promise<Server> {
  const server = createServer(app);
  server.on('clientError', answerClientError);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
