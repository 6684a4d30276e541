/** Chart 3a: cumulative log bytes (all gluster processes, all nodes) over time, one line per mode. */
import { bytesUnit, formatBytes } from '../format.js';
import { lineChart } from '../line-chart.js';
import { modeLabel, modeStyle, runTimeAxis, type ChartDef } from './common.js';

export const logBytes: ChartDef = {
  name: 'log-bytes',
  title: 'Log volume over time',
  caption:
    'Bytes logged so far by glusterd and the shd on all nodes. Legacy climbs in steps: every shd restart dumps the whole volfile into the log; mux logs one graph per attach.',
  render(result) {
    const { div, axis } = runTimeAxis(result);
    const max = Math.max(0, ...result.results.flatMap((r) => r.timeseries.map((t) => t.log_bytes)));
    const unit = bytesUnit(max);
    const totals = result.results.map((r) => `${modeLabel(r.mode)} ${formatBytes(r.summary.log_bytes)}`);
    return lineChart({
      name: this.name,
      title: this.title,
      subtitle: max > 0 ? `total at the end: ${totals.join(' · ')}` : undefined,
      empty: result.results.every((r) => r.timeseries.length === 0) ? 'no samples in this run' : 'nothing was logged in this run',
      series:
        max > 0
          ? result.results.map((r) => ({
              label: modeLabel(r.mode),
              style: modeStyle(r.mode),
              points: r.timeseries.map((t) => [t.t_s / div, t.log_bytes / unit.div] as const),
            }))
          : [],
      x: axis,
      y: { label: `log written (${unit.unit}, cumulative)` },
    });
  },
};
