// The benchmark's own stack, like `npm start` but on free ports in a temporary directory (the same
// private stack the fault tests use): Temporal dev server, FerretDB, MailDev, then the worker and
// the API as child processes. stop() ends them all and removes the directory.
import { readFileSync, rmSync } from 'node:fs';
import { Part, startProcessStack } from '../../scripts/processStack';

const PARTS: Part[] = ['temporal', 'ferretdb', 'maildev', 'worker', 'api'];

export interface BenchStack {
  temporalAddress: string;
  mongoUri: string;
  apiUrl: string;
  workerPid: () => number;
  apiPid: () => number;
  /** Each process of the stack, for the CPU time it used. */
  pids: () => Record<Part, number>;
  stop(): Promise<void>;
}

export async function startBenchStack(log: (line: string) => void): Promise<BenchStack> {
  const stack = await startProcessStack('bench');
  const stop = async (): Promise<void> => {
    await stack.close();
    rmSync(stack.dir, { recursive: true, force: true });
  };
  try {
    log(`started Temporal, FerretDB and MailDev in ${stack.dir}; starting the worker and the API`);
    await stack.start('worker');
    await stack.start('api');
    return {
      temporalAddress: stack.env.TEMPORAL_ADDRESS,
      mongoUri: stack.env.MONGODB_URI,
      apiUrl: stack.apiUrl,
      workerPid: () => stack.pid('worker'),
      apiPid: () => stack.pid('api'),
      pids: () => Object.fromEntries(PARTS.map((part) => [part, stack.pid(part)])) as Record<Part, number>,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resident memory of a process, from /proc (Linux), in MiB; `peak` is its high-water mark. */
export function residentMiB(pid: number | undefined): { now: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return { now: NaN, peak: NaN };
  }
}

/** CPU time a process has used so far (user and system), from /proc (Linux), in seconds. */
export function cpuSeconds(pid: number): number {
  try {
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
  } catch {
    return NaN;
  }
}
