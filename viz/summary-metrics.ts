/**
 * How the report shows each summary.csv column: a label, a formatter, and whether a legacy/mux ratio
 * means something for it. Typed over every SummaryRow field, so a new field cannot be forgotten.
 */
import type { Mode } from '../sim/mode.js';
import type { RunResult, SummaryRow } from '../reports/types.js';
import { formatBytes, formatCount, formatDuration, formatFixed } from './format.js';

type Shown = Exclude<keyof SummaryRow, 'mode' | 'fingerprint'>;

/** The report's summary table is split into these groups, in this order. */
export const METRIC_GROUPS = ['run', 'heals', 'shd processes and graphs', 'frames', 'logs and memory', 'operations'] as const;
export type MetricGroup = (typeof METRIC_GROUPS)[number];

export interface MetricDisplay {
  readonly group: MetricGroup;
  readonly label: string;
  readonly format: (v: number) => string;
  /** Show legacy/mux next to it. */
  readonly ratio: boolean;
}

const count = (group: MetricGroup, label: string, ratio = true): MetricDisplay => ({ group, label, format: formatCount, ratio });
const secs = (group: MetricGroup, label: string, ratio = true): MetricDisplay => ({ group, label, format: formatDuration, ratio });

export const SUMMARY_METRICS: Readonly<Record<Shown, MetricDisplay>> = {
  seed: { group: 'run', label: 'seed', format: String, ratio: false },
  sim_seconds: secs('run', 'simulated time', false),
  events: count('run', 'simulation events'),
  expectations_failed: count('run', 'expectations failed', false),
  heals_completed: count('heals', 'heals completed'),
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
  graph_reconfigures: count('shd processes and graphs', 'graph reconfigures'),
  attach_retries: count('shd processes and graphs', 'attach retries'),
  attach_failures: count('shd processes and graphs', 'attach failures'),
  cleanup_max_s: secs('shd processes and graphs', 'longest graph cleanup'),
  frames_sent: count('frames', 'frames sent'),
  frames_unwound_enotconn: count('frames', 'frames unwound with ENOTCONN'),
  frames_lost: count('frames', 'frames lost with their process'),
  log_lines: count('logs and memory', 'log lines'),
  log_bytes: { group: 'logs and memory', label: 'log bytes', format: formatBytes, ratio: true },
  peak_shd_rss_mib: { group: 'logs and memory', label: 'peak shd RSS (one node)', format: (v) => `${formatFixed(v, 1)} MiB`, ratio: true },
  ops_total: count('operations', 'management operations', false),
  ops_failed: count('operations', 'operations failed'),
  op_latency_p99_s: secs('operations', 'operation latency p99'),
};

/** legacy ÷ mux, or null when a mode is missing, a value is null, or mux is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || b === 0) return null;
  return a / b;
}

export interface Headline {
  readonly key: 'log_bytes' | 'heal_latency_p99_s' | 'shd_starts';
  readonly label: string;
  readonly legacy: number | null;
  readonly mux: number | null;
  /** legacy ÷ mux; null ("n/a") when a mode did not run, a value is null or mux's is 0. */
  readonly ratio: number | null;
}

/** The report's headline figures: legacy over mux for log bytes, heal p99 and shd starts. */
export function headlineRatios(result: RunResult): Headline[] {
  const row = (m: Mode) => result.results.find((r) => r.mode === m)?.summary;
  const legacy = row('legacy');
  const mux = row('mux');
  return (['log_bytes', 'heal_latency_p99_s', 'shd_starts'] as const).map((key) => {
    const l = legacy ? legacy[key] : null;
    const x = mux ? mux[key] : null;
    return { key, label: SUMMARY_METRICS[key].label, legacy: l, mux: x, ratio: ratio(l, x) };
  });
}
