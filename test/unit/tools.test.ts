import { MissingToolError, requireCommand } from '../../scripts/tools';

test('a missing tool stops provisioning with what is missing and the command that installs it', () => {
  expect(() => requireCommand('kolokasi-no-such-tool', ['--version'], 'it builds the Temporal CLI', 'apt-get install -y kolokasi-no-such-tool')).toThrow(MissingToolError);
  try {
    requireCommand('kolokasi-no-such-tool', ['--version'], 'it builds the Temporal CLI', 'apt-get install -y kolokasi-no-such-tool');
  } catch (error) {
    expect((error as Error).message).toBe('kolokasi-no-such-tool is missing: it builds the Temporal CLI.\n  Install it with: apt-get install -y kolokasi-no-such-tool');
  }
});

test('a tool that is present passes', () => {
  expect(() => requireCommand('node', ['--version'], 'x', 'y')).not.toThrow();
});
