// Latency and failure counts per endpoint, for the benchmark's table.

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  return sortedMs[Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1)]!;
}

export interface EndpointFigures {
  endpoint: string;
  calls: number;
  failed: number;
  p50: number;
  p95: number;
  p99: number;
}

export class Latencies {
  private readonly samples = new Map<string, number[]>();
  private readonly failures = new Map<string, number>();
  /** The first few failures, to print: a benchmark that hides why calls failed measures nothing. */
  readonly examples: string[] = [];

  record(endpoint: string, ms: number, ok: boolean, detail?: string): void {
    if (!this.samples.has(endpoint)) this.samples.set(endpoint, []);
    this.samples.get(endpoint)!.push(ms);
    if (ok) return;
    this.failures.set(endpoint, (this.failures.get(endpoint) ?? 0) + 1);
    if (this.examples.length < 5) this.examples.push(`${endpoint}: ${detail ?? ''}`.slice(0, 300));
  }

  get failed(): number {
    return [...this.failures.values()].reduce((a, b) => a + b, 0);
  }

  figures(endpoint: string): EndpointFigures {
    const sorted = [...(this.samples.get(endpoint) ?? [])].sort((a, b) => a - b);
    return { endpoint, calls: sorted.length, failed: this.failures.get(endpoint) ?? 0, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
  }

  /** Every endpoint whose name starts with `prefix`, merged (e.g. all decisions). */
  merged(prefix: string, label: string): EndpointFigures {
    const all = [...this.samples.entries()].filter(([e]) => e.startsWith(prefix)).flatMap(([, s]) => s).sort((a, b) => a - b);
    const failed = [...this.failures.entries()].filter(([e]) => e.startsWith(prefix)).reduce((a, [, n]) => a + n, 0);
    return { endpoint: label, calls: all.length, failed, p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99) };
  }

  endpoints(): string[] {
    return [...this.samples.keys()].sort();
  }
}

/** Runs `work(i)` for i in [0, count) with at most `concurrency` at a time. */
export async function pool(count: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const client = async (): Promise<void> => {
    while (next < count) {
      const i = next;
      next += 1;
      await work(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, client));
}
