/**
 * Timelines at high density. One marker per event reads well up to about one every 10 px; beyond
 * that (legacy's 343 shd restarts per node in two hours, 360 detaches) markers pile into a solid comb
 * that hides both the count and the rhythm. Such a lane is drawn as a rate instead: the time axis cut
 * into bins a few pixels wide, one bar per bin whose height is the number of events in it, each with
 * a tooltip that says what is inside.
 */
import { formatCount, formatDuration, formatFixed } from '../format.js';

/** Fewer pixels than this per event on average: draw the lane as a rate. */
export const DENSE_PX_PER_EVENT = 10;
/** Width of a rate bin, in px. */
export const BIN_PX = 6;

export function isDense(events: number, widthPx: number): boolean {
  return events > 0 && events * DENSE_PX_PER_EVENT > widthPx;
}

export interface Bin<T> {
  /** Seconds. */
  readonly start: number;
  readonly end: number;
  readonly items: readonly T[];
}

/**
 * Items in `bins` equal bins over [t0, t1] (seconds), each item in the bin of `at(item)`; the last
 * bin is closed. Empty bins are kept (their index is their position).
 */
export function binByTime<T>(items: readonly T[], at: (item: T) => number, t0: number, t1: number, bins: number): Bin<T>[] {
  const n = Math.max(1, bins);
  const width = t1 > t0 ? (t1 - t0) / n : 1;
  const out: T[][] = Array.from({ length: n }, () => []);
  for (const it of items) {
    const k = Math.min(n - 1, Math.max(0, Math.floor((at(it) - t0) / width)));
    out[k]!.push(it);
  }
  return out.map((list, k) => ({ start: t0 + k * width, end: k === n - 1 ? t1 : t0 + (k + 1) * width, items: list }));
}

/**
 * The count drawn at full height in a rate lane: the 90th percentile of the non-empty bins (at least
 * 1), so that one burst (100 volumes started at once) does not flatten the steady rate after it.
 * Bars above it are drawn at full height (their tooltips give the count).
 */
export function binScale(counts: readonly number[]): number {
  const nz = counts.filter((c) => c > 0).sort((a, b) => a - b);
  if (nz.length === 0) return 1;
  return Math.max(1, nz[Math.min(nz.length - 1, Math.floor(0.9 * nz.length))]!);
}

/** "between 10.0 and 10.5 min" for a bin, in the unit that suits its end. */
export function binSpan(start: number, end: number): string {
  return `between ${formatDuration(start)} and ${formatDuration(end)}`;
}

/** An instant for a tooltip, precise to the ms: "t = 1,234.567 s (20.6 min)". */
export function instant(s: number): string {
  const exact = `${formatFixed(s, 3)} s`;
  return s >= 120 ? `t = ${exact} (${formatDuration(s)})` : `t = ${exact}`;
}

/**
 * "214 graph attaches, 1 graph detach" from counts by singular label, largest first, ties in the
 * order given; `plural` names more than one.
 */
export function countList(counts: ReadonlyMap<string, number>, plural: (label: string) => string = (l) => `${l}s`): string {
  return [...counts.entries()]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([label, n]) => `${formatCount(n)} ${n === 1 ? label : plural(label)}`)
    .join(', ');
}

/** The mean rate of `n` events over `seconds`, per minute or per hour, whichever reads better. */
export function rate(n: number, seconds: number): string {
  if (seconds <= 0 || n === 0) return '';
  const perMin = (n / seconds) * 60;
  return perMin >= 0.1 ? `${formatFixed(perMin, perMin >= 10 ? 0 : 1)}/min` : `${formatFixed(perMin * 60, 1)}/h`;
}
