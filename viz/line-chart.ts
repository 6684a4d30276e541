/**
 * The generic line / step / scatter plot: numeric x and y (linear or log), any number of series, each
 * with an optional confidence band, markers and an end label; vertical rules for instants (detaches)
 * and horizontal guides (p50, p99). `linePanel` draws into a box (for stacked panels); `lineChart` is
 * the whole standalone chart. The sweep charts use it as is: a series per mode with a CI band against
 * a numeric x.
 */
import { area, curveLinear, curveStepAfter, extent, line } from 'd3';
import { makeScale, isLog, xAxis, yAxis, type AxisOptions, type NumericScale, type ScaleKind } from './axes.js';
import { chartFrame, emptyChart, type Box, type Margins } from './frame.js';
import type { LegendItem } from './legend.js';
import { el, group, text } from './svg.js';
import { MUTED, marker, type SeriesStyle } from './theme.js';

/** A data point; y = null is a gap (the line breaks there, e.g. while no shd process runs). */
export type Point = readonly [x: number, y: number | null];
export type BandPoint = readonly [x: number, lo: number, hi: number];

export interface LineSeries {
  /** Legend text. */
  label: string;
  style: SeriesStyle;
  points: readonly Point[];
  /** A confidence band drawn under the line, in the series colour. */
  band?: readonly BandPoint[];
  /** `step-after` for sampled counters and CDFs: the value holds until the next point. */
  curve?: 'linear' | 'step-after';
  /** false: markers only (a scatter). Default true. */
  line?: boolean;
  /** `auto` (default): about ten markers spread along the line, enough to tell series apart in greyscale. */
  markers?: 'auto' | 'all' | 'none';
  markerSize?: number;
  hollow?: boolean;
  /** Text at the last point (e.g. a node name). */
  endLabel?: string;
  /** A tooltip per point (same order as `points`), on its marker. */
  titles?: readonly string[];
  /** Default true. */
  inLegend?: boolean;
}

export interface PlotAxis extends AxisOptions {
  scale?: ScaleKind;
  /** Fixed domain; otherwise the data's extent (niced). */
  domain?: [number, number];
  /** Stretch the domain to include 0 (default: true for a linear y axis). */
  includeZero?: boolean;
  /** Values the domain must reach besides the data's (e.g. an objective's line). */
  include?: readonly number[];
}

export interface Rule {
  x: number;
  color: string;
  dash?: string;
  opacity?: number;
  /** `rug`: a short tick at the bottom of the plot instead of a full-height line (many instants). */
  span?: 'full' | 'rug';
}

export interface Guide {
  y: number;
  label: string;
}

export interface PlotSpec {
  x: PlotAxis;
  y: PlotAxis;
  series: readonly LineSeries[];
  rules?: readonly Rule[];
  guides?: readonly Guide[];
}

export interface LineChartSpec extends PlotSpec {
  name: string;
  title: string;
  subtitle?: string;
  width?: number;
  /** Plot area height (default 300). */
  height?: number;
  margin?: Margins;
  /** The sentence shown instead of a drawing when no series has a point. */
  empty: string;
  /** Legend items after the series' own. */
  legendExtra?: readonly LegendItem[];
}

/** True when some series has at least one point. */
export function hasPoints(series: readonly LineSeries[]): boolean {
  return series.some((s) => s.points.some((p) => p[1] !== null));
}

export function lineChart(spec: LineChartSpec): string {
  if (!hasPoints(spec.series)) {
    return emptyChart({ name: spec.name, title: spec.title, subtitle: spec.subtitle, message: spec.empty, width: spec.width });
  }
  return chartFrame({
    name: spec.name,
    title: spec.title,
    subtitle: spec.subtitle,
    width: spec.width,
    margin: spec.margin,
    legend: [...seriesLegend(spec.series), ...(spec.legendExtra ?? [])],
    panels: [{ height: spec.height ?? 300, render: (box) => linePanel(spec, box) }],
  });
}

/** Legend items for series (those with `inLegend !== false`), drawn as the series are. */
export function seriesLegend(series: readonly LineSeries[]): LegendItem[] {
  return series
    .filter((s) => s.inLegend !== false)
    .map((s): LegendItem =>
      s.line === false
        ? { kind: 'marker', label: s.label, shape: s.style.marker, color: s.style.color, hollow: s.hollow }
        : { kind: 'line', label: s.label, style: s.style, showMarker: s.markers !== 'none' },
    );
}

/** The domain of one axis over some values, honouring a fixed domain, zero and log rules. */
export function axisDomain(values: readonly number[], axis: PlotAxis, defaultZero: boolean): [number, number] {
  if (axis.domain) return axis.domain;
  const log = axis.scale === 'log';
  const all = axis.include ? [...values, ...axis.include] : values;
  const usable = log ? all.filter((v) => v > 0) : all;
  let [lo, hi] = extent(usable) as [number | undefined, number | undefined];
  if (lo === undefined || hi === undefined) return log ? [1, 10] : [0, 1];
  if (!log && (axis.includeZero ?? defaultZero)) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (lo === hi) {
    if (log) return [lo / 2, hi * 2];
    return lo === 0 ? [0, 1] : [Math.min(0, lo), Math.max(0, hi) * 1.1 || 1];
  }
  return [lo, hi];
}

/** Indices of the points that carry a marker. */
function markerIndices(n: number, mode: LineSeries['markers'], phase: number): number[] {
  if (mode === 'none' || n === 0) return [];
  if (mode === 'all' || n <= 10) return Array.from({ length: n }, (_, i) => i);
  const k = 10;
  const step = (n - 1) / k;
  const out: number[] = [];
  // Offset by half a step for every other series so two series' markers do not sit on each other.
  for (let i = 0; i < k; i++) out.push(Math.round((i + 0.25 + 0.5 * (phase % 2)) * step));
  return out;
}

export function linePanel(spec: PlotSpec, box: Box): string {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of spec.series) {
    for (const [x, y] of s.points) {
      xs.push(x);
      if (y !== null) ys.push(y);
    }
    for (const [x, lo, hi] of s.band ?? []) {
      xs.push(x);
      ys.push(lo, hi);
    }
  }
  for (const r of spec.rules ?? []) xs.push(r.x);
  const x = makeScale(spec.x.scale ?? 'linear', axisDomain(xs, spec.x, false), [box.x, box.x + box.w], !spec.x.domain);
  const y = makeScale(spec.y.scale ?? 'linear', axisDomain(ys, spec.y, true), [box.y + box.h, box.y], !spec.y.domain);
  // Values off a log axis (≤ 0) or outside a fixed domain are pinned to its edge, not drawn off-chart.
  x.clamp(true);
  y.clamp(true);
  const px = (v: number) => x(clampLog(x, v));
  const py = (v: number) => y(clampLog(y, v));
  const bottom = box.y + box.h;

  const layers: string[] = [
    yAxis(y, box.x, { ...spec.y, gridTo: box.x + box.w }),
    xAxis(x, bottom, { ...spec.x, ticks: spec.x.ticks ?? Math.max(4, Math.round(box.w / 110)) }),
  ];
  for (const r of spec.rules ?? []) {
    const rug = r.span === 'rug';
    layers.push(el('line', { class: 'rule', x1: px(r.x), x2: px(r.x), y1: rug ? bottom - 9 : box.y, y2: bottom, stroke: r.color, 'stroke-dasharray': rug ? null : r.dash, 'stroke-opacity': r.opacity ?? 0.35 }));
  }
  for (const g of spec.guides ?? []) {
    const gy = py(g.y);
    layers.push(el('line', { class: 'guide', x1: box.x, x2: box.x + box.w, y1: gy, y2: gy, stroke: MUTED, 'stroke-dasharray': '2 3', 'stroke-opacity': 0.7 }));
    layers.push(text(box.x + box.w - 4, gy - 5, g.label, { 'text-anchor': 'end', fill: MUTED, 'font-size': 12 }));
  }
  spec.series.forEach((s) => {
    if (!s.band || s.band.length === 0) return;
    const d = area<BandPoint>()
      .x((p) => px(p[0]))
      .y0((p) => py(p[1]))
      .y1((p) => py(p[2]))
      .curve(s.curve === 'step-after' ? curveStepAfter : curveLinear)
      .digits(2)(s.band);
    if (d) layers.push(el('path', { class: 'mark band', d, fill: s.style.color, 'fill-opacity': 0.16, stroke: 'none' }));
  });
  const ends: { x: number; y: number; label: string; color: string }[] = [];
  spec.series.forEach((s, i) => {
    const parts: string[] = [];
    if (s.line !== false && s.points.length > 0) {
      const d = line<Point>()
        .defined((p) => p[1] !== null)
        .x((p) => px(p[0]))
        .y((p) => py(p[1]!))
        .curve(s.curve === 'step-after' ? curveStepAfter : curveLinear)
        .digits(2)(s.points);
      if (d) {
        parts.push(el('path', { class: 'mark line', d, fill: 'none', stroke: s.style.color, 'stroke-width': s.style.width, 'stroke-dasharray': s.style.dash, 'stroke-linejoin': 'round' }));
      }
    }
    const size = s.markerSize ?? (s.line === false ? 9 : 8);
    for (const k of markerIndices(s.points.length, s.markers ?? (s.line === false ? 'all' : 'auto'), i)) {
      const p = s.points[k]!;
      if (p[1] === null) continue;
      const title = s.titles?.[k];
      parts.push(marker(s.style.marker, px(p[0]), py(p[1]), size, s.style.color, { hollow: s.hollow, extra: { class: 'mark' }, ...(title ? { title } : {}) }));
    }
    const last = s.points.findLast((p) => p[1] !== null);
    if (s.endLabel && last) ends.push({ x: px(last[0]), y: py(last[1]!), label: s.endLabel, color: s.style.color });
    layers.push(group({ class: 'series', 'data-series': s.label }, parts));
  });
  layers.push(endLabels(ends, box));
  return group({ class: 'panel' }, layers);
}

/**
 * Labels right of their line ends, nudged apart vertically so they never overlap. Labels of one
 * colour whose lines end within a label's height of each other are merged into one ("h1, h2"):
 * stacked apart, they would sit beside the wrong lines.
 */
export function endLabels(ends: { x: number; y: number; label: string; color: string }[], box: Box): string {
  if (ends.length === 0) return '';
  const gap = 15;
  const sorted = [...ends].sort((a, b) => a.y - b.y || (a.label < b.label ? -1 : 1));
  const merged: { x: number; y: number; label: string; color: string }[] = [];
  for (const e of sorted) {
    const near = merged.find((m) => m.color === e.color && Math.abs(m.y - e.y) < gap);
    if (near) {
      near.label = `${near.label}, ${e.label}`;
      near.x = Math.max(near.x, e.x);
    } else merged.push({ ...e });
  }
  const ys = merged.map((e) => e.y);
  for (let i = 1; i < ys.length; i++) ys[i] = Math.max(ys[i]!, ys[i - 1]! + gap);
  const overflow = ys[ys.length - 1]! - (box.y + box.h);
  if (overflow > 0) for (let i = 0; i < ys.length; i++) ys[i] = ys[i]! - overflow;
  return group(
    { class: 'end-labels' },
    merged.map((e, i) => text(e.x + 8, ys[i]!, e.label, { dy: '0.35em', fill: e.color, 'font-size': 12, 'font-weight': 600 })),
  );
}

function clampLog(scale: NumericScale, v: number): number {
  return isLog(scale) && v <= 0 ? (scale.domain()[0] as number) : v;
}
