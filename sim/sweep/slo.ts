/**
 * Service-level objectives on a sweep's page: `--slo heal_p99_s=600` draws a line at 600 s on the
 * heal-p99 chart and marks, per mode (and per combination of the other grid keys), the first grid
 * point — in the order of the first `--grid` key's values — whose mean over seeds meets it; the
 * table flags every point that meets it or not. The direction is the metric's: `KEY=V` (or
 * `KEY<=V`) for a metric that is better lower — the value must be at most V — and `KEY>=V` for one
 * that is better higher (heals_completed). Values are in the metric's unit as sweep-summary.csv
 * writes it: seconds, MiB, bytes, counts.
 *
 * An objective changes the page only (sweep.html and the charts), not the runs, so it is not part
 * of sweep.json: rerun the finished sweep (or `merge`) with other `--slo` lines to redraw.
 */
import { UserError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { METRICS } from './summary.js';

export interface Slo {
  /** As given, e.g. `heal_p99_s=600`. */
  readonly text: string;
  /** The sweep-summary.csv metric. */
  readonly metric: string;
  readonly op: '<=' | '>=';
  readonly value: number;
}

/** Short names for the metrics people set objectives on. */
export const SLO_ALIASES: Readonly<Record<string, string>> = {
  heal_p50_s: 'heal_latency_p50_s',
  heal_p99_s: 'heal_latency_p99_s',
  heal_max_s: 'heal_latency_max_s',
  op_p99_s: 'op_latency_p99_s',
  peak_rss_mib: 'peak_shd_rss_mib',
  log_bytes_hour: 'log_bytes_per_hour',
};

/** Metrics that are better higher; every other one is better lower. */
const HIGHER_IS_BETTER = new Set(['heals_completed', 'sim_seconds']);

export function parseSlos(raw: readonly string[]): Slo[] {
  const names = METRICS.map((m) => m.name);
  return raw.map((text) => {
    const m = /^\s*([A-Za-z0-9_.]+)\s*(<=|>=|=)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
    if (!m) throw new UserError(`--slo '${text}': expected METRIC=VALUE (or METRIC<=VALUE, METRIC>=VALUE), such as heal_p99_s=600`);
    const key = m[1]!;
    const metric = SLO_ALIASES[key] ?? key;
    if (!names.includes(metric)) {
      const hint = didYouMean(key, [...Object.keys(SLO_ALIASES), ...names]);
      throw new UserError(`--slo '${text}': unknown metric '${key}'${hint ? `; ${hint}` : ''} (expected one of ${Object.keys(SLO_ALIASES).join(', ')}, or a column of sweep-summary.csv such as ${names.slice(0, 4).join(', ')})`);
    }
    const better = HIGHER_IS_BETTER.has(metric) ? '>=' : '<=';
    const op = m[2] === '=' ? better : (m[2] as '<=' | '>=');
    return { text: text.trim(), metric, op, value: Number(m[3]) };
  });
}

/** Whether a value meets the objective (no value: not met). */
export function meets(slo: Slo, value: number | null): boolean {
  if (value === null) return false;
  return slo.op === '<=' ? value <= slo.value : value >= slo.value;
}

/** `heal_latency_p99_s ≤ 600`. */
export function sloLabel(slo: Slo): string {
  return `${slo.metric} ${slo.op === '<=' ? '≤' : '≥'} ${slo.value}`;
}
