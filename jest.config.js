// Three projects, so each suite starts only the services it needs:
//   unit         pure code, no services
//   workflow     Temporal's time-skipping test server (Java), for workflows with long SLA timers
//   integration  the real stack: Temporal dev server, FerretDB, MailDev
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const common = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 120_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'workflow',
      testMatch: ['<rootDir>/test/workflow/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/workflowGlobalSetup.ts',
      setupFiles: ['<rootDir>/test/support/quietLogs.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/integrationGlobalSetup.ts',
      setupFiles: ['<rootDir>/test/support/quietLogs.ts'],
      globalTeardown: '<rootDir>/test/support/integrationGlobalTeardown.ts',
    },
  ],
};
