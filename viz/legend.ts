/**
 * A legend laid out in rows from left to right, wrapping at the chart's width. Each item has a small
 * swatch drawn the way its data is drawn (line with dash and marker, marker alone, bar fill, rule).
 * Text widths are estimated (no DOM to measure): generous, so items never overlap.
 */
import { el, group, text } from './svg.js';
import { FONT_SIZE, INK, marker, type MarkerShape, type SeriesStyle } from './theme.js';

export type LegendItem =
  | { kind: 'line'; label: string; style: SeriesStyle; showMarker?: boolean }
  | { kind: 'marker'; label: string; shape: MarkerShape; color: string; hollow?: boolean }
  | { kind: 'bar'; label: string; fill: string; stroke: string }
  | { kind: 'rule'; label: string; color: string; dash?: string }
  | { kind: 'span'; label: string; fill: string };

/** Estimated rendered width of `s` at `size` px (DejaVu/Segoe-like sans: ~0.6 em per character). */
export function textWidth(s: string, size = FONT_SIZE): number {
  return s.length * size * 0.6;
}

const ROW = 22;
const SWATCH = 30;

function swatch(item: LegendItem, x: number, cy: number): string {
  switch (item.kind) {
    case 'line':
      return [
        el('line', { x1: x, x2: x + SWATCH, y1: cy, y2: cy, stroke: item.style.color, 'stroke-width': item.style.width, 'stroke-dasharray': item.style.dash }),
        item.showMarker === false ? '' : marker(item.style.marker, x + SWATCH / 2, cy, 8, item.style.color),
      ].join('');
    case 'marker':
      return marker(item.shape, x + SWATCH / 2, cy, 10, item.color, { hollow: item.hollow });
    case 'bar':
      return el('rect', { x: x + 4, y: cy - 7, width: SWATCH - 8, height: 14, fill: item.fill, stroke: item.stroke });
    case 'rule':
      return el('line', { x1: x + SWATCH / 2, x2: x + SWATCH / 2, y1: cy - 8, y2: cy + 8, stroke: item.color, 'stroke-width': 1.5, 'stroke-dasharray': item.dash });
    case 'span':
      return el('rect', { x: x + 2, y: cy - 7, width: SWATCH - 4, height: 14, fill: item.fill });
  }
}

/** Lays the items out from (x, y) within `width`; returns the markup and the height used. */
export function legend(items: readonly LegendItem[], x: number, y: number, width: number): { svg: string; height: number } {
  if (items.length === 0) return { svg: '', height: 0 };
  const parts: string[] = [];
  let cx = x;
  let row = 0;
  for (const item of items) {
    const w = SWATCH + 6 + textWidth(item.label) + 22;
    if (cx > x && cx + w > x + width) {
      row++;
      cx = x;
    }
    const cy = y + row * ROW + ROW / 2;
    parts.push(swatch(item, cx, cy), text(cx + SWATCH + 6, cy, item.label, { dy: '0.35em', fill: INK }));
    cx += w;
  }
  return { svg: group({ class: 'legend' }, parts), height: (row + 1) * ROW };
}
