/**
 * Axes written by hand from `scale.ticks()` and `scale.tickFormat()`: d3-axis needs a DOM selection,
 * and these few lines give full control of the markup. Grid lines are drawn with the axis so they sit
 * under the data.
 */
import { scaleLinear, scaleLog, type ScaleLinear, type ScaleLogarithmic } from 'd3';
import { AXIS, GRID, MUTED, INK } from './theme.js';
import { el, group, text } from './svg.js';

export type NumericScale = ScaleLinear<number, number> | ScaleLogarithmic<number, number>;
export type ScaleKind = 'linear' | 'log';

export interface AxisOptions {
  /** Axis title, with its unit: "simulated time (s)". */
  label: string;
  /** About how many labelled ticks. */
  ticks?: number;
  /** Tick label format; default: the scale's own tickFormat (log scales blank the crowded ones). */
  format?: (v: number) => string;
  /** Draw grid lines across the plot, to this other-axis coordinate. */
  gridTo?: number;
}

/**
 * A scale of `kind` over `domain` onto `range`, niced (extended to round tick values) unless the
 * domain is fixed, e.g. a time axis that must end where the run ended. Log domains must be positive.
 */
export function makeScale(kind: ScaleKind, domain: [number, number], range: [number, number], nice = true): NumericScale {
  const s = kind === 'log' ? scaleLog().domain(domain).range(range) : scaleLinear().domain(domain).range(range);
  return nice ? s.nice() : s;
}

/** True when the scale is logarithmic (d3 gives no tag; a log scale has `.base`). */
export function isLog(scale: NumericScale): scale is ScaleLogarithmic<number, number> {
  return 'base' in scale;
}

function tickLabels(scale: NumericScale, count: number, format?: (v: number) => string): { v: number; label: string }[] {
  const ticks = scale.ticks(count);
  const fmt = format
    ? isLog(scale)
      ? // keep the log scale's choice of which ticks get a label, with our format for the label
        ((auto) => (v: number) => (auto(v) === '' ? '' : format(v)))(scale.tickFormat(count))
      : format
    : isLog(scale)
      ? scale.tickFormat(count, '~g')
      : scale.tickFormat(count);
  return ticks.map((v) => ({ v, label: fmt(v) }));
}

/** A horizontal axis at pixel row `y`. */
export function xAxis(scale: NumericScale, y: number, opts: AxisOptions): string {
  const [r0, r1] = scale.range() as [number, number];
  const parts: string[] = [];
  for (const { v, label } of tickLabels(scale, opts.ticks ?? 8, opts.format)) {
    const x = scale(v);
    if (opts.gridTo !== undefined && label !== '') parts.push(el('line', { x1: x, x2: x, y1: opts.gridTo, y2: y, stroke: GRID }));
    parts.push(el('line', { x1: x, x2: x, y1: y, y2: y + (label === '' ? 3 : 6), stroke: AXIS }));
    if (label !== '') parts.push(text(x, y + 20, label, { 'text-anchor': 'middle', fill: MUTED }));
  }
  parts.push(el('line', { x1: Math.min(r0, r1), x2: Math.max(r0, r1), y1: y, y2: y, stroke: AXIS }));
  parts.push(text((r0 + r1) / 2, y + 42, opts.label, { 'text-anchor': 'middle', fill: INK, 'font-size': 14 }));
  return group({ class: 'axis x-axis' }, parts);
}

/** A vertical axis at pixel column `x`; `labelOffset` is how far left of it the title sits. */
export function yAxis(scale: NumericScale, x: number, opts: AxisOptions & { labelOffset?: number }): string {
  const [r0, r1] = scale.range() as [number, number];
  const parts: string[] = [];
  for (const { v, label } of tickLabels(scale, opts.ticks ?? 6, opts.format)) {
    const y = scale(v);
    if (opts.gridTo !== undefined && label !== '') parts.push(el('line', { x1: x, x2: opts.gridTo, y1: y, y2: y, stroke: GRID }));
    parts.push(el('line', { x1: x - (label === '' ? 3 : 6), x2: x, y1: y, y2: y, stroke: AXIS }));
    if (label !== '') parts.push(text(x - 9, y, label, { 'text-anchor': 'end', dy: '0.35em', fill: MUTED }));
  }
  parts.push(el('line', { x1: x, x2: x, y1: Math.min(r0, r1), y2: Math.max(r0, r1), stroke: AXIS }));
  const cy = (r0 + r1) / 2;
  const lx = x - (opts.labelOffset ?? 62);
  parts.push(text(lx, cy, opts.label, { 'text-anchor': 'middle', transform: `rotate(-90 ${Math.round(lx)} ${Math.round(cy)})`, fill: INK, 'font-size': 14 }));
  return group({ class: 'axis y-axis' }, parts);
}
