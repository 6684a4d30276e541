/**
 * Chart 6: resident memory of the shd on each node over time (nodes.csv), coloured and dashed by
 * mode. Nodes of one mode whose lines coincide (every sample within COINCIDE of the axis range) are
 * drawn as ONE line, the mean, with a band from the lowest to the highest node, and one label naming
 * them; otherwise a line per node, labelled with the node at its end (labels that would sit on top of
 * each other are merged into one, "h1, h2").
 */
import type { ModeResult } from '../../reports/types.js';
import { formatDuration, formatFixed, naturalCompare } from '../format.js';
import { lineChart, type BandPoint, type LineSeries, type Point } from '../line-chart.js';
import { modeLabel, modeStyle, runTimeAxis, type ChartDef } from './common.js';

/** Lines closer than this share of the largest value, at every sample, count as one. */
const COINCIDE = 0.015;

/** Per node, the RSS samples (null while no shd runs), in natural node order. */
export function rssByNode(r: ModeResult): Map<string, Point[]> {
  const byNode = new Map<string, Point[]>();
  for (const row of r.nodes) {
    let pts = byNode.get(row.node);
    if (!pts) byNode.set(row.node, (pts = []));
    // no shd process on the node (pid 0): a gap, not a drop to zero
    pts.push([row.t_s, row.shd_pid === 0 ? null : row.shd_rss_mib]);
  }
  return new Map([...byNode.entries()].sort((a, b) => naturalCompare(a[0], b[0])));
}

/**
 * When every node's line runs through the same sample times, with a shd on the same samples, and
 * their values differ by at most `tolerance`: the mean line and the min–max band. Else null.
 */
export function coincident(lines: readonly (readonly Point[])[], tolerance: number): { mean: Point[]; band: BandPoint[]; spread: number } | null {
  if (lines.length < 2) return null;
  const n = lines[0]!.length;
  if (lines.some((l) => l.length !== n)) return null;
  const mean: Point[] = [];
  const band: BandPoint[] = [];
  let spread = 0;
  for (let i = 0; i < n; i++) {
    const t = lines[0]![i]![0];
    const ys = lines.map((l) => l[i]!);
    if (ys.some((p) => p[0] !== t)) return null;
    const vals = ys.map((p) => p[1]);
    if (vals.every((v) => v === null)) {
      mean.push([t, null]);
      continue;
    }
    if (vals.some((v) => v === null)) return null;
    const vs = vals as number[];
    const lo = Math.min(...vs);
    const hi = Math.max(...vs);
    if (hi - lo > tolerance) return null;
    spread = Math.max(spread, hi - lo);
    mean.push([t, vs.reduce((a, v) => a + v, 0) / vs.length]);
    band.push([t, lo, hi]);
  }
  return { mean, band, spread };
}

/** "h1, h2, h3", or "h1 … h12 (12 nodes)" when there are many. */
function nodeList(nodes: readonly string[]): string {
  return nodes.length <= 4 ? nodes.join(', ') : `${nodes[0]} … ${nodes[nodes.length - 1]} (${nodes.length} nodes)`;
}

export const shdRss: ChartDef = {
  name: 'shd-rss',
  title: 'shd resident memory per node',
  caption: (result) =>
    `Resident memory of each node’s shd, sampled every ${formatDuration(result.info.sample_interval_s)} (gaps: no shd running); nodes whose lines coincide are one line with a band from the lowest to the highest node. ` +
    'In the model an shd’s memory follows the graphs it holds (xlators, connections, inode tables, healers): a mux shd rises with each attach and falls after each detach’s cleanup, a legacy shd is rebuilt whole at each restart. A climb while the set of volumes stays the same hints at a leak.',
  render(result) {
    const { div, axis } = runTimeAxis(result);
    const max = Math.max(0, ...result.results.flatMap((r) => r.nodes.map((n) => n.shd_rss_mib)));
    const series: LineSeries[] = [];
    for (const r of result.results) {
      const byNode = rssByNode(r);
      const nodes = [...byNode.keys()];
      const lines = nodes.map((n) => byNode.get(n)!.map(([t, y]) => [t / div, y] as const));
      const style = { ...modeStyle(r.mode), width: 1.75 };
      const one = coincident(lines, Math.max(0.05, max * COINCIDE));
      if (one) {
        series.push({ label: modeLabel(r.mode), style, points: one.mean, band: one.band, endLabel: nodeList(nodes) });
        continue;
      }
      lines.forEach((points, i) => {
        series.push({
          label: modeLabel(r.mode),
          style,
          points,
          endLabel: nodes[i]!,
          markers: i === 0 ? 'auto' : 'none',
          inLegend: i === 0, // one legend entry per mode; nodes are named at the line ends
        });
      });
    }
    const peaks = result.results.map((r) => `${modeLabel(r.mode)} ${formatFixed(r.summary.peak_shd_rss_mib, 1)} MiB`);
    return lineChart({
      name: this.name,
      title: this.title,
      subtitle: series.length ? `peak shd RSS on one node: ${peaks.join(' · ')}` : undefined,
      empty: 'no node samples in this run',
      series,
      x: axis,
      y: { label: 'shd RSS (MiB)' },
      margin: { right: 110 },
    });
  },
};
