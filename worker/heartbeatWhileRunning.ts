// An activity scheduled with a heartbeat timeout heartbeats for as long as its worker runs it. The
// heartbeat says "this worker is alive", not "this work progresses": when a worker dies, its
// activities stop heartbeating and Temporal retries them elsewhere after the heartbeat timeout
// (seconds) instead of after their start-to-close timeout.
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

export const heartbeatWhileRunning: ActivityInterceptorsFactory = (ctx) => ({
  inbound: {
    async execute(input, next) {
      const timeoutMs = ctx.info.heartbeatTimeoutMs;
      if (ctx.info.isLocal || !timeoutMs) return next(input);
      const beat = setInterval(() => ctx.heartbeat(), Math.max(timeoutMs / 3, 200));
      try {
        return await next(input);
      } finally {
        clearInterval(beat);
      }
    },
  },
});
