/**
 * sweep-summary.csv: one row per grid point and mode (grid order, then mode order), and for each
 * numeric metric of summary.csv — plus `log_bytes_per_hour` (log_bytes / sim_seconds × 3600, per run)
 * — three columns over that point's seeds: `<metric>_n` (runs with a value: a nullable metric such as
 * heal_latency_p99_s is empty when nothing healed), `<metric>_mean`, and `<metric>_ci95`, the
 * half-width of the 95 % Student-t confidence interval of the mean (empty when n < 2).
 *
 * Precision: means and half-widths of seconds keep summary.csv's 6 decimals, of MiB its 3; those of
 * counts and bytes (integers in summary.csv, no longer integers once averaged) and of
 * log_bytes_per_hour get 3.
 */
import { fixed } from '../../reports/cells.js';
import type { Mode } from '../scenario/ast.js';
import { csvText, METRIC_COLUMNS, SUMMARY_COLUMNS } from './columns.js';
import type { GridAxis, GridPoint } from './grid.js';
import type { SweepRow } from './rows.js';
import { meanCi, type MeanCi } from './stats.js';

export interface Metric {
  readonly name: string;
  readonly decimals: number;
  /** The metric's value in one run (null: none, e.g. no heal completed). */
  readonly value: (row: SweepRow) => number | null;
}

const numberOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** Every metric of sweep-summary.csv, in column order. */
export const METRICS: readonly Metric[] = [
  ...METRIC_COLUMNS.map(
    (c): Metric => ({
      name: c.name,
      decimals: c.type.kind === 'seconds' ? 6 : 3,
      value: (row) => numberOrNull(row.values[c.name]),
    }),
  ),
  { name: 'log_bytes_per_hour', decimals: 3, value: logBytesPerHour },
];

export function logBytesPerHour(row: SweepRow): number | null {
  const bytes = numberOrNull(row.values.log_bytes);
  const secs = numberOrNull(row.values.sim_seconds);
  return bytes === null || secs === null || secs <= 0 ? null : (bytes / secs) * 3600;
}

export interface Group {
  readonly point: GridPoint;
  readonly mode: Mode;
  readonly rows: readonly SweepRow[];
  readonly stats: ReadonlyMap<string, MeanCi>;
}

/** Groups sorted rows by (point, mode), in output order, with every metric's statistics. */
export function groupRows(sorted: readonly SweepRow[]): Group[] {
  const groups: Group[] = [];
  let current: { point: GridPoint; mode: Mode; rows: SweepRow[] } | undefined;
  const close = () => {
    if (!current) return;
    const stats = new Map<string, MeanCi>();
    for (const m of METRICS) stats.set(m.name, meanCi(current.rows.map(m.value)));
    groups.push({ ...current, stats });
  };
  for (const row of sorted) {
    if (!current || current.point.index !== row.run.point.index || current.mode !== row.run.mode) {
      close();
      current = { point: row.run.point, mode: row.run.mode, rows: [] };
    }
    current.rows.push(row);
  }
  close();
  return groups;
}

export function summaryHeader(axes: readonly GridAxis[]): string[] {
  return [...axes.map((a) => a.key), 'mode', 'runs', ...METRICS.flatMap((m) => [`${m.name}_n`, `${m.name}_mean`, `${m.name}_ci95`])];
}

/** Names a grid key may not take: sweep.csv or sweep-summary.csv already has such a column. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([...SUMMARY_COLUMNS.map((c) => c.name), ...summaryHeader([])]);

export function summaryCsv(axes: readonly GridAxis[], groups: readonly Group[]): string {
  const records = groups.map((g) => [
    ...g.point.values,
    g.mode,
    String(g.rows.length),
    ...METRICS.flatMap((m) => {
      const s = g.stats.get(m.name)!;
      return [String(s.n), s.mean === null ? '' : fixed(s.mean, m.decimals), s.ci95 === null ? '' : fixed(s.ci95, m.decimals)];
    }),
  ]);
  return csvText(summaryHeader(axes), records);
}
