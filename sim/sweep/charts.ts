/**
 * The sweep's charts, drawn with the report's toolkit (viz/): one chart per headline metric against
 * the first grid key, one line per mode (the mean over seeds) with its 95 % confidence band and, beside
 * it, every seed's own value as a small hollow marker — a mean of 16 s and 3,679 s must not pass for
 * a typical value. When the grid has more keys, each combination of their values gets its own chart of
 * each metric (small multiples), named `<metric>--<key=value,…>`; with two or more keys, a heatmap per
 * metric (the first two keys, one panel per mode) follows, `<metric>--heatmap[--<key=value,…>]`.
 *
 * The x axis is numeric when every value of the first key is a number (logarithmic when they are
 * positive and span more than 100×), else categorical: the values in the order given. The y axis is
 * logarithmic when the values drawn span more than 100×. An objective (`--slo`) on a charted metric
 * is a horizontal line, and the first point of each mode that meets it gets a ring and a label.
 */
import { MUTED, bytesUnit, formatBytes, formatCount, formatDuration, formatFixed, heatmap, labelOfMode, lineChart, spreadScale, styleOfMode, type BandPoint, type LineSeries, type PlotAxis, type Point } from '../../viz/index.js';
import type { GridAxis } from './grid.js';
import { meets, sloLabel, type Slo } from './slo.js';
import type { SweepSpec } from './spec.js';
import { METRICS, type Group } from './summary.js';

export interface SweepChart {
  /** File name in charts/ (without .svg) and anchor in sweep.html. */
  readonly name: string;
  readonly title: string;
  readonly caption: string;
  readonly svg: string;
}

interface ChartMetric {
  readonly name: string;
  readonly metric: string;
  readonly title: string;
  readonly caption: string;
  readonly empty: string;
  /** Axis label and divisor for the largest value shown. */
  readonly unit: (max: number) => { label: string; div: number };
  /** A value for people (heatmap cells, labels). */
  readonly format: (v: number) => string;
}

export const CHART_METRICS: readonly ChartMetric[] = [
  {
    name: 'heal-p99',
    metric: 'heal_latency_p99_s',
    title: 'Heal latency p99',
    caption: '99th percentile of heal latency (healed − healable) per run, averaged over seeds. A gap: no heal completed at that point.',
    empty: 'no heal completed in any run',
    unit: () => ({ label: 'heal latency p99 (s)', div: 1 }),
    format: formatDuration,
  },
  {
    name: 'log-bytes-per-hour',
    metric: 'log_bytes_per_hour',
    title: 'Log volume per hour',
    caption: 'Bytes logged by glusterd and the shd on all nodes per hour of simulated time (log_bytes / sim_seconds × 3600). Legacy grows with every restart of the shd.',
    empty: 'nothing was logged in any run',
    unit: (max) => {
      const u = bytesUnit(max);
      return { label: `log volume (${u.unit} per hour)`, div: u.div };
    },
    format: (v) => `${formatBytes(v)}/h`,
  },
  {
    name: 'shd-starts',
    metric: 'shd_starts',
    title: 'shd starts',
    caption: 'shd processes spawned on all nodes. Legacy restarts the shd on every volume change; mux starts one per node and attaches graphs to it.',
    empty: 'no shd started in any run',
    unit: () => ({ label: 'shd starts (all nodes)', div: 1 }),
    format: (v) => (Number.isInteger(v) ? formatCount(v) : formatFixed(v, 1)),
  },
  {
    name: 'peak-shd-rss',
    metric: 'peak_shd_rss_mib',
    title: 'Peak shd memory',
    caption: 'The largest resident memory of one shd process seen in any sample. A multiplexed shd holds every volume’s graph in one process.',
    empty: 'no shd memory was sampled in any run',
    unit: () => ({ label: 'peak shd RSS, one process (MiB)', div: 1 }),
    format: (v) => `${formatFixed(v, 1)} MiB`,
  },
];

const NUMBER = /^-?\d+(\.\d+)?$/;

/** Where each value of the first key sits on the x axis, and the axis itself. */
export function xAxisOf(axis: GridAxis): { at: (valueIndex: number) => number; axis: PlotAxis; numeric: boolean } {
  if (axis.values.every((v) => NUMBER.test(v))) {
    const xs = axis.values.map(Number);
    const scale = xs.every((x) => x > 0) ? spreadScale(xs) : 'linear';
    // Whole-number keys (volumes, hosts) get whole-number tick labels only, not 1.5 volumes.
    const format = xs.every(Number.isInteger) && scale === 'linear' ? (v: number) => (Number.isInteger(v) ? String(v) : '') : undefined;
    return { at: (i) => xs[i]!, axis: { label: axis.key, scale, includeZero: false, ...(format ? { format } : {}) }, numeric: true };
  }
  const k = axis.values.length;
  return {
    at: (i) => i,
    axis: {
      label: axis.key,
      domain: [-0.5, k - 0.5],
      ticks: k,
      format: (v) => (Number.isInteger(v) && v >= 0 && v < k ? axis.values[v]! : ''),
    },
    numeric: false,
  };
}

/** The combinations of the other keys' values (one chart each); one empty facet for a 1-key grid. */
function facets(grid: readonly GridAxis[]): string[][] {
  let combos: string[][] = [[]];
  for (const a of grid.slice(1)) combos = combos.flatMap((c) => a.values.map((v) => [...c, v]));
  return combos;
}

export function renderSweepCharts(spec: SweepSpec, groups: readonly Group[], slos: readonly Slo[] = []): SweepChart[] {
  const [first, ...rest] = spec.grid;
  if (!first) return [];
  const x = xAxisOf(first);
  const charts: SweepChart[] = [];
  const used = new Set<string>();
  const unique = (base: string) => {
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}`; // values that differ only in odd characters
    used.add(name);
    return name;
  };
  const safe = (label: string) => label.replace(/, /g, ',').replace(/[^A-Za-z0-9._=,+-]/g, '_');
  // Metric by metric, so the small multiples of one metric sit together, then its heatmaps.
  for (const m of CHART_METRICS) {
    const mine = slos.filter((o) => o.metric === m.metric);
    for (const facet of facets(spec.grid)) {
      const label = rest.map((a, i) => `${a.key}=${facet[i]}`).join(', ');
      const inFacet = groups.filter((g) => facet.every((v, i) => g.point.values[i + 1] === v));
      const name = unique(rest.length ? `${m.name}--${safe(label)}` : m.name);
      const caption = `${m.caption} Small hollow marks: each seed's own value.${mine.length ? ` Dashed line: the objective ${mine.map(sloLabel).join(', ')}; a ring marks each mode's first point that meets it.` : ''}`;
      charts.push({ name, title: m.title, caption, svg: metricChart(name, m, spec, inFacet, x, label, mine) });
    }
    if (rest.length >= 1) {
      const second = rest[0]!;
      for (const facet of facets(spec.grid.slice(1))) {
        const label = rest.slice(1).map((a, i) => `${a.key}=${facet[i]}`).join(', ');
        const inFacet = groups.filter((g) => facet.every((v, i) => g.point.values[i + 2] === v));
        const name = unique(`${m.name}--heatmap${label ? `--${safe(label)}` : ''}`);
        const caption = `${m.title}, mean over seeds, for every combination of ${first.key} (columns) and ${second.key} (rows), one panel per mode on one colour scale; hover a cell for its value.${mine.length ? ` Outlined: the cells that meet ${mine.map(sloLabel).join(', ')}.` : ''}`;
        charts.push({ name, title: `${m.title}: ${first.key} × ${second.key}`, caption, svg: metricHeatmap(name, m, spec, inFacet, label, mine) });
      }
    }
  }
  return charts;
}

/** The first point (in the first key's order) whose mean meets the objective, per mode. */
export function firstMeeting(slo: Slo, values: readonly { x: number; mean: number | null }[]): { x: number; mean: number } | null {
  const hit = values.find((p) => meets(slo, p.mean));
  return hit ? { x: hit.x, mean: hit.mean! } : null;
}

function metricChart(name: string, m: ChartMetric, spec: SweepSpec, groups: readonly Group[], x: ReturnType<typeof xAxisOf>, facet: string, slos: readonly Slo[]): string {
  const first = spec.grid[0]!;
  const metric = METRICS.find((d) => d.name === m.metric)!;
  let max = 0;
  const drawn: number[] = [];
  for (const g of groups) {
    const s = g.stats.get(m.metric)!;
    if (s.mean !== null) {
      max = Math.max(max, Math.abs(s.mean) + (s.ci95 ?? 0));
      drawn.push(s.mean);
    }
    for (const r of g.rows) {
      const v = metric.value(r);
      if (v !== null) {
        max = Math.max(max, Math.abs(v));
        drawn.push(v);
      }
    }
  }
  for (const o of slos) drawn.push(o.value);
  const unit = m.unit(max);
  const yScale = spreadScale(drawn);
  const series: LineSeries[] = [];
  const seedSeries: LineSeries[] = [];
  const rings: LineSeries[] = [];
  let banded = false;
  let seeds = 0;
  for (const mode of spec.modes) {
    const points: { x: number; mean: number | null; ci: number | null; label: string }[] = [];
    const seedPoints: Point[] = [];
    const seedTitles: string[] = [];
    first.values.forEach((value, vi) => {
      const g = groups.find((gr) => gr.mode === mode && gr.point.values[0] === first.values[vi]);
      if (!g) return; // a shard may lack some points
      const s = g.stats.get(m.metric)!;
      points.push({ x: x.at(vi), mean: s.mean, ci: s.ci95, label: `${first.key}=${value}` });
      for (const r of g.rows) {
        const v = metric.value(r);
        if (v === null) continue;
        seedPoints.push([x.at(vi), v / unit.div]);
        seedTitles.push(`${labelOfMode(mode)} · ${first.key}=${value}${facet ? `, ${facet}` : ''} · seed ${r.run.seed}: ${m.format(v)}`);
      }
    });
    if (x.numeric) points.sort((a, b) => a.x - b.x);
    // With a log axis a band reaching 0 or below is cut at the axis' floor rather than dropped.
    const band: BandPoint[] = points.filter((p) => p.mean !== null && p.ci !== null).map((p) => [p.x, (p.mean! - p.ci!) / unit.div, (p.mean! + p.ci!) / unit.div] as const);
    if (band.length) banded = true;
    const style = styleOfMode(mode);
    series.push({
      label: labelOfMode(mode),
      style,
      points: points.map((p): Point => [p.x, p.mean === null ? null : p.mean / unit.div]),
      titles: points.map((p) => `${labelOfMode(mode)} · ${p.label}${facet ? `, ${facet}` : ''}: mean ${p.mean === null ? 'none' : m.format(p.mean)}${p.ci !== null ? ` ± ${m.format(p.ci)}` : ''}`),
      band,
      markers: 'all',
    });
    // Each seed beside the mean: only worth drawing when there is more than one.
    if (spec.seeds > 1 && seedPoints.length) {
      seeds += seedPoints.length;
      seedSeries.push({ label: 'each seed', style, points: seedPoints, titles: seedTitles, line: false, hollow: true, markerSize: 6, inLegend: false });
    }
    for (const o of slos) {
      const hit = firstMeeting(o, points);
      if (hit) rings.push({ label: `first within objective`, style: { ...style, marker: 'circle' }, points: [[hit.x, hit.mean / unit.div]], line: false, hollow: true, markerSize: 20, inLegend: false, endLabel: `${labelOfMode(mode)}: first within ${o.op === '<=' ? '≤' : '≥'} ${m.format(o.value)}` });
    }
  }
  const parts = [banded ? 'line: mean over seeds; band: 95 % confidence interval' : 'one seed per point (no confidence band)'];
  if (seeds) parts.push('hollow marks: each seed');
  if (facet) parts.push(facet);
  return lineChart({
    name,
    title: `${m.title} vs ${first.key}`,
    subtitle: parts.join(' · '),
    empty: m.empty,
    series: [...seedSeries, ...series, ...rings],
    x: x.axis,
    y: { label: `${unit.label}${yScale === 'log' ? ', log scale' : ''}`, scale: yScale, include: slos.map((o) => o.value / unit.div), ...(yScale === 'log' ? { includeZero: false } : {}) },
    legendExtra: seeds ? [{ kind: 'marker', label: 'each seed (hollow, in its mode’s colour)', shape: 'circle', color: MUTED, hollow: true }] : [],
    guides: slos.map((o) => ({ y: o.value / unit.div, label: `objective ${o.op === '<=' ? '≤' : '≥'} ${m.format(o.value)}` })),
    margin: rings.length ? { right: 200 } : undefined,
  });
}

function metricHeatmap(name: string, m: ChartMetric, spec: SweepSpec, groups: readonly Group[], facet: string, slos: readonly Slo[]): string {
  const [first, second] = spec.grid as [GridAxis, GridAxis];
  const panels = spec.modes.map((mode) => {
    const cell = (row: string, col: string) => groups.find((g) => g.mode === mode && g.point.values[0] === col && g.point.values[1] === row)?.stats.get(m.metric)?.mean ?? null;
    const values = second.values.map((row) => first.values.map((col) => cell(row, col)));
    return { title: labelOfMode(mode), values, marked: slos.length ? values.map((r) => r.map((v) => slos.every((o) => meets(o, v)))) : undefined };
  });
  return heatmap({
    name,
    title: `${m.title}: ${first.key} × ${second.key}`,
    subtitle: [`mean over ${spec.seeds === 1 ? 'one seed' : `${spec.seeds} seeds`}`, ...(facet ? [facet] : [])].join(' · '),
    cols: first.values,
    colLabel: first.key,
    rows: second.values,
    rowLabel: second.key,
    panels,
    format: m.format,
    valueLabel: m.title,
    ...(slos.length ? { markedLabel: `meets ${slos.map(sloLabel).join(', ')}` } : {}),
  });
}
