/**
 * Chart 5: frames in flight from the shd to the bricks (top) and frames unwound with ENOTCONN so far
 * (bottom), on one time axis, with every graph detach marked as a vertical line in its mode's colour:
 * under mux, a detach unwinds the frames still in flight with ENOTCONN.
 */
import { chartFrame, emptyChart } from '../frame.js';
import type { LegendItem } from '../legend.js';
import { linePanel, seriesLegend, type LineSeries, type Rule } from '../line-chart.js';
import { modeLabel, modeStyle, runTimeAxis, type ChartDef } from './common.js';

const intTicks = (v: number) => (Number.isInteger(v) ? String(v) : '');

export const frames: ChartDef = {
  name: 'frames',
  title: 'Frames in flight and ENOTCONN unwinds',
  caption:
    'Top: frames (heal requests) in flight to the bricks; bottom: frames unwound with ENOTCONN so far. Vertical lines are graph detaches: a mux detach unwinds what was in flight at that instant.',
  render(result) {
    const { div, axis } = runTimeAxis(result);
    const rules: Rule[] = [];
    const legendRules: LegendItem[] = [];
    for (const r of result.results) {
      const at = [...new Set(r.timeline.filter((t) => t.kind === 'detach').map((t) => t.at_s))];
      for (const s of at) rules.push({ x: s / div, color: modeStyle(r.mode).color, dash: modeStyle(r.mode).dash ?? undefined, opacity: 0.45 });
      if (at.length) legendRules.push({ kind: 'rule', label: `detach (${modeLabel(r.mode)})`, color: modeStyle(r.mode).color, dash: modeStyle(r.mode).dash ?? undefined });
    }
    const anything =
      rules.length > 0 || result.results.some((r) => r.timeseries.some((t) => t.frames_in_flight > 0 || t.frames_unwound_enotconn > 0));
    if (!anything) {
      const empty = result.results.every((r) => r.timeseries.length === 0) ? 'no samples in this run' : 'no frames in flight and no detaches in this run';
      return emptyChart({ name: this.name, title: this.title, message: empty });
    }
    const inFlight: LineSeries[] = result.results.map((r) => ({
      label: modeLabel(r.mode),
      style: modeStyle(r.mode),
      points: r.timeseries.map((t) => [t.t_s / div, t.frames_in_flight] as const),
    }));
    const unwound: LineSeries[] = result.results.map((r) => ({
      label: modeLabel(r.mode),
      style: modeStyle(r.mode),
      // linear between samples: an unwind happened somewhere in the interval where the line rises
      points: r.timeseries.map((t) => [t.t_s / div, t.frames_unwound_enotconn] as const),
    }));
    const totals = result.results.map((r) => `${modeLabel(r.mode)} ${r.summary.frames_unwound_enotconn}`);
    return chartFrame({
      name: this.name,
      title: this.title,
      subtitle: `frames unwound with ENOTCONN in total: ${totals.join(' · ')}`,
      legend: [...seriesLegend(inFlight), ...legendRules],
      panels: [
        { height: 220, gapAfter: 76, render: (box) => linePanel({ x: axis, y: { label: 'frames in flight', format: intTicks }, series: inFlight, rules }, box) },
        { height: 180, render: (box) => linePanel({ x: axis, y: { label: 'unwound (cumulative)', format: intTicks }, series: unwound, rules }, box) },
      ],
    });
  },
};
