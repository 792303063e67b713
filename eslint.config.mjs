// Workflow code runs in Temporal's deterministic sandbox: it must not reach Node built-ins or any
// I/O module, or replays would diverge. The rule below makes that a lint error, not a runtime surprise.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const ioModules = ['mongoose', 'mongodb', 'nodemailer', 'express', 'luxon', 'date-holidays',
  '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'];
const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', '.tmp/', 'scripts/ferretdb/', 'scripts/test-server/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly', console: 'readonly' } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A promise left floating in a workflow is a timer or activity nobody awaits or handles.
      '@typescript-eslint/no-floating-promises': 'error',
      // Types from activities/ are erased at build time; values would drag I/O into the sandbox.
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [...nodeBuiltins, ...ioModules].map((name) => ({
          name,
          message: 'Workflow code must stay deterministic: do I/O in an activity instead.',
        })),
        patterns: [{
          // Any depth: workflows/sop/*.ts reaches them as ../../activities.
          group: ['**/activities', '**/activities/*', '**/api/*', '**/worker/*', '**/shared/db/*', '**/shared/config', '**/shared/profile/registry'],
          allowTypeImports: true,
          message: 'Workflows may import only pure shared/ code and @temporalio/workflow.',
        }],
      }],
      'no-restricted-globals': ['error',
        { name: 'setTimeout', message: 'Use sleep() or condition() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() in a loop from @temporalio/workflow.' },
        { name: 'process', message: 'process is not available in workflows.' },
      ],
    },
  },
  {
    // The web app runs in the browser: it reaches the server only through the HTTP API, and shares
    // only pure code (the zod schemas) with it.
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [...nodeBuiltins, ...ioModules, '@temporalio/workflow', '@temporalio/common'].map((name) => ({
          name,
          message: 'The web app runs in a browser: call the HTTP API instead.',
        })),
        patterns: [{
          group: ['**/activities', '**/activities/*', '**/api/*', '**/worker/*', '**/workflows/*', '**/shared/db/*', '**/shared/config', '**/shared/contracts/*', '**/shared/profile/registry'],
          allowTypeImports: true,
          message: 'The web app may import only pure shared/ code (schemas, texts).',
        }],
      }],
    },
  },
);
