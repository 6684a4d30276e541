/**
 * Colours, line styles and markers shared by every chart. The two modes differ by colour *and* by
 * dash pattern, marker shape and bar fill (hatched or solid), so a chart still reads when printed in
 * greyscale or seen by a colour-blind reader. Colours are from the Okabe–Ito palette.
 */
import { symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolTriangle, symbolWye } from 'd3';
import type { Mode } from '../sim/mode.js';
import { el, num, type Attrs } from './svg.js';

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", Arial, sans-serif';
export const FONT_SIZE = 13;

export const INK = '#1f2328';
export const MUTED = '#57606a';
export const AXIS = '#8c959f';
export const GRID = '#eaeef2';
export const FAILURE = '#b42318';

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'triangle-down' | 'diamond' | 'cross' | 'x' | 'wye';

export interface SeriesStyle {
  readonly color: string;
  /** SVG stroke-dasharray, or null for a solid line. */
  readonly dash: string | null;
  readonly marker: MarkerShape;
  /** Bars: solid fill or diagonal hatching. */
  readonly fill: 'solid' | 'hatch';
  readonly width: number;
}

export const MODE_STYLE: Readonly<Record<Mode, SeriesStyle>> = {
  legacy: { color: '#D55E00', dash: '9 4', marker: 'square', fill: 'hatch', width: 2.25 },
  mux: { color: '#0072B2', dash: null, marker: 'circle', fill: 'solid', width: 2.25 },
};

export const MODE_LABEL: Readonly<Record<Mode, string>> = {
  legacy: 'legacy',
  mux: 'mux',
};

/** Further categorical colours (Okabe–Ito, without the two mode colours), for anything else. */
export const PALETTE = ['#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'];

const SYMBOLS = {
  circle: symbolCircle,
  square: symbolSquare,
  triangle: symbolTriangle,
  'triangle-down': symbolTriangle,
  diamond: symbolDiamond,
  cross: symbolCross,
  x: symbolCross,
  wye: symbolWye,
} as const;

/**
 * A marker of `shape` centred on (x, y); `size` is its width in px. Hollow markers take the colour
 * as stroke and a white fill. Drawn as a d3 symbol path (circle included), rounded to 0.01 px.
 */
export function marker(
  shape: MarkerShape,
  x: number,
  y: number,
  size: number,
  color: string,
  opts: { hollow?: boolean; extra?: Attrs } = {},
): string {
  // d3 sizes symbols by area; these factors make each shape about `size` px across.
  const area = shape === 'circle' ? (Math.PI * size * size) / 4 : shape === 'cross' || shape === 'x' ? size * size * 0.56 : size * size * (shape === 'triangle' || shape === 'triangle-down' ? 0.6 : shape === 'diamond' ? 0.55 : 1);
  const d = symbol(SYMBOLS[shape], area).digits(2)()!;
  const rotate = shape === 'triangle-down' ? 180 : shape === 'x' ? 45 : 0;
  const transform = `translate(${num(x)},${num(y)})${rotate ? ` rotate(${rotate})` : ''}`;
  const paint = opts.hollow
    ? { fill: '#ffffff', stroke: color, 'stroke-width': 1.5 }
    : { fill: color, stroke: '#ffffff', 'stroke-width': 0.75 };
  return el('path', { d, transform, ...paint, ...opts.extra });
}
