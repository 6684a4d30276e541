/**
 * What the report's charts share: their definition shape, the time axis of a run, and the
 * "spread > 100× → log scale" rule.
 */
import type { Mode } from '../../sim/scenario/ast.js';
import type { RunResult } from '../../reports/types.js';
import { naturalCompare, timeUnit } from '../format.js';
import type { PlotAxis } from '../line-chart.js';
import { MODE_LABEL, MODE_STYLE, type SeriesStyle } from '../theme.js';

export interface ChartDef {
  /** File name in charts/ (without .svg) and anchor in the report. */
  readonly name: string;
  readonly title: string;
  /** One line under the chart in the report: what to look for. */
  readonly caption: string;
  readonly render: (result: RunResult) => string;
}

export interface RenderedChart {
  readonly name: string;
  readonly title: string;
  readonly caption: string;
  readonly svg: string;
}

export function modeStyle(mode: Mode): SeriesStyle {
  return MODE_STYLE[mode];
}

export function modeLabel(mode: Mode): string {
  return MODE_LABEL[mode];
}

/** Time axis of a run: from 0 to the longest mode's end, in s, min or h depending on the length. */
export function runTimeAxis(result: RunResult): { div: number; axis: PlotAxis } {
  let end = 0;
  for (const r of result.results) {
    end = Math.max(end, r.summary.sim_seconds);
    for (const row of r.timeseries) end = Math.max(end, row.t_s);
    for (const row of r.nodes) end = Math.max(end, row.t_s);
    for (const row of r.timeline) end = Math.max(end, row.at_s);
    for (const row of r.ops) end = Math.max(end, row.at_s);
  }
  const { unit, div } = timeUnit(end);
  return { div, axis: { label: `simulated time (${unit})`, domain: [0, end > 0 ? end / div : 1] } };
}

/** Smallest positive value a log axis shows: the CSV's resolution of seconds (1 µs). */
export const LOG_FLOOR_S = 1e-6;

/**
 * A log scale when the values span more than 100× (max over the smallest value, floored at 1 µs so a
 * zero does not make the ratio infinite), a linear one otherwise.
 */
export function spreadScale(values: readonly number[], floor = LOG_FLOOR_S): 'log' | 'linear' {
  if (values.length === 0) return 'linear';
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (max <= 0) return 'linear';
  return max / Math.max(min, floor) > 100 ? 'log' : 'linear';
}

/** Every node named in a run, in natural order (h2 before h10). */
export function runNodes(result: RunResult): string[] {
  const set = new Set<string>();
  for (const r of result.results) {
    for (const row of r.nodes) set.add(row.node);
    for (const row of r.timeline) set.add(row.node);
  }
  return [...set].sort(naturalCompare);
}
