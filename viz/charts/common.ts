/**
 * What the report's charts share: their definition shape, the time axis of a run, and the
 * "spread > 100× → log scale" rule.
 */
import type { RunResult } from '../../reports/types.js';
import { naturalCompare, timeUnit } from '../format.js';
import type { PlotAxis } from '../line-chart.js';
import { labelOfMode, styleOfMode, type SeriesStyle } from '../theme.js';

export interface ChartDef {
  /** File name in charts/ (without .svg) and anchor in the report. */
  readonly name: string;
  readonly title: string;
  /**
   * The lines under the chart in the report: what it shows and what to look for. A function when
   * what it may claim depends on the run (a caption must be true of the chart above it).
   */
  readonly caption: string | ((result: RunResult) => string);
  readonly render: (result: RunResult) => string;
}

export interface RenderedChart {
  readonly name: string;
  readonly title: string;
  readonly caption: string;
  readonly svg: string;
}

/** A mode's look in every chart (legacy, mux, or any other recorded mode such as `real-10.3`). */
export function modeStyle(mode: string): SeriesStyle {
  return styleOfMode(mode);
}

export function modeLabel(mode: string): string {
  return labelOfMode(mode);
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

/**
 * A log scale when the positive values span more than 100× (largest over smallest positive), a linear
 * one otherwise. Zeros do not count: on a log axis they are drawn at the smallest positive value
 * (`logFloor`).
 */
export function spreadScale(values: readonly number[]): 'log' | 'linear' {
  const lo = logFloor(values);
  if (lo === null) return 'linear';
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  return max / lo > 100 ? 'log' : 'linear';
}

/** The smallest positive value, or null when there is none. */
export function logFloor(values: readonly number[]): number | null {
  let min = Infinity;
  for (const v of values) if (v > 0 && v < min) min = v;
  return min === Infinity ? null : min;
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
