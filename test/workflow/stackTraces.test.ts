// The Temporal UI's "Stack Trace" tab asks a waiting workflow where its code stands (the
// `__stack_trace` query). The SDK answers it from a promise hook that formats a stack for every
// promise a workflow creates: about half of a case's workflow-thread time. Our patch of the SDK
// (patches/) installs the hook only where KOLOKASI_WORKFLOW_STACK_TRACES=on asks for it.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

type Answer = { trace?: string; refused?: string };

function stackTraceQuery(setting: 'on' | undefined): Answer {
  const env = { ...process.env };
  if (setting) env.KOLOKASI_WORKFLOW_STACK_TRACES = setting;
  else delete env.KOLOKASI_WORKFLOW_STACK_TRACES;
  const out = execFileSync(process.execPath, ['--import', 'tsx', resolve(__dirname, '../support/stackTraceProbe.ts')], { env, encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(out.trim().split('\n').pop()!) as Answer;
}

test('by default the worker does not collect workflow stack traces: the query is refused', () => {
  expect(stackTraceQuery(undefined)).toEqual({ refused: 'QueryNotRegisteredError' });
}, 90_000);

test('with KOLOKASI_WORKFLOW_STACK_TRACES=on the stack trace query is answered', () => {
  const { trace, refused } = stackTraceQuery('on');
  expect(refused).toBeUndefined();
  expect(typeof trace).toBe('string');
}, 90_000);
