/** Chart 2: pending heals (heal info entries, cluster-wide) over time, one line per mode. */
import { formatCount, formatDuration } from '../format.js';
import { lineChart } from '../line-chart.js';
import { modeLabel, modeStyle, runTimeAxis, type ChartDef } from './common.js';

export const pendingHeals: ChartDef = {
  name: 'pending-heals',
  title: 'Pending heals over time',
  caption: (result) => {
    const end = result.results.map((r) => `${modeLabel(r.mode)} ${formatCount(r.summary.pending_heals_end)}`).join(', ');
    return `Index entries waiting to be healed (heal info), summed over all bricks, sampled every ${formatDuration(result.info.sample_interval_s)}. A line that levels off above zero is a backlog the shd is not working off; at the end: ${end}.`;
  },
  render(result) {
    const { div, axis } = runTimeAxis(result);
    const anyPending = result.results.some((r) => r.timeseries.some((t) => t.pending_heals > 0) || r.heals.length > 0);
    return lineChart({
      name: this.name,
      title: this.title,
      empty: result.results.every((r) => r.timeseries.length === 0) ? 'no samples in this run' : 'no heals were pending in this run',
      series: anyPending
        ? result.results.map((r) => ({
            label: modeLabel(r.mode),
            style: modeStyle(r.mode),
            points: r.timeseries.map((t) => [t.t_s / div, t.pending_heals] as const),
          }))
        : [],
      x: axis,
      y: { label: 'pending heal entries', format: (v) => (Number.isInteger(v) ? String(v) : '') },
    });
  },
};
