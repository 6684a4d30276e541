/**
 * Chart 6: resident memory of the shd on each node over time (nodes.csv), a line per node per mode,
 * coloured and dashed by mode and labelled with the node at its end.
 */
import { naturalCompare } from '../format.js';
import { lineChart, type LineSeries, type Point } from '../line-chart.js';
import { modeLabel, modeStyle, runTimeAxis, type ChartDef } from './common.js';

export const shdRss: ChartDef = {
  name: 'shd-rss',
  title: 'shd resident memory per node',
  caption:
    'Resident memory of each node’s shd (gaps: no shd running). Legacy drops back at every restart; mux grows with the graphs attached and should fall after detaches: a steady climb hints at a leak.',
  render(result) {
    const { div, axis } = runTimeAxis(result);
    const series: LineSeries[] = [];
    for (const r of result.results) {
      const byNode = new Map<string, Point[]>();
      for (const row of r.nodes) {
        let pts = byNode.get(row.node);
        if (!pts) byNode.set(row.node, (pts = []));
        // no shd process on the node (pid 0): a gap, not a drop to zero
        pts.push([row.t_s / div, row.shd_pid === 0 ? null : row.shd_rss_mib]);
      }
      [...byNode.keys()].sort(naturalCompare).forEach((node, i) => {
        series.push({
          label: modeLabel(r.mode),
          style: { ...modeStyle(r.mode), width: 1.75 },
          points: byNode.get(node)!,
          endLabel: node,
          markers: i === 0 ? 'auto' : 'none',
          inLegend: i === 0, // one legend entry per mode; nodes are named at the line ends
        });
      });
    }
    const peaks = result.results.map((r) => `${modeLabel(r.mode)} ${r.summary.peak_shd_rss_mib.toFixed(1)} MiB`);
    return lineChart({
      name: this.name,
      title: this.title,
      subtitle: series.length ? `peak shd RSS on one node: ${peaks.join(' · ')}` : undefined,
      empty: 'no node samples in this run',
      series,
      x: axis,
      y: { label: 'shd RSS (MiB)' },
      margin: { right: 64 },
    });
  },
};
