// Percentiles for the SOP compliance report, by the nearest-rank method: the P-th percentile of n
// values is the value at rank ceil(P/100 × n) of the values sorted ascending (ranks from 1). It is
// always a time some case really took, and an evaluator can check it by hand from a sorted list,
// which an interpolated percentile would not allow.

/** Nearest-rank percentile; null for no values. `percent` in (0, 100]. */
export function nearestRankPercentile(values: readonly number[], percent: number): number | null {
  if (!(percent > 0 && percent <= 100)) throw new RangeError(`percent must be in (0, 100], got ${percent}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // percent × n before dividing keeps whole-number products exact (0.9 × 30 is 27.000000000000004).
  const rank = Math.max(1, Math.ceil((percent * sorted.length) / 100));
  return sorted[rank - 1] ?? null;
}

/** The median as the 50th nearest-rank percentile: for an even count, the lower of the two middle values. */
export function nearestRankMedian(values: readonly number[]): number | null {
  return nearestRankPercentile(values, 50);
}
