// Bundles workflows/ in a short-lived child process. Webpack run inside the worker would leave it
// holding about 150 MiB it never gives back; a child returns all of it when it exits.
import { BundleOptions, bundleWorkflowCode } from '@temporalio/worker';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { failureConverterPath } from '../shared/dataConverter';

/** Runs this file as a child (with the parent's loader flags, e.g. tsx) and returns the bundle's code. */
export function bundleWorkflowsInChild(): { code: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kolokasi-workflows-'));
  try {
    const codePath = join(dir, 'workflow-bundle.js');
    const child = spawnSync(process.execPath, [...process.execArgv, __filename, codePath], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (child.status !== 0) throw new Error(`bundling the workflows failed (exit ${child.status ?? child.signal})`);
    return { code: readFileSync(codePath, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How workflows/ is bundled, by the worker and by the tests alike. */
export function workflowBundleOptions(): BundleOptions {
  return {
    workflowsPath: resolve(__dirname, '../workflows'),
    failureConverterPath,
    // No preloadModules: the SDK deep-freezes what runs share, and zod writes to its shared regexes
    // (lastIndex) as it parses, so a shared zod fails the first check that uses one. (A bare 'zod'
    // there did nothing anyway: zod declares itself free of side effects and webpack drops it.)
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
  };
}

async function writeBundle(codePath: string): Promise<void> {
  const { code } = await bundleWorkflowCode(workflowBundleOptions());
  writeFileSync(codePath, code);
}

if (require.main === module) {
  writeBundle(process.argv[2]!).catch((error: unknown) => {
    console.error('[worker] bundling the workflows failed:', error);
    process.exit(1);
  });
}
