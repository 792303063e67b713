// The SDK logs every worker state change at INFO, and its core warns that the test server is old;
// tests only need the SDK's warnings from the TS side and errors from the core.
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';

Runtime.install({
  logger: new DefaultLogger('WARN'),
  telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
});
