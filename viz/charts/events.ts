/**
 * Chart: events.csv on a timeline a reviewer can read. One lane per kind of thing (glusterd, bricks,
 * nodes, shd processes, graphs, graph cleanups) and mode, modes of one kind side by side; a marker per
 * event in its mode's colour, its shape saying what happened (up/start/attach: a triangle up, down/
 * stop/exit/detach: a hollow triangle down, crash: a red cross), and a tooltip (an SVG <title>, no
 * script) with the time, node, volume, pid and detail. A lane too busy for one marker per event
 * (density.ts) shows bars of events per time bin instead, each with a tooltip counting them by kind
 * and node.
 */
import type { RunResult, TimelineKind, TimelineRow } from '../../reports/types.js';
import { makeScale, xAxis } from '../axes.js';
import { chartFrame, emptyChart, type Box } from '../frame.js';
import { formatCount } from '../format.js';
import { textWidth, type LegendItem } from '../legend.js';
import { el, esc, group, text } from '../svg.js';
import { FAILURE, INK, MUTED, marker, type MarkerShape } from '../theme.js';
import { modeLabel, modeStyle, runTimeAxis, type ChartDef } from './common.js';
import { BIN_PX, binByTime, binScale, binSpan, countList, instant, isDense } from './density.js';

const LANE = 30;

type Look = { shape: MarkerShape; hollow: boolean; label: string };
const UP: Look = { shape: 'triangle', hollow: false, label: '' };
const DOWN: Look = { shape: 'triangle-down', hollow: true, label: '' };

/** The lanes, in this order, and the kinds each holds with how they look. */
export const EVENT_LANES: readonly { readonly name: string; readonly kinds: Readonly<Partial<Record<TimelineKind, Look>>> }[] = [
  { name: 'nodes', kinds: { 'node-down': { ...DOWN, label: 'node down' }, 'node-up': { ...UP, label: 'node up' } } },
  { name: 'glusterd', kinds: { 'glusterd-stop': { ...DOWN, label: 'glusterd stop' }, 'glusterd-start': { ...UP, label: 'glusterd start' } } },
  { name: 'bricks', kinds: { 'brick-stop': { ...DOWN, label: 'brick stop' }, 'brick-start': { ...UP, label: 'brick start' } } },
  {
    name: 'shd processes',
    kinds: {
      'shd-exit': { ...DOWN, label: 'shd exit' },
      'shd-start': { ...UP, label: 'shd start' },
      'shd-crash': { shape: 'x', hollow: false, label: 'shd crash' },
    },
  },
  {
    name: 'graphs',
    kinds: {
      detach: { ...DOWN, label: 'graph detach' },
      attach: { ...UP, label: 'graph attach' },
      reconfigure: { shape: 'diamond', hollow: true, label: 'reconfigure' },
    },
  },
  { name: 'graph cleanups', kinds: { 'cleanup-done': { shape: 'circle', hollow: true, label: 'cleanup done' } } },
];

function lookOf(kind: TimelineKind): Look | undefined {
  for (const l of EVENT_LANES) {
    const look = l.kinds[kind];
    if (look) return look;
  }
  return undefined;
}

/** A row's tooltip: when, where, what, and every detail the row has. */
export function eventTooltip(t: TimelineRow): string {
  const parts = [instant(t.at_s), modeLabel(t.mode), t.node, lookOf(t.kind)?.label ?? t.kind];
  if (t.volume) parts.push(`volume ${t.volume}`);
  if (t.pid) parts.push(`pid ${t.pid}`);
  if (t.detail) parts.push(t.detail);
  return parts.join(' · ');
}

interface Lane {
  readonly name: string;
  readonly mode: string;
  readonly rows: readonly TimelineRow[];
}

function eventLanes(result: RunResult): Lane[] {
  const lanes: Lane[] = [];
  for (const l of EVENT_LANES) {
    for (const r of result.results) {
      const rows = r.timeline.filter((t) => t.kind in l.kinds);
      if (rows.length) lanes.push({ name: l.name, mode: r.mode, rows });
    }
  }
  return lanes;
}

/** Plot width of a full-width chart with this chart's margins, for decisions made before layout. */
const PLOT_WIDTH = 880;

export const events: ChartDef = {
  name: 'events',
  title: 'Cluster events (events.csv)',
  caption: (result) => {
    const dense = eventLanes(result).some((l) => isDense(l.rows.length, PLOT_WIDTH));
    return `Every row of events.csv: one lane per kind of thing and mode; a triangle up is a start (node up, glusterd, brick, shd, graph attach), a hollow triangle down a stop, a red cross a crash. Hover a mark for its time, node, volume, pid and detail.${dense ? ' Lanes too busy for one mark per event show bars of events per time bin (height: how many; hover for the counts).' : ''}`;
  },
  render(result) {
    const lanes = eventLanes(result);
    if (lanes.length === 0) return emptyChart({ name: this.name, title: this.title, message: 'no events in this run' });
    const { div, axis } = runTimeAxis(result);
    const end = axis.domain![1] * div;
    const seen = new Set(lanes.flatMap((l) => l.rows.map((t) => t.kind)));
    const legend: LegendItem[] = [
      ...result.results.map((r): LegendItem => ({ kind: 'marker', label: modeLabel(r.mode), shape: 'square', color: modeStyle(r.mode).color })),
      { kind: 'marker', label: 'start / up / attach', shape: 'triangle', color: INK },
      { kind: 'marker', label: 'stop / down / exit / detach', shape: 'triangle-down', color: INK, hollow: true },
      ...(seen.has('shd-crash') ? [{ kind: 'marker', label: 'crash', shape: 'x', color: FAILURE } as LegendItem] : []),
      ...(seen.has('reconfigure') ? [{ kind: 'marker', label: 'reconfigure', shape: 'diamond', color: INK, hollow: true } as LegendItem] : []),
      ...(seen.has('cleanup-done') ? [{ kind: 'marker', label: 'graph cleanup done', shape: 'circle', color: INK, hollow: true } as LegendItem] : []),
    ];
    const labelWidth = Math.max(...lanes.map((l) => textWidth(`${l.name} ${modeLabel(l.mode)}`))) + 30;
    return chartFrame({
      name: this.name,
      title: this.title,
      subtitle: `${result.results.map((r) => `${modeLabel(r.mode)} ${formatCount(r.timeline.length)}`).join(' · ')} events`,
      legend,
      margin: { left: Math.max(88, Math.ceil(labelWidth)), right: 110 },
      panels: [{ height: lanes.length * LANE, render: (box) => lanesPanel(lanes, box, div, axis.label, end) }],
    });
  },
};

function lanesPanel(lanes: readonly Lane[], box: Box, div: number, label: string, end: number): string {
  const x = makeScale('linear', [0, end / div], [box.x, box.x + box.w], false);
  x.clamp(true);
  const px = (s: number) => x(s / div);
  const bins = Math.max(1, Math.floor(box.w / BIN_PX));
  const dense = lanes.map((l) => isDense(l.rows.length, box.w));
  const binned = lanes.map((l, i) => (dense[i] ? binByTime(l.rows, (t) => t.at_s, 0, end, bins) : []));
  // Bars of every busy lane share one height scale: equal heights are equal rates.
  const maxBin = binScale(binned.flatMap((b) => b.map((x) => x.items.length)));
  const backgrounds: string[] = [];
  const parts: string[] = [];
  let groupIndex = -1;
  lanes.forEach((lane, i) => {
    const top = box.y + i * LANE;
    const mid = top + LANE / 2;
    const style = modeStyle(lane.mode);
    const newGroup = i === 0 || lanes[i - 1]!.name !== lane.name;
    if (newGroup) groupIndex++;
    if (groupIndex % 2 === 0) backgrounds.push(el('rect', { x: box.x, y: top, width: box.w, height: LANE, fill: '#f6f8fa' }));
    if (i > 0) backgrounds.push(el('line', { x1: box.x - (newGroup ? 80 : 0), x2: box.x + box.w, y1: top, y2: top, stroke: newGroup ? '#d0d7de' : '#d8dee4', 'stroke-dasharray': newGroup ? null : '2 3' }));
    const marks: string[] = [];
    if (dense[i]) {
      const w = Math.max(1, box.w / bins - 1);
      for (const b of binned[i]!) {
        if (b.items.length === 0) continue;
        const h = Math.max(2, ((LANE - 8) * Math.min(b.items.length, maxBin)) / maxBin);
        const kinds = new Map<string, number>();
        const nodes = new Map<string, number>();
        for (const t of b.items) {
          const l = lookOf(t.kind)?.label ?? t.kind;
          kinds.set(l, (kinds.get(l) ?? 0) + 1);
          nodes.set(t.node, (nodes.get(t.node) ?? 0) + 1);
        }
        const crash = b.items.some((t) => t.kind === 'shd-crash');
        const tip = `${modeLabel(lane.mode)} ${lane.name}, ${binSpan(b.start, b.end)}: ${countList(kinds, (l) => (l.endsWith('h') ? `${l}es` : `${l}s`))} (${[...nodes.entries()].map(([n, c]) => `${n} ${formatCount(c)}`).join(', ')})`;
        marks.push(el('rect', { class: 'mark rate', x: px(b.start) + 0.5, y: top + LANE - 4 - h, width: w, height: h, fill: crash ? FAILURE : style.color, 'fill-opacity': 0.8 }, el('title', {}, esc(tip))));
      }
    } else {
      for (const t of lane.rows) {
        const look = lookOf(t.kind)!;
        const color = t.kind === 'shd-crash' ? FAILURE : style.color;
        marks.push(marker(look.shape, px(t.at_s), mid, 10, color, { hollow: look.hollow, title: eventTooltip(t), extra: { class: 'mark event', 'data-kind': t.kind } }));
      }
    }
    parts.push(
      group({ class: 'lane', 'data-lane': lane.name, 'data-mode': lane.mode, 'data-dense': dense[i] ? 'true' : null }, [
        `<text x="${Math.round(box.x - 12)}" y="${Math.round(mid)}" text-anchor="end" dy="0.35em"><tspan font-weight="600" fill="${INK}">${esc(lane.name)}</tspan><tspan fill="${MUTED}"> ${esc(modeLabel(lane.mode))}</tspan></text>`,
        ...marks,
        text(box.x + box.w + 8, mid, `${formatCount(lane.rows.length)} event${lane.rows.length === 1 ? '' : 's'}`, { dy: '0.35em', fill: MUTED, 'font-size': 12 }),
      ]),
    );
  });
  const axis = xAxis(x, box.y + box.h, { label, gridTo: box.y, ticks: Math.max(4, Math.round(box.w / 110)) });
  return group({ class: 'panel' }, [...backgrounds, axis, ...parts]);
}
