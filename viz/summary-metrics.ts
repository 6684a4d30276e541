/**
 * How the report shows each summary.csv column: a label, a formatter, whether a ratio of two modes
 * means something for it, and which direction is better. Typed over every SummaryRow field, so a new
 * field cannot be forgotten.
 */
import type { SummaryRow } from '../reports/types.js';
import { formatBytes, formatCount, formatDuration, formatFixed } from './format.js';

type Shown = Exclude<keyof SummaryRow, 'mode' | 'fingerprint'>;

/** The report's summary table is split into these groups, in this order. */
export const METRIC_GROUPS = ['run', 'heals', 'shd processes and graphs', 'frames', 'logs and memory', 'operations'] as const;
export type MetricGroup = (typeof METRIC_GROUPS)[number];

/** Which way a metric is better: fewer restarts, less log, faster heals; more heals completed. */
export type Better = 'lower' | 'higher' | null;

export interface MetricDisplay {
  readonly group: MetricGroup;
  readonly label: string;
  readonly format: (v: number) => string;
  /** Show the ratio of the two modes next to it. */
  readonly ratio: boolean;
  /** null: neither direction is better (the seed, the work the scenario asked for). */
  readonly better: Better;
}

const count = (group: MetricGroup, label: string, better: Better = 'lower', ratio = true): MetricDisplay => ({ group, label, format: formatCount, ratio, better });
const secs = (group: MetricGroup, label: string, better: Better = 'lower', ratio = true): MetricDisplay => ({ group, label, format: formatDuration, ratio, better });

export const SUMMARY_METRICS: Readonly<Record<Shown, MetricDisplay>> = {
  seed: { group: 'run', label: 'seed', format: String, ratio: false, better: null },
  sim_seconds: secs('run', 'simulated time', null, false),
  events: count('run', 'simulation events', null),
  expectations_failed: count('run', 'expectations failed', 'lower', false),
  heals_completed: count('heals', 'heals completed', 'higher'),
  heal_latency_p50_s: secs('heals', 'heal latency p50'),
  heal_latency_p99_s: secs('heals', 'heal latency p99'),
  heal_latency_max_s: secs('heals', 'heal latency max'),
  pending_heals_end: count('heals', 'pending heals at the end'),
  heals_aborted: count('heals', 'heal attempts aborted'),
  heals_abandoned: count('heals', 'entries abandoned (still pending)'),
  writes_failed: count('heals', 'client writes failed'),
  shd_starts: count('shd processes and graphs', 'shd starts'),
  shd_exits: count('shd processes and graphs', 'shd exits'),
  shd_crashes: count('shd processes and graphs', 'shd crashes'),
  graph_attaches: count('shd processes and graphs', 'graph attaches'),
  graph_detaches: count('shd processes and graphs', 'graph detaches'),
  graph_reconfigures: count('shd processes and graphs', 'graph reconfigures', null),
  attach_retries: count('shd processes and graphs', 'attach retries'),
  attach_failures: count('shd processes and graphs', 'attach failures'),
  cleanup_max_s: secs('shd processes and graphs', 'longest graph cleanup'),
  frames_sent: count('frames', 'frames sent', null),
  frames_unwound_enotconn: count('frames', 'frames unwound with ENOTCONN'),
  frames_lost: count('frames', 'frames lost with their process'),
  log_lines: count('logs and memory', 'log lines'),
  log_bytes: { group: 'logs and memory', label: 'log bytes', format: formatBytes, ratio: true, better: 'lower' },
  peak_shd_rss_mib: { group: 'logs and memory', label: 'peak shd RSS (one node)', format: (v) => `${formatFixed(v, 1)} MiB`, ratio: true, better: 'lower' },
  ops_total: count('operations', 'management operations', null, false),
  ops_failed: count('operations', 'operations failed'),
  op_latency_p99_s: secs('operations', 'operation latency p99'),
};

/**
 * a ÷ b, or null when a value is missing or either is 0: "0×" for 0 against 9 says nothing a reader
 * can use (the table says which mode did better in its own column).
 */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || a === 0 || b === 0) return null;
  return a / b;
}

/**
 * Which of two values is better for a metric: 0 (first), 1 (second), 'same', or null (no direction,
 * or a value missing).
 */
export function betterOf(better: Better, a: number | null | undefined, b: number | null | undefined): 0 | 1 | 'same' | null {
  if (better === null || a === null || a === undefined || b === null || b === undefined) return null;
  if (a === b) return 'same';
  return (better === 'lower') === a < b ? 0 : 1;
}
