/**
 * Bash brace expansion of one word: `{1..5}`, `{5..1}`, `{01..10}` (zero padded), `{1..10..2}`,
 * `{a..e}`, `{a,b,c}`, with prefix and suffix (`h{1..3}:/b/v0`), several braces in one word (cartesian
 * product, leftmost varying slowest, as bash orders it) and nesting (`{a,b{1..2}}`). A brace pair that
 * is no valid expression (`{a}`, `{}`, `{1..x}`) stays as written, as in bash.
 */

/** A word that would expand to more than this many words is refused: it is a typo, not a scenario. */
export const MAX_WORDS = 1_000_000;

export class BraceError extends Error {}

/** Expands `word` into one or more words. Throws BraceError when the result would be too large. */
export function expandBraces(word: string): string[] {
  if (!word.includes('{')) return [word];
  return expand(word);
}

function expand(word: string): string[] {
  const found = firstExpression(word);
  if (!found) return [word];
  const pre = word.slice(0, found.open);
  const alternatives = found.items.flatMap((item) => expand(item));
  const posts = expand(word.slice(found.close + 1));
  if (alternatives.length * posts.length > MAX_WORDS) {
    throw new BraceError(`brace expansion of '${word}' gives more than ${MAX_WORDS} words`);
  }
  const out: string[] = [];
  for (const a of alternatives) for (const p of posts) out.push(pre + a + p);
  return out;
}

/** The leftmost `{…}` that is a valid comma list or sequence, with its items (not yet expanded). */
function firstExpression(word: string): { open: number; close: number; items: string[] } | null {
  for (let open = word.indexOf('{'); open >= 0; open = word.indexOf('{', open + 1)) {
    const close = matching(word, open);
    if (close < 0) continue;
    const body = word.slice(open + 1, close);
    const parts = splitTopLevel(body);
    if (parts.length > 1) return { open, close, items: parts };
    const seq = sequence(body);
    if (seq) return { open, close, items: seq };
  }
  return null;
}

/** Index of the `}` closing the `{` at `open`, counting nested pairs; -1 when unbalanced. */
function matching(word: string, open: number): number {
  let depth = 0;
  for (let i = open; i < word.length; i++) {
    if (word[i] === '{') depth++;
    else if (word[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Splits on the commas that are not inside a nested `{…}`. */
function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
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
