// The lint fence on workflow code covers every folder under workflows/, however deep: I/O modules,
// activities and the database are refused there, and so is a promise nobody awaits. The files are
// written for the test and linted with the project's own configuration, as `npm run lint` would.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const eslint = path.join(root, 'node_modules/.bin/eslint');

function lint(file: string, lines: string[]): string[] {
  const full = path.join(root, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, `${lines.join('\n')}\n`);
  try {
    const run = spawnSync(eslint, ['--format', 'json', file], { cwd: root, encoding: 'utf8' });
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
    return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
  } finally {
    rmSync(full);
  }
}

afterAll(() => rmSync(path.join(root, 'workflows/sop/fence-test'), { recursive: true, force: true }));

test.each(['workflows/fence-test.ts', 'workflows/sop/fence-test.ts', 'workflows/sop/fence-test/deeper.ts'])('%s may not reach I/O, activities or the database', (file) => {
  const up = '../'.repeat(file.split('/').length - 1);
  const found = lint(file, [
    "import mongoose from 'mongoose';",
    `import { createActivities } from '${up}activities';`,
    `import { RequestRecord } from '${up}shared/db/requestRecord';`,
    'export const used = [mongoose, createActivities, RequestRecord];',
  ]);
  expect(found.filter((p) => p.startsWith('@typescript-eslint/no-restricted-imports'))).toHaveLength(3);
});

test('a floating promise in workflow code is an error; a type-only import of activities is allowed', () => {
  const found = lint('workflows/sop/fence-test.ts', [
    "import type { Activities } from '../../activities';",
    "import { sleep } from '@temporalio/workflow';",
    'export function wait(_a?: Activities): void {',
    "  sleep('1 second');",
    '}',
  ]);
  expect(found).toEqual([expect.stringMatching(/^@typescript-eslint\/no-floating-promises/)]);
});
