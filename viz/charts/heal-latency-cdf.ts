/**
 * Chart 1: the empirical CDF of heal latency (healable → healed), one step curve per mode, over EVERY
 * entry that became healable — healed or not. An entry never healed has no latency: it only counts in
 * the denominator, so the curve flattens below 100 % and runs on to the right edge, where a label says
 * how many never healed. (Drawn over healed entries alone, a mode that never heals its hardest entries
 * would reach 100 % early and look fast.) The time axis turns logarithmic when the latencies — and the
 * ages of the never-healed entries at the end of the run, which set the right edge — span more than
 * 100×.
 */
import { format } from 'd3';
import type { RunResult } from '../../reports/types.js';
import { formatCount, formatDuration, timeUnit } from '../format.js';
import { healStats } from '../heal-stats.js';
import { lineChart, type LineSeries, type Point } from '../line-chart.js';
import { logFloor, modeLabel, modeStyle, spreadScale, type ChartDef } from './common.js';

/** "legacy: 66 of 104 healed": the denominator is every entry that became healable. */
function cdfLabel(mode: string, healed: number, healable: number): string {
  return `${modeLabel(mode)}: ${formatCount(healed)} of ${formatCount(healable)} healed`;
}

/** Latencies (s) of the healed entries of one mode, ascending. */
export function healLatencies(heals: RunResult['results'][number]['heals']): number[] {
  const out: number[] = [];
  for (const h of heals) if (h.healed_at_s !== null && h.latency_s !== null) out.push(h.latency_s);
  return out.sort((a, b) => a - b);
}

/**
 * ECDF as step-after points over `total` entries (default: the values given): (x₁, 0), then
 * (xᵢ, i/total) once per distinct x. With total > values, the last step ends below 1.
 */
export function ecdfPoints(sorted: readonly number[], div = 1, total = sorted.length): Point[] {
  const n = sorted.length;
  if (n === 0 || total === 0) return [];
  const pts: Point[] = [[sorted[0]! / div, 0]];
  for (let i = 0; i < n; i++) {
    if (i + 1 < n && sorted[i + 1] === sorted[i]) continue; // the last of equal values carries the jump
    pts.push([sorted[i]! / div, (i + 1) / total]);
  }
  return pts;
}

const pct = format('.0%');

export const healLatencyCdf: ChartDef = {
  name: 'heal-latency-cdf',
  title: 'Heal latency (CDF)',
  caption: (result) => {
    const never = result.results.map((r) => ({ mode: r.mode, s: healStats(r) })).filter((x) => x.s.neverHealed > 0);
    const base =
      'Share of the entries that became healable (y) healed within a given time after becoming healable (x); further left and higher is better.';
    if (never.length === 0) return `${base} Every healable entry was healed, so each curve reaches 100 %.`;
    const who = never.map((x) => `${modeLabel(x.mode)} never healed ${formatCount(x.s.neverHealed)} of ${formatCount(x.s.healable)}`).join(', ');
    return `${base} A curve that flattens below 100 % stops where entries stayed unhealed to the end of the run: ${who}.`;
  },
  render(result) {
    const per = result.results.map((r) => ({ r, s: healStats(r) }));
    // The right edge: the slowest heal, or the oldest entry still waiting at the end.
    const all = per.flatMap((p) => [...p.s.latencies, ...p.s.ages]);
    const scale = spreadScale(all);
    const floor = logFloor(all) ?? 0; // zero latencies sit at the left edge of a log axis
    const max = all.length ? Math.max(...all) : 0;
    const { unit, div } = scale === 'log' ? { unit: 's', div: 1 } : timeUnit(max);
    const edge = max / div;
    const series: LineSeries[] = per
      .filter((p) => p.s.healable > 0)
      .map(({ r, s }) => {
        const lat = scale === 'log' ? s.latencies.map((v) => Math.max(v, floor)) : s.latencies;
        let points = ecdfPoints(lat, div, s.healable);
        if (s.neverHealed > 0) {
          // Flat to the right edge at the share healed; nothing healed: a line along 0 %.
          const y = s.healed / s.healable;
          points = points.length ? [...points, [edge, y] as const] : [[(scale === 'log' ? floor : 0) / div, 0], [edge, 0]];
        }
        return {
          label: cdfLabel(r.mode, s.healed, s.healable),
          style: modeStyle(r.mode),
          points,
          curve: 'step-after' as const,
          ...(s.neverHealed > 0 ? { endLabel: `${formatCount(s.neverHealed)} never healed` } : {}),
        };
      });
    const p99 = per
      .filter((p) => p.r.summary.heal_latency_p99_s !== null)
      .map((p) => `${modeLabel(p.r.mode)} ${p.s.p99LowerBound ? '≥ ' : ''}${formatDuration(p.r.summary.heal_latency_p99_s!)}`);
    const unhealable = per.filter((p) => p.s.neverHealable > 0).map((p) => `${modeLabel(p.r.mode)} ${formatCount(p.s.neverHealable)}`);
    const subtitle = [
      p99.length ? `p99 heal latency: ${p99.join(' · ')}` : '',
      unhealable.length ? `not counted, never healable (their replica set never whole again): ${unhealable.join(' · ')}` : '',
    ].filter(Boolean);
    return lineChart({
      name: this.name,
      title: this.title,
      subtitle: subtitle.length ? subtitle.join(' — ') : undefined,
      empty: 'no entry became healable in this run',
      series,
      x: {
        label: `heal latency, healable → healed (${unit}${scale === 'log' ? ', log scale' : ''})`,
        scale,
        includeZero: scale === 'linear',
        domain: scale === 'linear' ? [0, max > 0 ? edge : 1] : undefined,
      },
      y: { label: 'share of the healable entries', domain: [0, 1], format: pct },
      guides: [
        { y: 0.5, label: 'p50' },
        { y: 0.99, label: 'p99' },
      ],
      margin: series.some((s) => s.endLabel) ? { right: 140 } : undefined,
    });
  },
};
