/**
 * Chart 4: the shd lifecycle on a timeline, one lane per node per mode. A bar is the lifetime of one
 * shd process (start → exit or crash, or the end of the run); markers are process starts, exits and
 * crashes on the bar, and graph attaches, detaches and reconfigures just above it. Legacy shows a
 * new process for every volume change; mux one long-lived process with graphs coming and going.
 */
import type { Mode } from '../../sim/mode.js';
import type { ModeResult, TimelineKind, TimelineRow } from '../../reports/types.js';
import { makeScale, xAxis } from '../axes.js';
import { chartFrame, emptyChart, type Box } from '../frame.js';
import { formatCount } from '../format.js';
import { textWidth, type LegendItem } from '../legend.js';
import { el, esc, group, text } from '../svg.js';
import { FAILURE, INK, MUTED, marker, type MarkerShape } from '../theme.js';
import { modeLabel, modeStyle, runNodes, runTimeAxis, type ChartDef } from './common.js';

const LANE = 40;

/** How each drawn kind looks: shape, hollow, and whether it sits on the bar (process) or above (graph). */
const KIND_MARK: Partial<Record<TimelineKind, { shape: MarkerShape; hollow: boolean; graph: boolean; label: string }>> = {
  'shd-start': { shape: 'triangle', hollow: false, graph: false, label: 'shd start' },
  'shd-exit': { shape: 'triangle-down', hollow: true, graph: false, label: 'shd exit' },
  'shd-crash': { shape: 'x', hollow: false, graph: false, label: 'shd crash' },
  attach: { shape: 'circle', hollow: false, graph: true, label: 'graph attach' },
  detach: { shape: 'circle', hollow: true, graph: true, label: 'graph detach' },
  reconfigure: { shape: 'diamond', hollow: true, graph: true, label: 'reconfigure' },
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
  mode: Mode;
  rows: TimelineRow[];
}

export const shdTimeline: ChartDef = {
  name: 'shd-timeline',
  title: 'shd processes and graphs per node',
  caption:
    'One lane per node and mode: bars are shd process lifetimes, triangles its starts and exits, dots graph attaches (filled) and detaches (hollow). Legacy starts a new process per volume change; mux keeps one.',
  render(result) {
    const lanes: Lane[] = [];
    for (const node of runNodes(result)) {
      for (const r of result.results) {
        lanes.push({ node, mode: r.mode, rows: r.timeline.filter((t) => t.node === node) });
      }
    }
    const drawn = lanes.some((l) => l.rows.some((t) => t.kind in KIND_MARK));
    if (!drawn) return emptyChart({ name: this.name, title: this.title, message: 'no shd lifecycle events in this run' });

    const { div, axis } = runTimeAxis(result);
    const end = axis.domain![1] * div;
    const kindsSeen = new Set(lanes.flatMap((l) => l.rows.map((t) => t.kind)));
    const legendItems: LegendItem[] = [
      ...result.results.map((r: ModeResult): LegendItem => ({ kind: 'span', label: `${modeLabel(r.mode)}: shd process alive`, fill: modeStyle(r.mode).color })),
      ...Object.entries(KIND_MARK)
        .filter(([k]) => kindsSeen.has(k as TimelineKind))
        .map(([k, m]): LegendItem => ({ kind: 'marker', label: m!.label, shape: m!.shape, color: k === 'shd-crash' ? FAILURE : INK, hollow: m!.hollow })),
      ...(kindsSeen.has('node-down') ? [{ kind: 'span', label: 'node down', fill: '#d0d7de' } as LegendItem] : []),
    ];
    const labelWidth = Math.max(...lanes.map((l) => textWidth(`${l.node} ${modeLabel(l.mode)}`))) + 30;
    return chartFrame({
      name: this.name,
      title: this.title,
      legend: legendItems,
      margin: { left: Math.max(88, Math.ceil(labelWidth)), right: 96 },
      panels: [{ height: lanes.length * LANE, render: (box) => lanesPanel(lanes, box, div, axis.label, end) }],
    });
  },
};

function lanesPanel(lanes: Lane[], box: Box, div: number, label: string, end: number): string {
  const x = makeScale('linear', [0, end / div], [box.x, box.x + box.w], false);
  x.clamp(true);
  const px = (s: number) => x(s / div);
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
    const style = modeStyle(lane.mode);
    const bg = backgrounds;
    if (nodeIndex % 2 === 0) bg.push(el('rect', { x: box.x, y: top, width: box.w, height: LANE, fill: '#f6f8fa' }));
    // lane boundaries: solid between nodes, dotted between the modes of one node
    if (i > 0) {
      const newNode = lanes[i - 1]!.node !== lane.node;
      bg.push(el('line', { x1: box.x - (newNode ? 80 : 0), x2: box.x + box.w, y1: top, y2: top, stroke: newNode ? '#d0d7de' : '#d8dee4', 'stroke-dasharray': newNode ? null : '2 3' }));
    }
    for (const [a, b] of downSpans(lane.rows, end)) {
      bg.push(el('rect', { x: px(a), y: top + 2, width: Math.max(1, px(b) - px(a)), height: LANE - 4, fill: '#d0d7de', 'fill-opacity': 0.7 }));
    }
    const lives = shdLifetimes(lane.rows, end).map((l) =>
      el('rect', {
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
      }),
    );
    const marks: string[] = [];
    for (const t of lane.rows) {
      const m = KIND_MARK[t.kind];
      if (!m) continue;
      const color = t.kind === 'shd-crash' ? FAILURE : style.color;
      marks.push(marker(m.shape, px(t.at_s), m.graph ? graphRow : mid, m.graph ? 8 : 11, color, { hollow: m.hollow, extra: { class: 'mark event', 'data-kind': t.kind } }));
    }
    const starts = lane.rows.filter((t) => t.kind === 'shd-start').length;
    parts.push(
      group({ class: 'lane', 'data-node': lane.node, 'data-mode': lane.mode }, [
        `<text x="${Math.round(box.x - 12)}" y="${Math.round(top + LANE / 2)}" text-anchor="end" dy="0.35em"><tspan font-weight="600" fill="${INK}">${esc(lane.node)}</tspan><tspan fill="${MUTED}"> ${esc(modeLabel(lane.mode))}</tspan></text>`,
        ...lives,
        ...marks,
        text(box.x + box.w + 8, top + LANE / 2, `${formatCount(starts)} start${starts === 1 ? '' : 's'}`, { dy: '0.35em', fill: MUTED, 'font-size': 12 }),
      ]),
    );
  });
  const axis = xAxis(x, box.y + box.h, { label, gridTo: box.y, ticks: Math.max(4, Math.round(box.w / 110)) });
  return group({ class: 'panel' }, [...backgrounds, axis, ...parts]);
}
