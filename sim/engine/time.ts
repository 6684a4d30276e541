/**
 * Simulated time.
 *
 * The one place that says it: simulated time is an integer number of MICROSECONDS since the start of
 * the run. Integers keep the event order exact (no floating drift between two ways of computing the
 * same instant) and a double holds them exactly up to 2^53 µs, about 285 years.
 */
export type Micros = number;

export const US_PER_MS = 1_000;
export const US_PER_S = 1_000_000;
export const US_PER_MIN = 60 * US_PER_S;
export const US_PER_H = 60 * US_PER_MIN;
export const US_PER_D = 24 * US_PER_H;

/** Whole microseconds from seconds (rounded to the nearest microsecond). */
export function seconds(s: number): Micros {
  return Math.round(s * US_PER_S);
}

export function millis(ms: number): Micros {
  return Math.round(ms * US_PER_MS);
}

/** Seconds, as a float, from microseconds: for reports. */
export function toSeconds(t: Micros): number {
  return t / US_PER_S;
}

const UNITS: Record<string, number> = { us: 1, ms: US_PER_MS, s: US_PER_S, m: US_PER_MIN, h: US_PER_H, d: US_PER_D };

/**
 * Parses a duration such as `45s`, `1.5m`, `100ms`, `2h`, `1d` (a bare integer is seconds).
 * Returns null when the text is not a duration, so callers can word their own error.
 */
export function parseDuration(text: string): Micros | null {
  const m = /^(\d+(?:\.\d+)?)(us|ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) return null;
  const value = Number(m[1]);
  const unit = m[2] ?? 's';
  if (m[2] === undefined && m[1]!.includes('.')) return null;
  return Math.round(value * UNITS[unit]!);
}

/** A short human form for messages: `1h2m3.5s`, `250ms`, `0s`. */
export function formatDuration(t: Micros): string {
  if (t === 0) return '0s';
  const sign = t < 0 ? '-' : '';
  let rest = Math.abs(t);
  if (rest < US_PER_MS) return `${sign}${rest}us`;
  if (rest < US_PER_S) return `${sign}${+(rest / US_PER_MS).toFixed(3)}ms`;
  let out = '';
  const h = Math.floor(rest / US_PER_H);
  if (h) { out += `${h}h`; rest -= h * US_PER_H; }
  const m = Math.floor(rest / US_PER_MIN);
  if (m) { out += `${m}m`; rest -= m * US_PER_MIN; }
  if (rest || !out) out += `${+(rest / US_PER_S).toFixed(6)}s`;
  return sign + out;
}
