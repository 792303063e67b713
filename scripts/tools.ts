// Provisions the pinned tools the stack needs (Temporal CLI, FerretDB, Temporal's time-skipping
// test server) into a cache outside the repository, and reuses them once built; the browser tests'
// Chromium comes from the system's package manager instead (see provisionChromium).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, chmodSync, constants as fsConstants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

export const TEMPORAL_CLI_VERSION = '1.5.1';
export const FERRETDB_VERSION = '1.24.2';

const repoRoot = resolve(__dirname, '..');

export const cacheDir = resolve(
  process.env.KOLOKASI_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'kolokasi'),
);

export interface Tools {
  temporal: string;
  ferretdb: string;
  /** Wrapper that execs the Java test server; given to @temporalio/testing as an existing-path executable. */
  testServer: string;
  /** The system's Chromium, driven by puppeteer-core in the browser tests. */
  chromium: string;
  /** poppler's pdftoppm: the document tests render a PDF page to PNG. */
  pdftoppm: string;
}

export class MissingToolError extends Error {}

/** Stops with what is missing and the command that installs it. */
export function requireCommand(command: string, versionArgs: string[], what: string, fix: string): void {
  const probe = spawnSync(command, versionArgs, { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new MissingToolError(`${command} is missing: ${what}.\n  Install it with: ${fix}`);
  }
}

interface BuildOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** What the progress lines call the work: a build by default, or a package installation. */
  words?: { doing: string; done: string };
}

/** Runs a long build, printing a heartbeat so a first run never looks stuck. */
async function runBuild(label: string, command: string, args: string[], options: BuildOptions): Promise<void> {
  const { doing, done } = options.words ?? { doing: 'building', done: 'built' };
  const started = Date.now();
  const elapsed = (): string => {
    const s = Math.round((Date.now() - started) / 1000);
    return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  };
  console.log(`[provision] ${label}: ${doing} (first run only; this can take several minutes)...`);
  const heartbeat = setInterval(() => console.log(`[provision] ${label}: still ${doing}, ${elapsed()} so far`), 30_000);
  try {
    const output: string[] = [];
    const code = await new Promise<number | null>((resolvePromise, reject) => {
      const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
      child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
      child.on('error', reject);
      child.on('exit', resolvePromise);
    });
    if (code !== 0) {
      throw new Error(`${label}: ${doing} failed (exit ${code}):\n${output.join('').slice(-4000)}`);
    }
    console.log(`[provision] ${label}: ${done} in ${elapsed()}`);
  } finally {
    clearInterval(heartbeat);
  }
}

function versionOf(binary: string): string {
  const out = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return out.status === 0 ? out.stdout : '';
}

/** Temporal CLI, built with `go install` at a pinned tag whose go.mod has no replace directive. */
export async function provisionTemporal(): Promise<string> {
  const onPath = spawnSync('sh', ['-c', 'command -v temporal'], { encoding: 'utf8' }).stdout.trim();
  if (onPath && versionOf(onPath).includes(TEMPORAL_CLI_VERSION)) return onPath;

  const binDir = join(cacheDir, 'tools', `temporal-${TEMPORAL_CLI_VERSION}`, 'bin');
  const binary = join(binDir, 'temporal');
  if (existsSync(binary) && versionOf(binary).includes(TEMPORAL_CLI_VERSION)) return binary;

  requireCommand('go', ['version'], 'it builds the Temporal CLI and FerretDB', 'apt-get update && apt-get install -y golang-go');
  const staging = `${binDir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  await runBuild(`Temporal CLI v${TEMPORAL_CLI_VERSION}`, 'go', [
    'install',
    '-trimpath',
    '-ldflags', `-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION}`,
    `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`,
  ], { env: { GOBIN: staging, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' } });
  rmSync(binDir, { recursive: true, force: true });
  renameSync(staging, binDir);
  return binary;
}

function digestOf(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(file));
  return hash.digest('hex').slice(0, 12);
}

/** FerretDB from its embeddable package (see scripts/ferretdb/main.go for why not `go install`). */
export async function provisionFerretDB(): Promise<string> {
  const source = join(repoRoot, 'scripts', 'ferretdb');
  const digest = digestOf(['go.mod', 'go.sum', 'main.go', 'idindex.go'].map((f) => join(source, f)));
  const binary = join(cacheDir, 'tools', `ferretdb-${FERRETDB_VERSION}-${digest}`, 'ferretdb');
  if (existsSync(binary)) return binary;

  requireCommand('go', ['version'], 'it builds the Temporal CLI and FerretDB', 'apt-get update && apt-get install -y golang-go');
  mkdirSync(join(binary, '..'), { recursive: true });
  const staging = `${binary}.partial`;
  await runBuild(`FerretDB v${FERRETDB_VERSION} (SQLite)`, 'go', ['build', '-trimpath', '-ldflags', '-s -w', '-o', staging, '.'], {
    cwd: source,
    env: { CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' },
  });
  renameSync(staging, binary);
  return binary;
}

// Options that get the JVM listening well inside the SDK's 5-second start probe on a small machine:
// C1 only (no slow C2 warm-up), the serial collector, and a small heap that needs no tuning.
const TEST_SERVER_JVM_OPTS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Xms64m -Xmx512m -Xss512k';

/** Temporal's Java time-skipping test server, its runtime classpath resolved by Maven. */
export async function provisionTestServer(): Promise<string> {
  const pom = join(repoRoot, 'scripts', 'test-server', 'pom.xml');
  const dir = join(cacheDir, 'tools', `temporal-test-server-${digestOf([pom])}`);
  const wrapper = join(dir, 'test-server');
  if (existsSync(wrapper)) return wrapper;

  requireCommand('java', ['-version'], 'it runs Temporal\'s time-skipping test server', 'apt-get update && apt-get install -y openjdk-17-jre-headless');
  requireCommand('mvn', ['-v'], 'it resolves the test server from Maven Central', 'apt-get update && apt-get install -y maven');
  mkdirSync(dir, { recursive: true });
  const classpathFile = join(dir, 'classpath.txt');
  await runBuild('Temporal test server (Maven)', 'mvn', [
    '-B', '-q', '-f', pom, 'dependency:build-classpath',
    `-Dmdep.outputFile=${classpathFile}`, '-Dmdep.includeScope=runtime',
  ], {});
  const classpath = readFileSync(classpathFile, 'utf8').trim();
  // exec, so the SDK's kill reaches the JVM; no flags of our own: the SDK passes the port.
  writeFileSync(`${wrapper}.partial`, [
    '#!/bin/sh',
    `exec java ${TEST_SERVER_JVM_OPTS} -cp '${classpath}' io.temporal.testserver.TestServer "$@"`,
    '',
  ].join('\n'));
  chmodSync(`${wrapper}.partial`, 0o755);
  renameSync(`${wrapper}.partial`, wrapper);
  return wrapper;
}

/** Debian's own build: no library may download a browser of its own (puppeteer-core never does). */
export const CHROMIUM_PACKAGE = 'chromium';
const CHROMIUM_FIX = `sudo apt-get install ${CHROMIUM_PACKAGE}`;

export interface ChromiumOptions {
  env?: NodeJS.ProcessEnv;
  /** Where the package puts it, looked at after PATH. */
  systemPaths?: string[];
  /** Whether this process installs the package itself; by default when it is root and has apt-get. */
  mayInstall?: boolean;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function runsVersion(binary: string): boolean {
  return isExecutable(binary) && spawnSync(binary, ['--version'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
}

function onPathIn(env: NodeJS.ProcessEnv, command: string): string | undefined {
  return (env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, command)).find(isExecutable);
}

/** KOLOKASI_CHROMIUM if set (it must run), else `chromium` on PATH or where Debian installs it. */
export function findChromium(o: ChromiumOptions = {}): string | undefined {
  const env = o.env ?? process.env;
  const given = env.KOLOKASI_CHROMIUM;
  if (given) {
    if (runsVersion(given)) return given;
    // Installing another would hide the typo: say what is wrong with the one asked for.
    throw new MissingToolError(`KOLOKASI_CHROMIUM=${given} does not run (\`${given} --version\` failed).\n  Point it at a Chromium, or unset it and install Debian's: ${CHROMIUM_FIX}`);
  }
  const candidates = [onPathIn(env, 'chromium'), ...(o.systemPaths ?? ['/usr/bin/chromium'])];
  return candidates.find((c): c is string => !!c && runsVersion(c));
}

const mayInstallPackages = (env: NodeJS.ProcessEnv): boolean => process.getuid?.() === 0 && !!onPathIn(env, 'apt-get');

async function installDebianPackage(label: string, pkg: string): Promise<void> {
  // Another provisioning run may hold apt's lock (jest's globalSetup beside `npm run provision`): wait for it.
  const apt = ['-o', 'DPkg::Lock::Timeout=600'];
  await runBuild(label, 'apt-get', [...apt, 'update'], { words: { doing: 'reading the package lists (apt-get update)', done: 'package lists read' } });
  await runBuild(label, 'apt-get', [...apt, 'install', '-y', '--no-install-recommends', pkg], {
    env: { DEBIAN_FRONTEND: 'noninteractive' },
    words: { doing: 'installing', done: 'installed' },
  });
}

/** The browser tests' Chromium: the system's, installed from Debian's package when missing and allowed. */
export async function provisionChromium(o: ChromiumOptions = {}): Promise<string> {
  const found = findChromium(o);
  if (found) return found;
  const env = o.env ?? process.env;
  const mayInstall = o.mayInstall ?? mayInstallPackages(env);
  if (!mayInstall) {
    throw new MissingToolError(`chromium is missing: the browser tests drive it with puppeteer-core.\n  Install it with: ${CHROMIUM_FIX}\n  (or set KOLOKASI_CHROMIUM to a Chromium binary)`);
  }
  await installDebianPackage(`Chromium (Debian package ${CHROMIUM_PACKAGE})`, CHROMIUM_PACKAGE);
  const installed = findChromium(o);
  if (!installed) throw new Error(`apt-get installed ${CHROMIUM_PACKAGE}, yet no chromium runs on PATH or at /usr/bin/chromium`);
  return installed;
}

export const PDFTOPPM_PACKAGE = 'poppler-utils';

/**
 * pdftoppm, with which the document tests turn a PDF page into a PNG a person (or a session) looks
 * at: Debian's poppler-utils, installed like Chromium when missing and allowed.
 */
export async function provisionPdftoppm(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const find = (): string | undefined => [onPathIn(env, 'pdftoppm'), '/usr/bin/pdftoppm'].find((c): c is string => !!c && isExecutable(c));
  const found = find();
  if (found) return found;
  if (!mayInstallPackages(env)) {
    throw new MissingToolError(`pdftoppm is missing: the document tests render PDF pages to PNG with it.\n  Install it with: sudo apt-get install ${PDFTOPPM_PACKAGE}`);
  }
  await installDebianPackage(`pdftoppm (Debian package ${PDFTOPPM_PACKAGE})`, PDFTOPPM_PACKAGE);
  const installed = find();
  if (!installed) throw new Error(`apt-get installed ${PDFTOPPM_PACKAGE}, yet no pdftoppm runs`);
  return installed;
}

export async function provisionAll(): Promise<Tools> {
  // Sequential on purpose: the two Go builds each saturate a small machine's cores.
  const temporal = await provisionTemporal();
  const ferretdb = await provisionFerretDB();
  const testServer = await provisionTestServer();
  // Only the tests need a browser, so `npm start` (which provisions tool by tool) never asks for one.
  const chromium = await provisionChromium();
  const pdftoppm = await provisionPdftoppm();
  return { temporal, ferretdb, testServer, chromium, pdftoppm };
}
