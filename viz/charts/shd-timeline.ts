/**
 * Chart 4: the shd lifecycle on a timeline, one lane per node per mode. A bar is the lifetime of one
 * shd process (start → exit or crash, or the end of the run); markers are process starts, exits and
 * crashes on the bar, and graph attaches, detaches and reconfigures just above it, each with a
 * tooltip (an SVG <title>). Legacy shows a new process for every volume change; mux one long-lived
 * process with graphs coming and going.
 *
 * A lane too dense for markers (density.ts) is drawn as rates: the lifetimes merge into one band
 * where processes follow each other closely, process starts become bars of starts per time bin on
 * that band, and graph events bars of events per bin above it, each bin with a tooltip.
 */
import type { ModeResult, TimelineKind, TimelineRow } from '../../reports/types.js';
import { makeScale, xAxis } from '../axes.js';
import { chartFrame, emptyChart, type Box } from '../frame.js';
import { formatCount, formatDuration } from '../format.js';
import { textWidth, type LegendItem } from '../legend.js';
import { el, esc, group, text } from '../svg.js';
import { FAILURE, INK, MUTED, marker, type MarkerShape } from '../theme.js';
import { modeLabel, modeStyle, runNodes, runTimeAxis, type ChartDef } from './common.js';
import { BIN_PX, binByTime, binScale, binSpan, countList, isDense, rate } from './density.js';
import { eventTooltip } from './events.js';

const LANE = 40;

/** How each drawn kind looks: shape, hollow, and whether it sits on the bar (process) or above (graph). */
const KIND_MARK: Partial<Record<TimelineKind, { shape: MarkerShape; hollow: boolean; graph: boolean; label: string; plural: string }>> = {
  'shd-start': { shape: 'triangle', hollow: false, graph: false, label: 'shd start', plural: 'shd starts' },
  'shd-exit': { shape: 'triangle-down', hollow: true, graph: false, label: 'shd exit', plural: 'shd exits' },
  'shd-crash': { shape: 'x', hollow: false, graph: false, label: 'shd crash', plural: 'shd crashes' },
  attach: { shape: 'circle', hollow: false, graph: true, label: 'graph attach', plural: 'graph attaches' },
  detach: { shape: 'circle', hollow: true, graph: true, label: 'graph detach', plural: 'graph detaches' },
  reconfigure: { shape: 'diamond', hollow: true, graph: true, label: 'reconfigure', plural: 'reconfigures' },
};

export interface Lifetime {
  pid: number;
  start: number;
  end: number;
  how: 'exit' | 'crash' | 'running';
}

/**
 * shd process lifetimes on one node, from its start/exit/crash rows (in time order): a start opens a
 * lifetime by pid, an exit or crash of that pid closes it; one still open at `end` runs to `end`. An
 * exit of a pid never seen starting began before the first row, at 0.
 */
export function shdLifetimes(rows: readonly TimelineRow[], end: number): Lifetime[] {
  const open = new Map<number, number>();
  const out: Lifetime[] = [];
  for (const r of rows) {
    if (r.kind === 'shd-start') open.set(r.pid, r.at_s);
    else if (r.kind === 'shd-exit' || r.kind === 'shd-crash') {
      out.push({ pid: r.pid, start: open.get(r.pid) ?? 0, end: r.at_s, how: r.kind === 'shd-exit' ? 'exit' : 'crash' });
      open.delete(r.pid);
    }
  }
  for (const [pid, start] of open) out.push({ pid, start, end, how: 'running' });
  return out.sort((a, b) => a.start - b.start || a.pid - b.pid);
}

/** [down, up) intervals of a node from its node-down / node-up rows. */
function downSpans(rows: readonly TimelineRow[], end: number): [number, number][] {
  const spans: [number, number][] = [];
  let down: number | null = null;
  for (const r of rows) {
    if (r.kind === 'node-down' && down === null) down = r.at_s;
    else if (r.kind === 'node-up' && down !== null) {
      spans.push([down, r.at_s]);
      down = null;
    }
  }
  if (down !== null) spans.push([down, end]);
  return spans;
}

interface Lane {
  node: string;
  mode: string;
  rows: TimelineRow[];
}

/** A lifetime's tooltip. */
function lifeTitle(lane: Lane, l: Lifetime): string {
  const how = l.how === 'running' ? 'still running at the end' : l.how === 'crash' ? 'crashed' : 'exited';
  return `${lane.node} ${modeLabel(lane.mode)} · shd pid ${l.pid} · from ${formatDuration(l.start)} to ${formatDuration(l.end)} (${how})`;
}

/** Lifetimes closer together than `gap` (seconds) merged into bands: [start, end, how many]. */
export function mergeLifetimes(lives: readonly Lifetime[], gap: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (const l of lives) {
    const last = out[out.length - 1];
    if (last && l.start - last[1] <= gap) {
      last[1] = Math.max(last[1], l.end);
      last[2]++;
    } else out.push([l.start, l.end, 1]);
  }
  return out;
}

export const shdTimeline: ChartDef = {
  name: 'shd-timeline',
  title: 'shd processes and graphs per node',
  caption: (result) => {
    const base =
      'One lane per node and mode: bands are shd process lifetimes; triangles its starts and exits, dots graph attaches (filled) and detaches (hollow); hover a mark for its details.';
    const dense = shdLanes(result).some((l) => isDense(l.rows.filter((t) => t.kind in KIND_MARK).length, PLOT_WIDTH));
    const starts = result.results.map((r) => `${modeLabel(r.mode)} ${formatCount(r.summary.shd_starts)}`).join(', ');
    return `${base}${dense ? ' Lanes too busy for one mark per event show bars of events per time bin instead (height: how many).' : ''} shd processes started in all: ${starts}.`;
  },
  render(result) {
    const lanes = shdLanes(result);
    const drawn = lanes.some((l) => l.rows.some((t) => t.kind in KIND_MARK));
    if (!drawn) return emptyChart({ name: this.name, title: this.title, message: 'no shd lifecycle events in this run' });

    const { div, axis } = runTimeAxis(result);
    const end = axis.domain![1] * div;
    const kindsSeen = new Set(lanes.flatMap((l) => l.rows.map((t) => t.kind)));
    const anyDense = lanes.some((l) => isDense(l.rows.filter((t) => t.kind in KIND_MARK).length, PLOT_WIDTH));
    const legendItems: LegendItem[] = [
      ...result.results.map((r: ModeResult): LegendItem => ({ kind: 'span', label: `${modeLabel(r.mode)}: shd process alive`, fill: modeStyle(r.mode).color })),
      ...Object.entries(KIND_MARK)
        .filter(([k]) => kindsSeen.has(k as TimelineKind))
        .map(([k, m]): LegendItem => ({ kind: 'marker', label: m!.label, shape: m!.shape, color: k === 'shd-crash' ? FAILURE : INK, hollow: m!.hollow })),
      ...(kindsSeen.has('node-down') ? [{ kind: 'span', label: 'node down', fill: '#d0d7de' } as LegendItem] : []),
      ...(anyDense ? [{ kind: 'span', label: 'busy lane: bars of events per time bin', fill: MUTED } as LegendItem] : []),
    ];
    const labelWidth = Math.max(...lanes.map((l) => textWidth(`${l.node} ${modeLabel(l.mode)}`))) + 30;
    return chartFrame({
      name: this.name,
      title: this.title,
      legend: legendItems,
      margin: { left: Math.max(88, Math.ceil(labelWidth)), right: 150 },
      panels: [{ height: lanes.length * LANE, render: (box) => lanesPanel(lanes, box, div, axis.label, end) }],
    });
  },
};

/** About the plot width of a full-width chart, for the density decision before layout. */
const PLOT_WIDTH = 880;

function shdLanes(result: Parameters<ChartDef['render']>[0]): Lane[] {
  const lanes: Lane[] = [];
  for (const node of runNodes(result)) {
    for (const r of result.results) lanes.push({ node, mode: r.mode, rows: r.timeline.filter((t) => t.node === node) });
  }
  return lanes;
}

function lanesPanel(lanes: Lane[], box: Box, div: number, label: string, end: number): string {
  const x = makeScale('linear', [0, end / div], [box.x, box.x + box.w], false);
  x.clamp(true);
  const px = (s: number) => x(s / div);
  const bins = Math.max(1, Math.floor(box.w / BIN_PX));
  // One height scale per row kind for every dense lane: equal bars mean equal rates across nodes
  // and modes.
  const procCounts: number[] = [];
  const graphCounts: number[] = [];
  const dense = lanes.map((lane) => isDense(lane.rows.filter((t) => t.kind in KIND_MARK).length, box.w));
  lanes.forEach((lane, i) => {
    if (!dense[i]) return;
    for (const b of binByTime(lane.rows.filter((t) => t.kind in KIND_MARK), (t) => t.at_s, 0, end, bins)) {
      const graph = b.items.filter((t) => KIND_MARK[t.kind]!.graph).length;
      graphCounts.push(graph);
      procCounts.push(b.items.length - graph);
    }
  });
  const maxBin = { proc: binScale(procCounts), graph: binScale(graphCounts) };
  // Lane backgrounds first, then the axis and its grid, then the data on top.
  const backgrounds: string[] = [];
  const parts: string[] = [];
  let nodeIndex = -1;
  let prevNode = '';
  lanes.forEach((lane, i) => {
    if (lane.node !== prevNode) {
      nodeIndex++;
      prevNode = lane.node;
    }
    // A lane: graph events in a row at the top, the process bar with its start/exit markers below.
    const top = box.y + i * LANE;
    const mid = top + 25;
    const graphRow = top + 10;
    const bg = backgrounds;
    if (nodeIndex % 2 === 0) bg.push(el('rect', { x: box.x, y: top, width: box.w, height: LANE, fill: '#f6f8fa' }));
    // lane boundaries: solid between nodes, dotted between the modes of one node
    if (i > 0) {
      const newNode = lanes[i - 1]!.node !== lane.node;
      bg.push(el('line', { x1: box.x - (newNode ? 80 : 0), x2: box.x + box.w, y1: top, y2: top, stroke: newNode ? '#d0d7de' : '#d8dee4', 'stroke-dasharray': newNode ? null : '2 3' }));
    }
    for (const [a, b] of downSpans(lane.rows, end)) {
      bg.push(el('rect', { x: px(a), y: top + 2, width: Math.max(1, px(b) - px(a)), height: LANE - 4, fill: '#d0d7de', 'fill-opacity': 0.7 }, el('title', {}, esc(`${lane.node} down from ${formatDuration(a)} to ${formatDuration(b)}`))));
    }
    const lifetimes = shdLifetimes(lane.rows, end);
    const marks = dense[i] ? denseMarks(lane, lifetimes, box, px, end, bins, maxBin, top, mid) : sparseMarks(lane, lifetimes, px, mid, graphRow);
    const starts = lane.rows.filter((t) => t.kind === 'shd-start').length;
    const perTime = dense[i] && starts >= 10 ? rate(starts, end) : '';
    parts.push(
      group({ class: 'lane', 'data-node': lane.node, 'data-mode': lane.mode, 'data-dense': dense[i] ? 'true' : null }, [
        `<text x="${Math.round(box.x - 12)}" y="${Math.round(top + LANE / 2)}" text-anchor="end" dy="0.35em"><tspan font-weight="600" fill="${INK}">${esc(lane.node)}</tspan><tspan fill="${MUTED}"> ${esc(modeLabel(lane.mode))}</tspan></text>`,
        ...marks,
        text(box.x + box.w + 8, top + LANE / 2, `${formatCount(starts)} start${starts === 1 ? '' : 's'}${perTime ? ` · ${perTime}` : ''}`, { dy: '0.35em', fill: MUTED, 'font-size': 12 }),
      ]),
    );
  });
  const axis = xAxis(x, box.y + box.h, { label, gridTo: box.y, ticks: Math.max(4, Math.round(box.w / 110)) });
  return group({ class: 'panel' }, [...backgrounds, axis, ...parts]);
}

function sparseMarks(lane: Lane, lifetimes: readonly Lifetime[], px: (s: number) => number, mid: number, graphRow: number): string[] {
  const style = modeStyle(lane.mode);
  const out = lifetimes.map((l) =>
    el(
      'rect',
      {
        class: 'mark lifetime',
        x: px(l.start),
        y: mid - 6,
        width: Math.max(1.5, px(l.end) - px(l.start)),
        height: 12,
        fill: style.color,
        'fill-opacity': 0.22,
        stroke: style.color,
        'stroke-opacity': 0.6,
        'data-pid': l.pid,
      },
      el('title', {}, esc(lifeTitle(lane, l))),
    ),
  );
  for (const t of lane.rows) {
    const m = KIND_MARK[t.kind];
    if (!m) continue;
    const color = t.kind === 'shd-crash' ? FAILURE : style.color;
    out.push(marker(m.shape, px(t.at_s), m.graph ? graphRow : mid, m.graph ? 8 : 11, color, { hollow: m.hollow, title: eventTooltip(t), extra: { class: 'mark event', 'data-kind': t.kind } }));
  }
  return out;
}

function denseMarks(lane: Lane, lifetimes: readonly Lifetime[], box: Box, px: (s: number) => number, end: number, bins: number, maxBin: { proc: number; graph: number }, top: number, mid: number): string[] {
  const style = modeStyle(lane.mode);
  const secsPerPx = end / Math.max(1, box.w);
  // Processes that follow each other within a pixel or two read as one band: say how many it holds.
  const out = mergeLifetimes(lifetimes, 2 * secsPerPx).map(([a, b, n]) =>
    el(
      'rect',
      { class: 'mark lifetime band', x: px(a), y: mid - 6, width: Math.max(1.5, px(b) - px(a)), height: 12, fill: style.color, 'fill-opacity': 0.16, stroke: style.color, 'stroke-opacity': 0.4 },
      el('title', {}, esc(`${lane.node} ${modeLabel(lane.mode)} · ${formatCount(n)} shd process${n === 1 ? '' : 'es'} one after another, from ${formatDuration(a)} to ${formatDuration(b)}`)),
    ),
  );
  const rows = lane.rows.filter((t) => t.kind in KIND_MARK);
  const w = Math.max(1, box.w / bins - 1);
  for (const b of binByTime(rows, (t) => t.at_s, 0, end, bins)) {
    if (b.items.length === 0) continue;
    const graph = b.items.filter((t) => KIND_MARK[t.kind]!.graph);
    const proc = b.items.filter((t) => !KIND_MARK[t.kind]!.graph);
    const x0 = px(b.start) + 0.5;
    const tally = (items: readonly TimelineRow[]) => {
      const m = new Map<string, number>();
      for (const t of items) {
        const k = KIND_MARK[t.kind]!;
        m.set(k.label, (m.get(k.label) ?? 0) + 1);
      }
      return countList(m, (l) => Object.values(KIND_MARK).find((k) => k!.label === l)!.plural);
    };
    const where = `${lane.node} ${modeLabel(lane.mode)}, ${binSpan(b.start, b.end)}`;
    if (proc.length) {
      // starts/exits: a bar rising from the bottom of the process band
      const h = Math.max(2, (14 * Math.min(proc.length, maxBin.proc)) / maxBin.proc);
      const crashed = proc.some((t) => t.kind === 'shd-crash');
      out.push(el('rect', { class: 'mark rate', x: x0, y: mid + 7 - h, width: w, height: h, fill: crashed ? FAILURE : style.color, 'fill-opacity': 0.85 }, el('title', {}, esc(`${where}: ${tally(proc)}`))));
    }
    if (graph.length) {
      // graph events: a bar rising from the top of the band
      const h = Math.max(2, (12 * Math.min(graph.length, maxBin.graph)) / maxBin.graph);
      out.push(el('rect', { class: 'mark rate', x: x0, y: top + 17 - h, width: w, height: h, fill: style.color, 'fill-opacity': 0.55 }, el('title', {}, esc(`${where}: ${tally(graph)}`))));
    }
  }
  return out;
}
