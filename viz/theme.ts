/**
 * Colours, line styles and markers shared by every chart. The two modes differ by colour *and* by
 * dash pattern, marker shape and bar fill (hatched or solid), so a chart still reads when printed in
 * greyscale or seen by a colour-blind reader. Colours are from the Okabe–Ito palette.
 */
import { symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolTriangle, symbolWye } from 'd3';
import type { Mode } from '../sim/mode.js';
import { el, esc, num, type Attrs } from './svg.js';

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

/**
 * Styles for modes other than legacy and mux (a real-system run is recorded as `real-10.3`,
 * `real-6.10`, …): each differs from the two model modes and from the others by colour, dash and
 * marker. A mode's style depends on its name alone, so it looks the same on every page.
 */
const OTHER_STYLES: readonly SeriesStyle[] = [
  { color: '#009E73', dash: '2 3', marker: 'diamond', fill: 'hatch', width: 2.25 },
  { color: '#CC79A7', dash: '7 3 2 3', marker: 'triangle', fill: 'solid', width: 2.25 },
  { color: '#E69F00', dash: '4 2', marker: 'triangle-down', fill: 'hatch', width: 2.25 },
  { color: '#56B4E9', dash: '1 2', marker: 'wye', fill: 'solid', width: 2.25 },
];

/**
 * The style of any mode: legacy and mux have theirs; another name gets one of OTHER_STYLES — the
 * GlusterFS release it names picks it when it has one (`real-6.10`: a 6.x release, so the legacy
 * family's slot; `real-10.3`: the next), otherwise a hash of the name.
 */
export function styleOfMode(mode: string): SeriesStyle {
  if (mode === 'legacy' || mode === 'mux') return MODE_STYLE[mode];
  const release = /(\d+)\.\d+/.exec(mode);
  let h = 0;
  if (release) h = Number(release[1]) < 7 ? 0 : 1; // legacy shd releases vs multiplexed ones
  else for (let i = 0; i < mode.length; i++) h = (h * 31 + mode.charCodeAt(i)) >>> 0;
  return OTHER_STYLES[h % OTHER_STYLES.length]!;
}

/** The label of any mode: the model's two modes by their names, anything else as recorded. */
export function labelOfMode(mode: string): string {
  return mode === 'legacy' || mode === 'mux' ? MODE_LABEL[mode] : mode;
}

/**
 * An HTML swatch for a mode (a short line in its colour and dash) as an inline style, so a page
 * needs no CSS class per mode. The page's CSP allows inline styles.
 */
export function modeSwatch(mode: string): string {
  const s = styleOfMode(mode);
  return `<span class="swatch" style="border-color: ${s.color};${s.dash ? ' border-top-style: dashed;' : ''}"></span>`;
}

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
  opts: { hollow?: boolean; extra?: Attrs; title?: string } = {},
): string {
  // d3 sizes symbols by area; these factors make each shape about `size` px across.
  const area = shape === 'circle' ? (Math.PI * size * size) / 4 : shape === 'cross' || shape === 'x' ? size * size * 0.56 : size * size * (shape === 'triangle' || shape === 'triangle-down' ? 0.6 : shape === 'diamond' ? 0.55 : 1);
  const d = symbol(SYMBOLS[shape], area).digits(2)()!;
  const rotate = shape === 'triangle-down' ? 180 : shape === 'x' ? 45 : 0;
  const transform = `translate(${num(x)},${num(y)})${rotate ? ` rotate(${rotate})` : ''}`;
  const paint = opts.hollow
    ? { fill: '#ffffff', stroke: color, 'stroke-width': 1.5 }
    : { fill: color, stroke: '#ffffff', 'stroke-width': 0.75 };
  // A <title> child is the browser's tooltip on hover: details without any script.
  return el('path', { d, transform, ...paint, ...opts.extra }, opts.title ? el('title', {}, esc(opts.title)) : null);
}
