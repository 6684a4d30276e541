/**
 * Chart 1: the empirical CDF of heal latency (healable → healed) of the entries that were healed, one
 * step curve per mode. The time axis turns logarithmic when latencies span more than 100×, which is
 * what legacy's long tail does next to mux's quick heals.
 */
import type { RunResult } from '../../reports/types.js';
import { format } from 'd3';
import { formatDuration, timeUnit } from '../format.js';
import { lineChart, type LineSeries, type Point } from '../line-chart.js';
import type { Mode } from '../../sim/mode.js';
import { formatCount } from '../format.js';
import { logFloor, modeLabel, modeStyle, spreadScale, type ChartDef } from './common.js';

/** "legacy (79 healed, 41 never)": the CDF is over healed entries, so say how many were not. */
function cdfLabel(mode: Mode, healed: number, never: number): string {
  return `${modeLabel(mode)} (${formatCount(healed)} healed${never > 0 ? `, ${formatCount(never)} never` : ''})`;
}

/** Latencies (s) of the healed entries of one mode, ascending. */
export function healLatencies(heals: RunResult['results'][number]['heals']): number[] {
  const out: number[] = [];
  for (const h of heals) if (h.healed_at_s !== null && h.latency_s !== null) out.push(h.latency_s);
  return out.sort((a, b) => a - b);
}

/** ECDF as step-after points: (x₁, 0), then (xᵢ, i/n) once per distinct x. */
export function ecdfPoints(sorted: readonly number[], div = 1): Point[] {
  const n = sorted.length;
  if (n === 0) return [];
  const pts: Point[] = [[sorted[0]! / div, 0]];
  for (let i = 0; i < n; i++) {
    if (i + 1 < n && sorted[i + 1] === sorted[i]) continue; // the last of equal values carries the jump
    pts.push([sorted[i]! / div, (i + 1) / n]);
  }
  return pts;
}

const pct = format('.0%');

export const healLatencyCdf: ChartDef = {
  name: 'heal-latency-cdf',
  title: 'Heal latency (CDF)',
  caption:
    'Share of healed entries (y) healed within a given time after becoming healable (x). Further left is faster; a long legacy tail means shd restarts kept cutting index crawls short.',
  render(result) {
    const per = result.results.map((r) => ({ r, lat: healLatencies(r.heals) }));
    const all = per.flatMap((p) => p.lat);
    const scale = spreadScale(all);
    const floor = logFloor(all) ?? 0; // zero latencies sit at the left edge of a log axis
    const max = all.length ? all[all.length - 1]! : 0;
    const { unit, div } = scale === 'log' ? { unit: 's', div: 1 } : timeUnit(Math.max(...all, 0));
    const series: LineSeries[] = per.map(({ r, lat }) => ({
      label: cdfLabel(r.mode, lat.length, r.heals.length - lat.length),
      style: modeStyle(r.mode),
      points: ecdfPoints(scale === 'log' ? lat.map((v) => Math.max(v, floor)) : lat, div),
      curve: 'step-after',
    }));
    const p99 = per
      .filter((p) => p.r.summary.heal_latency_p99_s !== null)
      .map((p) => `${modeLabel(p.r.mode)} ${formatDuration(p.r.summary.heal_latency_p99_s!)}`);
    return lineChart({
      name: this.name,
      title: this.title,
      subtitle: p99.length ? `p99 heal latency: ${p99.join(' · ')}` : undefined,
      empty: 'no heals in this run',
      series,
      x: {
        label: `heal latency, healable → healed (${unit}${scale === 'log' ? ', log scale' : ''})`,
        scale,
        includeZero: scale === 'linear',
        domain: scale === 'linear' ? [0, max > 0 ? max / div : 1] : undefined,
      },
      y: { label: 'share of healed entries', domain: [0, 1], format: pct },
      guides: [
        { y: 0.5, label: 'p50' },
        { y: 0.99, label: 'p99' },
      ],
    });
  },
};
