/**
 * Grouped horizontal bars: one row per category (names can be long, so they sit on the left), one bar
 * per group (mode) in each row, the value written at the end of each bar. Groups differ by colour and
 * by fill (hatched or solid), so they survive greyscale.
 */
import { makeScale, xAxis } from './axes.js';
import { chartFrame, emptyChart, type Box } from './frame.js';
import { textWidth, type LegendItem } from './legend.js';
import { el, group, text } from './svg.js';
import { INK, MUTED, type SeriesStyle } from './theme.js';

export interface BarGroup {
  label: string;
  style: SeriesStyle;
}

export interface BarChartSpec {
  name: string;
  title: string;
  subtitle?: string;
  width?: number;
  categories: readonly string[];
  groups: readonly BarGroup[];
  /** values[category][group]; null: that group has no value there (no bar, no label). */
  values: readonly (readonly (number | null)[])[];
  /** A line of small text above each category's bars (e.g. what a message id says); '' for none. */
  notes?: readonly string[];
  /** The value axis. */
  x: { label: string; format?: (v: number) => string };
  /** Text at the end of each bar, given its value and position. */
  valueLabel?: (v: number, category: number, group: number) => string;
  empty: string;
}

const BAR = 15;
const BAR_GAP = 3;
const ROW_PAD = 14;
const NOTE = 16;

/** Fill of a group's bars: its colour, or a hatch pattern defined in the chart's <defs>. */
export function barFill(chartName: string, index: number, style: SeriesStyle): { fill: string; def: string } {
  if (style.fill === 'solid') return { fill: style.color, def: '' };
  const id = `${chartName}-hatch-${index}`;
  const def = el(
    'pattern',
    { id, patternUnits: 'userSpaceOnUse', width: 7, height: 7, patternTransform: 'rotate(45)' },
    el('rect', { width: 7, height: 7, fill: style.color }),
    el('line', { x1: 0, y1: 0, x2: 0, y2: 7, stroke: '#ffffff', 'stroke-width': 3 }),
  );
  return { fill: `url(#${id})`, def };
}

export function barChart(spec: BarChartSpec): string {
  const present = spec.values.some((row) => row.some((v) => v !== null));
  if (spec.categories.length === 0 || !present) {
    return emptyChart({ name: spec.name, title: spec.title, subtitle: spec.subtitle, message: spec.empty, width: spec.width });
  }
  const fills = spec.groups.map((g, i) => barFill(spec.name, i, g.style));
  const labelWidth = Math.max(...spec.categories.map((c) => textWidth(c))) + 28;
  const noted = (spec.notes ?? []).some((n) => n !== '');
  const rowHeight = spec.groups.length * (BAR + BAR_GAP) - BAR_GAP + ROW_PAD + (noted ? NOTE : 0);
  const legendItems: LegendItem[] = spec.groups.map((g, i) => ({ kind: 'bar', label: g.label, fill: fills[i]!.fill, stroke: g.style.color }));
  return chartFrame({
    name: spec.name,
    title: spec.title,
    subtitle: spec.subtitle,
    width: spec.width,
    legend: legendItems,
    margin: { left: Math.max(88, Math.ceil(labelWidth)), right: 140 },
    defs: fills.map((f) => f.def).join(''),
    panels: [{ height: spec.categories.length * rowHeight, render: (box) => barPanel(spec, fills.map((f) => f.fill), rowHeight, noted ? NOTE : 0, box) }],
  });
}

function barPanel(spec: BarChartSpec, fills: string[], rowHeight: number, note: number, box: Box): string {
  const max = Math.max(0, ...spec.values.flat().filter((v): v is number => v !== null));
  const x = makeScale('linear', [0, max > 0 ? max : 1], [box.x, box.x + box.w]);
  const parts: string[] = [xAxis(x, box.y + box.h, { label: spec.x.label, format: spec.x.format, gridTo: box.y, ticks: Math.max(4, Math.round(box.w / 120)) })];
  spec.categories.forEach((cat, ci) => {
    const top = box.y + ci * rowHeight + ROW_PAD / 2;
    const barsTop = top + note;
    const barsHeight = rowHeight - ROW_PAD - note;
    parts.push(text(box.x - 12, barsTop + barsHeight / 2, cat, { 'text-anchor': 'end', dy: '0.35em', fill: INK }));
    const n = spec.notes?.[ci];
    if (n) parts.push(text(box.x + 2, top + note - 5, n, { fill: MUTED, 'font-size': 12, class: 'note' }));
    const bars: string[] = [];
    spec.groups.forEach((g, gi) => {
      const v = spec.values[ci]?.[gi] ?? null;
      if (v === null) return;
      const y = barsTop + gi * (BAR + BAR_GAP);
      const w = Math.max(x(v) - box.x, v > 0 ? 1 : 0);
      bars.push(el('rect', { class: 'mark bar', x: box.x, y, width: w, height: BAR, fill: fills[gi], stroke: g.style.color, 'stroke-width': 1, 'data-series': g.label }));
      if (spec.valueLabel) bars.push(text(box.x + w + 6, y + BAR / 2, spec.valueLabel(v, ci, gi), { dy: '0.35em', fill: MUTED, 'font-size': 12 }));
    });
    parts.push(group({ class: 'category' }, bars));
  });
  return group({ class: 'panel' }, parts);
}
