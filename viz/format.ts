/**
 * Numbers for people (tables, labels, captions). Locale-independent on purpose: d3-format's built-in
 * en-US definition and `toFixed`, never `toLocaleString`/Intl, so a report is the same bytes
 * everywhere. (d3-format writes negatives with U+2212 MINUS SIGN; files are UTF-8.)
 */
import { format } from 'd3';

const thousands = format(',');

/** 12,345 */
export function formatCount(n: number): string {
  return thousands(n);
}

/** Fixed decimals, thousands separators, no "-0". */
export function formatFixed(n: number, decimals: number): string {
  const s = format(`,.${decimals}f`)(n);
  return /^[−-]0\.?0*$/.test(s) ? s.slice(1) : s;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** The binary unit that suits values up to `max` bytes, for an axis. */
export function bytesUnit(max: number): { unit: string; div: number } {
  let i = 0;
  while (i < BYTE_UNITS.length - 1 && max >= 1024 ** (i + 1)) i++;
  return { unit: BYTE_UNITS[i]!, div: 1024 ** i };
}

/** 512 B, 12.3 KiB, 1,234 MiB */
export function formatBytes(n: number): string {
  const { unit, div } = bytesUnit(Math.abs(n));
  if (div === 1) return `${formatCount(n)} B`;
  const v = n / div;
  return `${formatFixed(v, Math.abs(v) >= 100 ? 0 : 1)} ${unit}`;
}

/** 0.4 ms, 12.5 ms, 3.21 s, 95.0 s, 12.3 min, 2.50 h */
export function formatDuration(s: number): string {
  const a = Math.abs(s);
  if (a === 0) return '0 s';
  if (a < 0.001) return `${formatFixed(s * 1e6, 0)} µs`;
  if (a < 1) return `${formatFixed(s * 1000, a < 0.01 ? 2 : 1)} ms`;
  if (a < 10) return `${formatFixed(s, 2)} s`;
  if (a < 120) return `${formatFixed(s, 1)} s`;
  if (a < 7200) return `${formatFixed(s / 60, 1)} min`;
  return `${formatFixed(s / 3600, 2)} h`;
}

/** The unit of a time axis whose domain ends at `maxSeconds`: seconds up to 5 min, then min, then h. */
export function timeUnit(maxSeconds: number): { unit: 's' | 'min' | 'h'; div: number } {
  if (maxSeconds <= 300) return { unit: 's', div: 1 };
  if (maxSeconds <= 3 * 3600) return { unit: 'min', div: 60 };
  return { unit: 'h', div: 3600 };
}

/** 3.41×, 12.4×, 0.523×, 0×; "n/a" for null. */
export function formatRatio(r: number | null): string {
  if (r === null || !Number.isFinite(r)) return 'n/a';
  if (r === 0) return '0×';
  const decimals = r >= 100 ? 0 : r >= 10 ? 1 : r >= 1 ? 2 : 3;
  return `${formatFixed(r, decimals)}×`;
}

/** Natural order for names such as h2 < h10 (no locale involved). */
export function naturalCompare(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    const nx = /^\d/.test(x) && /^\d/.test(y);
    if (nx && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length || (a < b ? -1 : a > b ? 1 : 0);
}
