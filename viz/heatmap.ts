/**
 * Heatmaps side by side: one grid of cells per panel (a sweep's two grid keys, one panel per mode),
 * every panel on ONE colour scale so equal colours are equal values across panels. Each cell holds
 * its value as text and a tooltip (<title>); a cell can be outlined (an objective met). The colour
 * scale is sequential and turns logarithmic when the values span more than 100×; a bar under the
 * panels is its legend. No value: a hatched grey cell.
 */
import { interpolateYlOrRd, scaleLog, scaleSequential, scaleSequentialLog } from 'd3';
import { spreadScale } from './charts/common.js';
import { CHART_WIDTH } from './frame.js';
import { textWidth } from './legend.js';
import { el, group, svgDocument, text } from './svg.js';
import { FONT_FAMILY, FONT_SIZE, GRID, INK, MUTED } from './theme.js';

export interface HeatPanel {
  /** Panel title, e.g. the mode. */
  readonly title: string;
  /** values[row][col]; null: no value. */
  readonly values: readonly (readonly (number | null)[])[];
  /** Outlined cells (e.g. an objective met), [row][col]. */
  readonly marked?: readonly (readonly boolean[])[];
}

export interface HeatmapSpec {
  readonly name: string;
  readonly title: string;
  readonly subtitle?: string;
  /** Column labels (the first key's values) and the axis title. */
  readonly cols: readonly string[];
  readonly colLabel: string;
  /** Row labels (the second key's values) and the axis title. */
  readonly rows: readonly string[];
  readonly rowLabel: string;
  readonly panels: readonly HeatPanel[];
  /** A cell's text. */
  readonly format: (v: number) => string;
  /** The colour bar's title, with the unit. */
  readonly valueLabel: string;
  /** What an outlined cell means, for the legend. */
  readonly markedLabel?: string;
}

const CELL_H = 34;
const GAP = 36;

export function heatmap(spec: HeatmapSpec): string {
  const all = spec.panels.flatMap((p) => p.values.flat()).filter((v): v is number => v !== null);
  const log = spreadScale(all) === 'log';
  const lo = all.length ? Math.min(...all.filter((v) => !log || v > 0)) : 0;
  const hi = all.length ? Math.max(...all) : 1;
  const colour = log ? scaleSequentialLog(interpolateYlOrRd).domain([lo, hi]) : scaleSequential(interpolateYlOrRd).domain([Math.min(0, lo), hi > lo ? hi : lo + 1]);
  const fill = (v: number) => colour(log ? Math.max(v, lo) : v);
  const rowLabelW = Math.max(60, ...spec.rows.map((r) => textWidth(r))) + 16;
  const left = 28 + rowLabelW;
  const n = spec.panels.length;
  const panelW = (CHART_WIDTH - left - 32 - GAP * (n - 1)) / n;
  const cellW = panelW / Math.max(1, spec.cols.length);
  const top = spec.subtitle ? 124 : 104;
  const gridH = spec.rows.length * CELL_H;
  const parts: string[] = [
    text(20, 30, spec.title, { 'font-size': 18, 'font-weight': 600, fill: INK }),
    spec.subtitle ? text(20, 51, spec.subtitle, { fill: MUTED }) : null,
    el('line', { x1: 20, x2: CHART_WIDTH - 20, y1: spec.subtitle ? 62 : 42, y2: spec.subtitle ? 62 : 42, stroke: GRID }),
    text(20, top - 30, `rows: ${spec.rowLabel} · columns: ${spec.colLabel}`, { fill: MUTED, 'font-size': 12 }),
  ].filter((p): p is string => p !== null);
  spec.panels.forEach((p, pi) => {
    const x0 = left + pi * (panelW + GAP);
    const cells: string[] = [text(x0 + panelW / 2, top + gridH + 22, p.title, { 'text-anchor': 'middle', 'font-weight': 600, fill: INK })];
    spec.rows.forEach((row, ri) => {
      if (pi === 0) cells.push(text(left - 10, top + ri * CELL_H + CELL_H / 2, row, { 'text-anchor': 'end', dy: '0.35em', fill: INK }));
      spec.cols.forEach((col, ci) => {
        const v = p.values[ri]?.[ci] ?? null;
        const x = x0 + ci * cellW;
        const y = top + ri * CELL_H;
        const tip = `${p.title} · ${spec.rowLabel}=${row}, ${spec.colLabel}=${col}: ${v === null ? 'no value' : spec.format(v)}`;
        if (v === null) {
          cells.push(el('rect', { class: 'mark cell empty', x: x + 1, y: y + 1, width: cellW - 2, height: CELL_H - 2, fill: '#eaeef2' }, el('title', {}, tip)));
          cells.push(text(x + cellW / 2, y + CELL_H / 2, '–', { 'text-anchor': 'middle', dy: '0.35em', fill: MUTED }));
          return;
        }
        const c = fill(v);
        const dark = luminance(c) < 0.45;
        const marked = p.marked?.[ri]?.[ci] ?? false;
        cells.push(el('rect', { class: 'mark cell', x: x + 1, y: y + 1, width: cellW - 2, height: CELL_H - 2, fill: c, stroke: marked ? INK : 'none', 'stroke-width': marked ? 2.5 : 0 }, el('title', {}, tip)));
        const label = spec.format(v);
        if (textWidth(label, 12) < cellW - 6) cells.push(text(x + cellW / 2, y + CELL_H / 2, label, { 'text-anchor': 'middle', dy: '0.35em', fill: dark ? '#ffffff' : INK, 'font-size': 12 }));
      });
    });
    spec.cols.forEach((col, ci) => {
      const label = textWidth(col, 12) < cellW - 2 ? col : `${col.slice(0, Math.max(1, Math.floor((cellW - 8) / 7.2)))}…`;
      cells.push(text(x0 + ci * cellW + cellW / 2, top - 4, label, { 'text-anchor': 'middle', fill: MUTED, 'font-size': 12 }));
    });
    parts.push(group({ class: 'panel heat', 'data-panel': p.title }, cells));
  });
  // The colour bar.
  const barY = top + gridH + 44;
  const barW = Math.min(360, CHART_WIDTH - left - 40);
  const steps = 40;
  const stops: string[] = [];
  const at = (t: number) => (log ? lo * (hi / lo) ** t : lo + (hi - lo) * t);
  for (let i = 0; i < steps; i++) stops.push(el('rect', { x: left + (barW * i) / steps, y: barY, width: barW / steps + 0.5, height: 10, fill: fill(at(i / (steps - 1))) }));
  const ticks = log ? scaleLog().domain([lo, hi]).ticks(4) : [lo, (lo + hi) / 2, hi];
  const tickParts = ticks
    .filter((t) => t >= lo && t <= hi)
    .map((t) => {
      const f = log ? Math.log(t / lo) / Math.log(hi / lo) : hi > lo ? (t - lo) / (hi - lo) : 0;
      return text(left + barW * f, barY + 24, spec.format(t), { 'text-anchor': 'middle', fill: MUTED, 'font-size': 11 });
    });
  parts.push(group({ class: 'colour-bar' }, [text(left, barY - 6, `${spec.valueLabel}${log ? ' (log colour scale)' : ''}`, { fill: MUTED, 'font-size': 12 }), ...stops, ...tickParts]));
  if (spec.markedLabel) parts.push(group({ class: 'legend' }, [el('rect', { x: left + barW + 40, y: barY - 2, width: 22, height: 14, fill: '#ffffff', stroke: INK, 'stroke-width': 2.5 }), text(left + barW + 70, barY + 5, spec.markedLabel, { dy: '0.35em', fill: INK, 'font-size': 12 })]));
  return svgDocument({
    width: CHART_WIDTH,
    height: barY + 44,
    title: spec.title,
    className: `chart chart-${spec.name} heatmap`,
    fontFamily: FONT_FAMILY,
    fontSize: FONT_SIZE,
    color: INK,
    body: parts,
  });
}

/** Relative luminance of an `rgb(r, g, b)` colour, 0 (black) to 1 (white). */
function luminance(c: string): number {
  const m = /(\d+)\D+(\d+)\D+(\d+)/.exec(c);
  if (!m) return 1;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => Number(x) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
