/**
 * Bash brace expansion of one word: `{1..5}`, `{5..1}`, `{01..10}` (zero padded), `{1..10..2}`,
 * `{a..e}`, `{a,b,c}`, with prefix and suffix (`h{1..3}:/b/v0`), several braces in one word (cartesian
 * product, leftmost varying slowest, as bash orders it) and nesting (`{a,b{1..2}}`). A brace pair that
 * is no valid expression (`{a}`, `{}`, `{1..x}`) stays as written, as in bash.
 *
 * The word is scanned once: matching pairs and their top-level commas come from one pass with a stack,
 * so a word of 60,000 `{` takes milliseconds (the scan used to be quadratic), and nesting deeper than
 * MAX_NESTING is refused rather than recursed into.
 */
import { excerpt, MAX_NESTING } from './limits.js';

/** A word that would expand to more than this many words is refused: it is a typo, not a scenario. */
export const MAX_WORDS = 1_000_000;

export class BraceError extends Error {}

/** Expands `word` into one or more words. Throws BraceError when the result would be too large. */
export function expandBraces(word: string): string[] {
  if (!word.includes('{')) return [word];
  return expand(word, 0, word);
}

interface Pair {
  readonly open: number;
  readonly close: number;
  /** The commas directly inside this pair (not inside a nested one). */
  readonly commas: readonly number[];
  /** Another pair lies inside this one. */
  readonly nested: boolean;
}

/** The matching `{…}` pairs of `word`, in order of their `{`. */
function pairs(word: string): Pair[] {
  const stack: { open: number; commas: number[]; nested: boolean }[] = [];
  const out: Pair[] = [];
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === 123 /* { */) stack.push({ open: i, commas: [], nested: false });
    else if (c === 125 /* } */) {
      const p = stack.pop();
      if (!p) continue;
      out.push({ open: p.open, close: i, commas: p.commas, nested: p.nested });
      const parent = stack[stack.length - 1];
      if (parent) parent.nested = true;
    } else if (c === 44 /* , */ && stack.length > 0) stack[stack.length - 1]!.commas.push(i);
  }
  return out.sort((a, b) => a.open - b.open);
}

/**
 * Left to right: each valid expression multiplies the words so far by its alternatives (each of them
 * expanded in turn, one level deeper).
 */
function expand(word: string, depth: number, whole: string): string[] {
  if (depth > MAX_NESTING) throw new BraceError(`braces nested more than ${MAX_NESTING} deep in '${excerpt(whole)}'`);
  let words = [''];
  let from = 0;
  for (const p of pairs(word)) {
    if (p.open < from) continue; // inside an expression already taken
    const items = itemsOf(word, p);
    if (items === null) continue;
    const alternatives = items.flatMap((item) => expand(item, depth + 1, whole));
    if (words.length * alternatives.length > MAX_WORDS) throw new BraceError(`brace expansion of '${excerpt(whole)}' gives more than ${MAX_WORDS} words`);
    const pre = word.slice(from, p.open);
    words = words.flatMap((w) => alternatives.map((a) => w + pre + a));
    from = p.close + 1;
  }
  const rest = word.slice(from);
  return words.map((w) => w + rest);
}

/** The items of a pair that is a valid comma list or sequence (not yet expanded); null otherwise. */
function itemsOf(word: string, p: Pair): string[] | null {
  if (p.commas.length > 0) {
    const items: string[] = [];
    let start = p.open + 1;
    for (const c of p.commas) {
      items.push(word.slice(start, c));
      start = c + 1;
    }
    items.push(word.slice(start, p.close));
    return items;
  }
  // A sequence is short (two integers of at most 16 digits and a step) and holds no brace.
  if (p.nested || p.close - p.open > 64) return null;
  return sequence(word.slice(p.open + 1, p.close));
}

/** `x..y[..step]` with integers or single letters; null when `body` is not one. */
function sequence(body: string): string[] | null {
  const num = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(body);
  const chr = num ? null : /^([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?$/.exec(body);
  const m = num ?? chr;
  if (!m) return null;
  // bash ignores the sign of the step (the direction comes from the ends) and treats 0 as 1.
  const step = Math.abs(Number(m[3] ?? '1')) || 1;
  const from = num ? Number(m[1]) : m[1]!.charCodeAt(0);
  const to = num ? Number(m[2]) : m[2]!.charCodeAt(0);
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) return null;
  if (Math.floor(Math.abs(to - from) / step) + 1 > MAX_WORDS) {
    throw new BraceError(`brace expansion {${body}} gives more than ${MAX_WORDS} words`);
  }
  // Zero padding: when either end is written with a leading zero, every number gets the width of
  // the wider end (`{01..10}` → 01 … 10, `{1..010}` → 001 … 010).
  const padded = num !== null && (/^-?0\d/.test(m[1]!) || /^-?0\d/.test(m[2]!));
  const width = padded ? Math.max(m[1]!.length, m[2]!.length) : 0;
  const out: string[] = [];
  const dir = to >= from ? 1 : -1;
  for (let v = from; dir > 0 ? v <= to : v >= to; v += dir * step) {
    out.push(num ? pad(v, width) : String.fromCharCode(v));
  }
  return out;
}

function pad(v: number, width: number): string {
  const digits = String(Math.abs(v));
  const sign = v < 0 ? '-' : '';
  return sign + digits.padStart(width - sign.length, '0');
}
