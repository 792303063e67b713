// Provisions the pinned tools the stack needs (Temporal CLI, FerretDB, Temporal's time-skipping
// test server) into a cache outside the repository, and reuses them once built.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

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
}

export class MissingToolError extends Error {}

/** Stops with what is missing and the command that installs it. */
export function requireCommand(command: string, versionArgs: string[], what: string, fix: string): void {
  const probe = spawnSync(command, versionArgs, { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new MissingToolError(`${command} is missing: ${what}.\n  Install it with: ${fix}`);
  }
}

/** Runs a long build, printing a heartbeat so a first run never looks stuck. */
async function runBuild(label: string, command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }): Promise<void> {
  const started = Date.now();
  const elapsed = (): string => {
    const s = Math.round((Date.now() - started) / 1000);
    return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  };
  console.log(`[provision] ${label}: building (first run only; this can take several minutes)...`);
  const heartbeat = setInterval(() => console.log(`[provision] ${label}: still building, ${elapsed()} so far`), 30_000);
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
      throw new Error(`${label}: build failed (exit ${code}):\n${output.join('').slice(-4000)}`);
    }
    console.log(`[provision] ${label}: built in ${elapsed()}`);
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

export async function provisionAll(): Promise<Tools> {
  // Sequential on purpose: the two Go builds each saturate a small machine's cores.
  const temporal = await provisionTemporal();
  const ferretdb = await provisionFerretDB();
  const testServer = await provisionTestServer();
  return { temporal, ferretdb, testServer };
}
