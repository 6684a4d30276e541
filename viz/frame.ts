/**
 * The frame every chart shares: title, optional subtitle, legend, then one or more plot panels stacked
 * vertically (sharing the width, so panels with the same x domain line up), as one standalone SVG.
 * Also the empty state: the same frame with a message where the drawing would be.
 */
import { legend, type LegendItem } from './legend.js';
import { el, svgDocument, text } from './svg.js';
import { FONT_FAMILY, FONT_SIZE, INK, MUTED, GRID } from './theme.js';

/** Charts are drawn for a ~1200 px wide page; the SVG scales with its container. */
export const CHART_WIDTH = 1120;

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface Margins {
  left?: number;
  right?: number;
  bottom?: number;
}

export interface Panel {
  /** Height of the plot area in px (axes and their labels go outside it). */
  readonly height: number;
  /** Space below this panel before the next one (its x axis lives there). */
  readonly gapAfter?: number;
  readonly render: (box: Box) => string;
}

export interface ChartFrameOptions {
  /** File name without .svg; also the root's class `chart chart-<name>`. */
  name: string;
  title: string;
  subtitle?: string;
  width?: number;
  legend?: readonly LegendItem[];
  margin?: Margins;
  panels: readonly Panel[];
  /** <defs> content (patterns); ids must start with the chart's name to stay unique in a page. */
  defs?: string;
}

const DEFAULT_MARGIN = { left: 88, right: 32, bottom: 60 };

function header(title: string, subtitle: string | undefined, width: number): { svg: string; bottom: number } {
  const parts = [text(20, 30, title, { 'font-size': 18, 'font-weight': 600, fill: INK })];
  if (subtitle) parts.push(text(20, 51, subtitle, { fill: MUTED }));
  parts.push(el('line', { x1: 20, x2: width - 20, y1: subtitle ? 62 : 42, y2: subtitle ? 62 : 42, stroke: GRID }));
  return { svg: parts.join('\n'), bottom: subtitle ? 62 : 42 };
}

export function chartFrame(opts: ChartFrameOptions): string {
  const width = opts.width ?? CHART_WIDTH;
  const m = { ...DEFAULT_MARGIN, ...opts.margin };
  const head = header(opts.title, opts.subtitle, width);
  const leg = legend(opts.legend ?? [], 20, head.bottom + 8, width - 40);
  let y = head.bottom + 8 + leg.height + (leg.height > 0 ? 16 : 12);
  const body: string[] = [];
  opts.panels.forEach((p, i) => {
    const box: Box = { x: m.left, y, w: width - m.left - m.right, h: p.height };
    body.push(p.render(box));
    y += p.height + (i < opts.panels.length - 1 ? (p.gapAfter ?? 72) : 0);
  });
  const height = Math.ceil(y + m.bottom);
  return svgDocument({
    width,
    height,
    title: opts.title,
    className: `chart chart-${opts.name}`,
    fontFamily: FONT_FAMILY,
    fontSize: FONT_SIZE,
    color: INK,
    body: [opts.defs ? el('defs', {}, opts.defs) : null, head.svg, leg.svg, ...body],
  });
}

/** The empty state: the chart's frame with a sentence instead of a broken drawing. */
export function emptyChart(opts: { name: string; title: string; subtitle?: string; message: string; width?: number; height?: number }): string {
  const width = opts.width ?? CHART_WIDTH;
  const height = opts.height ?? 220;
  const head = header(opts.title, opts.subtitle, width);
  const top = head.bottom + 16;
  return svgDocument({
    width,
    height,
    title: opts.title,
    className: `chart chart-${opts.name} chart-empty`,
    fontFamily: FONT_FAMILY,
    fontSize: FONT_SIZE,
    color: INK,
    body: [
      head.svg,
      el('rect', { class: 'empty-state', x: 20, y: top, width: width - 40, height: height - top - 20, fill: '#f6f8fa', stroke: GRID, rx: 6 }),
      text(width / 2, (top + height - 20) / 2, opts.message, { 'text-anchor': 'middle', dy: '0.35em', fill: MUTED, 'font-size': 15 }),
    ],
  });
}
