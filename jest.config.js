// One run starts the real services once (test/support/globalSetup.ts) for its projects:
//   unit         pure code
//   workflow     workflows on Temporal's time-skipping test server (Java), with real FerretDB and MailDev
//   integration  the real stack: Temporal dev server, FerretDB, MailDev
//   browser      pages in the system Chromium (puppeteer-core) against the API on the real stack
//   fault        kill -9 and restart of real processes, each file on its own private stack
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const common = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 120_000,
  transform,
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'workflow',
      testMatch: ['<rootDir>/test/workflow/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/support/quietLogs.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/support/quietLogs.ts'],
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/support/quietLogs.ts'],
    },
    {
      ...common,
      displayName: 'fault',
      testMatch: ['<rootDir>/test/fault/**/*.test.ts'],
    },
  ],
};
