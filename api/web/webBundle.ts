// The web app's script and styles, bundled from web/client by esbuild the first time they are asked
// for and kept in memory: no build step to forget, and a deploy serves exactly the code it ships.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface WebBundle {
  script: string;
  styles: string;
  /** A hash of both, in their URLs, so a browser may cache them for good. */
  version: string;
}

const clientDir = join(__dirname, '..', '..', 'web', 'client');

async function bundle(): Promise<WebBundle> {
  const [result, styles] = await Promise.all([
    build({
      entryPoints: [join(clientDir, 'main.tsx')],
      bundle: true,
      write: false,
      minify: true,
      format: 'iife',
      target: ['es2020'],
      jsx: 'automatic',
      jsxImportSource: 'preact',
      legalComments: 'none',
      logLevel: 'silent',
    }),
    readFile(join(clientDir, 'styles.css'), 'utf8'),
  ]);
  const script = result.outputFiles[0]?.text ?? '';
  const version = createHash('sha256').update(script).update(styles).digest('hex').slice(0, 16);
  return { script, styles, version };
}

let built: Promise<WebBundle> | undefined;

export function webBundle(): Promise<WebBundle> {
  built ??= bundle().catch((error: unknown) => {
    built = undefined; // a fixed file is picked up on the next request
    throw error;
  });
  return built;
}
