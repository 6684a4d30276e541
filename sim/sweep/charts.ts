/**
 * The sweep's charts, drawn with the report's toolkit (viz/): one chart per headline metric against
 * the first grid key, one line per mode (the mean over seeds) with its 95 % confidence band. When
 * the grid has more keys, each combination of their values gets its own chart of each metric (small
 * multiples), named `<metric>--<key=value,…>`.
 *
 * The x axis is numeric when every value of the first key is a number (logarithmic when they are
 * positive and span more than 100×), else categorical: the values in the order given.
 */
import { bytesUnit, lineChart, MODE_LABEL, MODE_STYLE, spreadScale, type BandPoint, type LineSeries, type PlotAxis, type Point } from '../../viz/index.js';
import type { Mode } from '../scenario/ast.js';
import type { GridAxis } from './grid.js';
import type { SweepSpec } from './spec.js';
import type { Group } from './summary.js';

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
}

export const CHART_METRICS: readonly ChartMetric[] = [
  {
    name: 'heal-p99',
    metric: 'heal_latency_p99_s',
    title: 'Heal latency p99',
    caption: '99th percentile of heal latency (healed − healable) per run, averaged over seeds. A gap: no heal completed at that point.',
    empty: 'no heal completed in any run',
    unit: () => ({ label: 'heal latency p99 (s)', div: 1 }),
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
  },
  {
    name: 'shd-starts',
    metric: 'shd_starts',
    title: 'shd starts',
    caption: 'shd processes spawned on all nodes. Legacy restarts the shd on every volume change; mux starts one per node and attaches graphs to it.',
    empty: 'no shd started in any run',
    unit: () => ({ label: 'shd starts (all nodes)', div: 1 }),
  },
  {
    name: 'peak-shd-rss',
    metric: 'peak_shd_rss_mib',
    title: 'Peak shd memory',
    caption: 'The largest resident memory of one shd process seen in any sample. A multiplexed shd holds every volume’s graph in one process.',
    empty: 'no shd memory was sampled in any run',
    unit: () => ({ label: 'peak shd RSS, one process (MiB)', div: 1 }),
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

export function renderSweepCharts(spec: SweepSpec, groups: readonly Group[]): SweepChart[] {
  const [first, ...rest] = spec.grid;
  if (!first) return [];
  const x = xAxisOf(first);
  const charts: SweepChart[] = [];
  const used = new Set<string>();
  // Metric by metric, so the small multiples of one metric sit together.
  for (const m of CHART_METRICS) {
    for (const facet of facets(spec.grid)) {
      const label = rest.map((a, i) => `${a.key}=${facet[i]}`).join(', ');
      const inFacet = groups.filter((g) => facet.every((v, i) => g.point.values[i + 1] === v));
      const base = rest.length ? `${m.name}--${label.replace(/, /g, ',').replace(/[^A-Za-z0-9._=,+-]/g, '_')}` : m.name;
      let name = base;
      for (let n = 2; used.has(name); n++) name = `${base}-${n}`; // values that differ only in odd characters
      used.add(name);
      charts.push({ name, title: m.title, caption: m.caption, svg: metricChart(name, m, spec, inFacet, x, label) });
    }
  }
  return charts;
}

function metricChart(name: string, m: ChartMetric, spec: SweepSpec, groups: readonly Group[], x: ReturnType<typeof xAxisOf>, facet: string): string {
  const first = spec.grid[0]!;
  let max = 0;
  for (const g of groups) {
    const s = g.stats.get(m.metric)!;
    if (s.mean !== null) max = Math.max(max, Math.abs(s.mean) + (s.ci95 ?? 0));
  }
  const unit = m.unit(max);
  const series: LineSeries[] = [];
  let banded = false;
  for (const mode of spec.modes) {
    const points: { x: number; mean: number | null; ci: number | null }[] = [];
    first.values.forEach((_, vi) => {
      const g = groups.find((gr) => gr.mode === mode && gr.point.values[0] === first.values[vi]);
      if (!g) return; // a shard may lack some points
      const s = g.stats.get(m.metric)!;
      points.push({ x: x.at(vi), mean: s.mean, ci: s.ci95 });
    });
    if (x.numeric) points.sort((a, b) => a.x - b.x);
    const band: BandPoint[] = points.filter((p) => p.mean !== null && p.ci !== null).map((p) => [p.x, (p.mean! - p.ci!) / unit.div, (p.mean! + p.ci!) / unit.div] as const);
    if (band.length) banded = true;
    series.push({
      label: MODE_LABEL[mode as Mode],
      style: MODE_STYLE[mode as Mode],
      points: points.map((p): Point => [p.x, p.mean === null ? null : p.mean / unit.div]),
      band,
      markers: 'all',
    });
  }
  const parts = [banded ? 'mean over seeds; band: 95 % confidence interval' : 'one seed per point (no confidence band)'];
  if (facet) parts.push(facet);
  return lineChart({
    name,
    title: `${m.title} vs ${first.key}`,
    subtitle: parts.join(' · '),
    empty: m.empty,
    series,
    x: x.axis,
    y: { label: unit.label },
  });
}
