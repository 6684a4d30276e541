/**
 * Chart 5: frames in flight from the shd to the bricks (top) and frames unwound with ENOTCONN so far
 * (bottom), on one time axis, with every graph detach marked in its mode's colour: under mux, a
 * detach unwinds the frames still in flight with ENOTCONN. When no frame was unwound in any mode the
 * bottom panel says so (and how many frames died with a killed process instead) rather than drawing
 * flat lines at zero; when detaches are many, they are ticks along the bottom of the plot instead of
 * full-height lines.
 */
import { formatCount } from '../format.js';
import { CHART_WIDTH, chartFrame, emptyChart, type Box } from '../frame.js';
import type { LegendItem } from '../legend.js';
import { linePanel, seriesLegend, type LineSeries, type Rule } from '../line-chart.js';
import { el, group, text } from '../svg.js';
import { GRID, MUTED } from '../theme.js';
import { modeLabel, modeStyle, runTimeAxis, type ChartDef } from './common.js';
import { isDense } from './density.js';

const intTicks = (v: number) => (Number.isInteger(v) ? String(v) : '');

/** A panel that holds a sentence instead of a plot. */
function notePanel(box: Box, message: string): string {
  return group({ class: 'panel note' }, [
    el('rect', { class: 'empty-state', x: box.x, y: box.y, width: box.w, height: box.h, fill: '#f6f8fa', stroke: GRID, rx: 6 }),
    text(box.x + box.w / 2, box.y + box.h / 2, message, { 'text-anchor': 'middle', dy: '0.35em', fill: MUTED, 'font-size': 14 }),
  ]);
}

export const frames: ChartDef = {
  name: 'frames',
  title: 'Frames in flight and ENOTCONN unwinds',
  caption: (result) => {
    const unwound = result.results.reduce((n, r) => n + (r.timeseries.at(-1)?.frames_unwound_enotconn ?? 0), 0);
    const base = 'Top: frames (heal requests) in flight from the shd to the bricks, sampled. Marks in a mode’s colour are its graph detaches.';
    return unwound > 0
      ? `${base} Bottom: frames unwound with ENOTCONN so far — a mux detach unwinds what was in flight at that instant, so look for steps at the marks.`
      : `${base} No frame was unwound with ENOTCONN in this run, so there is no bottom panel to read.`;
  },
  render(result) {
    const { div, axis } = runTimeAxis(result);
    const rules: Rule[] = [];
    const legendRules: LegendItem[] = [];
    const detachRows = result.results.map((r) => r.timeline.filter((t) => t.kind === 'detach'));
    // one mark per instant: the nodes of one volume detach at the same time
    const detaches = detachRows.map((rows) => [...new Set(rows.map((t) => t.at_s))]);
    const rug = isDense(Math.max(0, ...detaches.map((d) => d.length)), CHART_WIDTH - 120);
    result.results.forEach((r, i) => {
      const at = detaches[i]!;
      const style = modeStyle(r.mode);
      for (const s of at) rules.push({ x: s / div, color: style.color, dash: style.dash ?? undefined, opacity: rug ? 0.6 : 0.45, span: rug ? 'rug' : 'full' });
      const n = detachRows[i]!.length;
      if (at.length) legendRules.push({ kind: 'rule', label: `${formatCount(n)} graph detach${n === 1 ? '' : 'es'} (${modeLabel(r.mode)})${rug ? ', ticks along the bottom' : ''}`, color: style.color, dash: style.dash ?? undefined });
    });
    const inFlightAny = result.results.some((r) => r.timeseries.some((t) => t.frames_in_flight > 0));
    // the samples are cumulative and the last one is at the end of the run
    const unwoundAny = result.results.some((r) => r.timeseries.some((t) => t.frames_unwound_enotconn > 0));
    if (rules.length === 0 && !inFlightAny && !unwoundAny) {
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
    const totals = result.results.map((r) => `${modeLabel(r.mode)} ${formatCount(r.summary.frames_unwound_enotconn)}`);
    const lost = result.results.filter((r) => r.summary.frames_lost > 0).map((r) => `${modeLabel(r.mode)} ${formatCount(r.summary.frames_lost)}`);
    const note = `No frame was unwound with ENOTCONN in this run${lost.length ? ` (frames lost with a killed shd instead, never unwound: ${lost.join(', ')})` : ''}.`;
    return chartFrame({
      name: this.name,
      title: this.title,
      subtitle: unwoundAny ? `frames unwound with ENOTCONN in total: ${totals.join(' · ')}` : 'no frame was unwound with ENOTCONN',
      legend: [...seriesLegend(inFlight), ...legendRules],
      panels: [
        { height: 220, gapAfter: unwoundAny ? 76 : 64, render: (box) => linePanel({ x: axis, y: { label: 'frames in flight', format: intTicks }, series: inFlight, rules }, box) },
        unwoundAny
          ? { height: 180, render: (box) => linePanel({ x: axis, y: { label: 'unwound (cumulative)', format: intTicks }, series: unwound, rules }, box) }
          : { height: 56, render: (box) => notePanel(box, note) },
      ],
      ...(unwoundAny ? {} : { margin: { bottom: 24 } }),
    });
  },
};
