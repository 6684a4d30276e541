/**
 * Chart 7: latency of each management operation against the time it was issued, a marker per
 * operation (mode by shape and colour; failed ones as crosses). The latency axis turns logarithmic
 * when latencies span more than 100× (a 15 s attach retry next to 20 ms commits).
 */
import type { OpRow } from '../../reports/types.js';
import { formatDuration } from '../format.js';
import { lineChart, type LineSeries } from '../line-chart.js';
import { percentile } from '../../sim/percentile.js';
import { logFloor, modeLabel, modeStyle, runTimeAxis, spreadScale, type ChartDef } from './common.js';
import { instant } from './density.js';

/** "volume start" from "gluster volume start v0 force"; the first word otherwise ("kill-brick"). */
export function opKind(command: string): string {
  const w = command.trim().split(/\s+/);
  if (w[0] === 'gluster' && w.length >= 3) return `${w[1]} ${w[2]}`;
  return w[0] ?? '';
}

export const opLatency: ChartDef = {
  name: 'op-latency',
  title: 'Management operation latency',
  caption: (result) => {
    const failed = result.results.map((r) => `${modeLabel(r.mode)} ${r.summary.ops_failed}`).join(', ');
    return `Each gluster command at the time it was issued and how long glusterd took to answer it; hover a mark for the command and its answer. Rows of equal latency are usually one kind of operation (volume start, stop, create…). Crosses failed: ${failed}.`;
  },
  render(result) {
    const { div, axis } = runTimeAxis(result);
    const all = result.results.flatMap((r) => r.ops.map((o) => o.latency_s));
    const scale = spreadScale(all);
    const floor = logFloor(all) ?? 0;
    const pt = (o: OpRow) => [o.at_s / div, scale === 'log' ? Math.max(o.latency_s, floor) : o.latency_s] as const;
    const series: LineSeries[] = [];
    for (const r of result.results) {
      const style = modeStyle(r.mode);
      const ok = r.ops.filter((o) => o.result === 'ok');
      const failed = r.ops.filter((o) => o.result === 'failed');
      const title = (o: OpRow) => `${instant(o.at_s)} · ${modeLabel(r.mode)} · ${o.command} · ${formatDuration(o.latency_s)} · ${o.result}${o.message ? `: ${o.message}` : ''}`;
      series.push({ label: `${modeLabel(r.mode)} ok`, style, line: false, points: ok.map(pt), markerSize: 8, titles: ok.map(title) });
      if (failed.length) series.push({ label: `${modeLabel(r.mode)} failed`, style: { ...style, marker: 'x' }, line: false, points: failed.map(pt), markerSize: 11, titles: failed.map(title) });
    }
    const p99 = result.results
      .filter((r) => r.ops.length > 0)
      .map((r) => `${modeLabel(r.mode)} p50 ${formatDuration(percentile(r.ops.map((o) => o.latency_s).sort((a, b) => a - b), 0.5)!)}, max ${formatDuration(Math.max(...r.ops.map((o) => o.latency_s)))}`);
    return lineChart({
      name: this.name,
      title: this.title,
      subtitle: p99.length ? p99.join(' · ') : undefined,
      empty: 'no management operations in this run',
      series,
      x: axis,
      y: { label: `latency (s${scale === 'log' ? ', log scale' : ''})`, scale, format: scale === 'log' ? (v) => String(v) : undefined },
    });
  },
};
