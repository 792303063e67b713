import { findChromium, MissingToolError, provisionChromium, requireCommand } from '../../scripts/tools';

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

describe('Chromium for the browser tests', () => {
  const nowhere = { env: { PATH: '/kolokasi-no-such-dir' }, systemPaths: ['/kolokasi-no-such-dir/chromium'] };

  test('missing where it may not be installed: the command that installs Debian\'s package', async () => {
    await expect(provisionChromium({ ...nowhere, mayInstall: false })).rejects.toThrow(MissingToolError);
    await expect(provisionChromium({ ...nowhere, mayInstall: false })).rejects.toThrow(
      'chromium is missing: the browser tests drive it with puppeteer-core.\n  Install it with: sudo apt-get install chromium\n  (or set KOLOKASI_CHROMIUM to a Chromium binary)',
    );
  });

  test('a KOLOKASI_CHROMIUM that does not run is named, not replaced by another browser', () => {
    expect(() => findChromium({ ...nowhere, env: { ...nowhere.env, KOLOKASI_CHROMIUM: '/kolokasi-no-such-dir/chrome' } })).toThrow(
      'KOLOKASI_CHROMIUM=/kolokasi-no-such-dir/chrome does not run (`/kolokasi-no-such-dir/chrome --version` failed).\n  Point it at a Chromium, or unset it and install Debian\'s: sudo apt-get install chromium',
    );
  });

  test('KOLOKASI_CHROMIUM wins over PATH when it runs', () => {
    // Any executable that answers --version stands in for a browser here.
    expect(findChromium({ ...nowhere, env: { ...nowhere.env, KOLOKASI_CHROMIUM: process.execPath } })).toBe(process.execPath);
  });
});
