/**
 * The one percentile definition of every output (summary.csv's p50/p99 columns, the charts' captions):
 * nearest rank — the smallest value with at least p of the values at or below it — so a percentile is
 * always one of the observed values and never an interpolation between two.
 */

/** Nearest-rank percentile (0 < p ≤ 1) of ascending `sorted` values; null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}
