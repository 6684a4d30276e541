/**
 * Chart 3a: cumulative log bytes (all gluster processes, all nodes) over time, one line per mode. When
 * one mode logs far less than another (the smaller total under LOG_BELOW of the larger), a linear axis
 * would draw it as a flat line at zero: the axis turns logarithmic, where the vertical gap between two
 * lines is the factor between them.
 */
import type { RunResult } from '../../reports/types.js';
import { bytesUnit, formatBytes, formatDuration, formatRatio } from '../format.js';
import { lineChart } from '../line-chart.js';
import { modeLabel, modeStyle, runTimeAxis, type ChartDef } from './common.js';

/** Smaller total below this share of the larger: log scale. */
const LOG_BELOW = 0.05;
/** A log axis shows at most this many decades below the largest value. */
const DECADES = 5;

/** Labels on powers of ten only (a log axis has nine ticks per decade). */
export function decadeTicks(v: number): string {
  const e = Math.log10(v);
  return Math.abs(e - Math.round(e)) < 1e-9 ? String(v) : '';
}

export function logBytesScale(result: RunResult): 'log' | 'linear' {
  const totals = result.results.map((r) => r.timeseries.at(-1)?.log_bytes ?? 0).filter((b) => b > 0);
  if (totals.length < 2) return 'linear';
  return Math.min(...totals) < LOG_BELOW * Math.max(...totals) ? 'log' : 'linear';
}

export const logBytes: ChartDef = {
  name: 'log-bytes',
  title: 'Log volume over time',
  caption: (result) => {
    const totals = result.results.map((r) => r.summary.log_bytes);
    const base = `Bytes logged so far by glusterd and the shd on all nodes, sampled every ${formatDuration(result.info.sample_interval_s)}: the slope is the logging rate.`;
    if (logBytesScale(result) === 'log') {
      const f = Math.max(...totals) / Math.min(...totals.filter((t) => t > 0));
      return `${base} The axis is logarithmic because one mode logs ${formatRatio(f)} less than another: equal vertical gaps are equal factors.`;
    }
    return base;
  },
  render(result) {
    const { div, axis } = runTimeAxis(result);
    const max = Math.max(0, ...result.results.flatMap((r) => r.timeseries.map((t) => t.log_bytes)));
    const unit = bytesUnit(max);
    const scale = logBytesScale(result);
    const totals = result.results.map((r) => `${modeLabel(r.mode)} ${formatBytes(r.summary.log_bytes)}`);
    let domain: [number, number] | undefined;
    if (scale === 'log') {
      const positive = result.results.flatMap((r) => r.timeseries.map((t) => t.log_bytes)).filter((b) => b > 0);
      const lo = Math.max(Math.min(...positive), max / 10 ** DECADES) / unit.div;
      domain = [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(max / unit.div))];
    }
    return lineChart({
      name: this.name,
      title: this.title,
      subtitle: max > 0 ? `total at the end: ${totals.join(' · ')}` : undefined,
      empty: result.results.every((r) => r.timeseries.length === 0) ? 'no samples in this run' : 'nothing was logged in this run',
      series:
        max > 0
          ? result.results.map((r) => ({
              label: modeLabel(r.mode),
              style: modeStyle(r.mode),
              // before anything is logged a log axis has no place for 0: the line starts at the first byte
              points: r.timeseries.map((t) => [t.t_s / div, scale === 'log' && t.log_bytes === 0 ? null : t.log_bytes / unit.div] as const),
            }))
          : [],
      x: axis,
      y: {
        label: `log written (${unit.unit}, cumulative${scale === 'log' ? ', log scale' : ''})`,
        scale,
        ...(domain ? { domain, format: decadeTicks } : {}),
      },
    });
  },
};
