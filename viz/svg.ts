/**
 * A tiny SVG string builder. Charts are strings, built without a DOM: every text and attribute value
 * goes through `esc`, numbers through `num` (rounded, so output does not carry float noise and stays
 * byte-stable), and attributes are written in the order given.
 */

export type AttrValue = string | number | null | undefined | false;
export type Attrs = Readonly<Record<string, AttrValue>>;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an XML/HTML text node or a double-quoted attribute. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A coordinate: at most 2 decimals, no "-0", no exponent for the magnitudes charts use. */
export function num(v: number): string {
  if (!Number.isFinite(v)) throw new RangeError(`not a finite coordinate: ${v}`);
  const r = Math.round(v * 100) / 100;
  return String(r === 0 ? 0 : r);
}

function attrs(a: Attrs): string {
  let out = '';
  for (const [k, v] of Object.entries(a)) {
    if (v === null || v === undefined || v === false) continue;
    out += ` ${k}="${typeof v === 'number' ? num(v) : esc(v)}"`;
  }
  return out;
}

/** An element whose children are already-built SVG strings (or nothing). */
export function el(tag: string, a: Attrs = {}, ...children: (string | null | undefined | false)[]): string {
  const body = children.filter((c): c is string => typeof c === 'string' && c !== '').join('');
  return body === '' ? `<${tag}${attrs(a)}/>` : `<${tag}${attrs(a)}>${body}</${tag}>`;
}

/** A `<text>` element; `content` is plain text and is escaped here. */
export function text(x: number, y: number, content: string, a: Attrs = {}): string {
  return `<text${attrs({ x, y, ...a })}>${esc(content)}</text>`;
}

/** A group, with children one per line so the files diff well. */
export function group(a: Attrs, children: readonly (string | null | undefined | false)[]): string {
  const body = children.filter((c): c is string => typeof c === 'string' && c !== '');
  if (body.length === 0) return '';
  return `<g${attrs(a)}>\n${body.join('\n')}\n</g>`;
}

export const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * A standalone SVG document (valid as a .svg file and inline in HTML alike): xmlns, explicit size and
 * viewBox (so it scales with CSS `width: 100%`), a <title> for its accessible name, a white background
 * so it reads on dark viewers, and the body.
 */
export function svgDocument(opts: {
  width: number;
  height: number;
  title: string;
  desc?: string;
  className?: string;
  fontFamily: string;
  fontSize: number;
  color: string;
  body: readonly (string | null | undefined | false)[];
}): string {
  const { width, height } = opts;
  const head = `<svg${attrs({
    xmlns: SVG_NS,
    class: opts.className,
    width,
    height,
    viewBox: `0 0 ${num(width)} ${num(height)}`,
    role: 'img',
    'font-family': opts.fontFamily,
    'font-size': opts.fontSize,
    fill: opts.color,
  })}>`;
  const parts = [
    head,
    el('title', {}, esc(opts.title)),
    opts.desc ? el('desc', {}, esc(opts.desc)) : null,
    el('rect', { width, height, fill: '#ffffff' }),
    ...opts.body,
    '</svg>',
  ];
  return `${parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n')}\n`;
}
