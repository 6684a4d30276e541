/**
 * The integer arithmetic of `${…}`: `${i+1}`, `${volumes*2}`, `${(i-1)%3+1}`. Operators `+ - * / %`
 * with the usual precedence, parentheses and unary minus; `/` divides and truncates toward zero and
 * `%` keeps the sign of the dividend, as bash's `$(( ))` does. A param holding a duration (`60s`,
 * `2h`) counts as its number of seconds, so `${duration / churn_every}` is a count of periods.
 */
import { parseDuration, US_PER_S } from '../engine/time.js';
import { excerpt, MAX_NESTING } from './limits.js';

/** A failure at `index` (0-based, inside the expression text). */
export class ArithError extends Error {
  constructor(
    message: string,
    readonly index: number,
    readonly expected?: string,
  ) {
    super(message);
  }
}

/** Looks a name up; returns undefined when it is not defined. */
export type Lookup = (name: string) => string | number | undefined;

interface Token {
  readonly kind: 'int' | 'name' | 'op' | 'end';
  readonly text: string;
  readonly index: number;
}

const WORD = /(\d+)|([A-Za-z_][A-Za-z0-9_]*)/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    WORD.lastIndex = i; // sticky: no copy of the rest of the text per token
    const m = WORD.exec(text);
    if (m) {
      tokens.push({ kind: m[1] !== undefined ? 'int' : 'name', text: m[0], index: i });
      i += m[0].length;
    } else if ('+-*/%()'.includes(c)) {
      tokens.push({ kind: 'op', text: c, index: i });
      i++;
    } else {
      throw new ArithError(`unexpected '${c}' in \${${excerpt(text)}}`, i, 'a name, an integer, + - * / % or parentheses');
    }
  }
  tokens.push({ kind: 'end', text: '', index: text.length });
  return tokens;
}

/** Evaluates `text` (the inside of `${…}`) to an integer. */
export function evaluateArith(full: string, lookup: Lookup): number {
  const text = excerpt(full); // as messages quote it
  const tokens = tokenize(full);
  let k = 0;
  let depth = 0;
  const peek = () => tokens[k]!;
  const next = () => tokens[k++]!;

  const primary = (): number => {
    const t = next();
    if ((t.text === '(' || t.text === '-' || t.text === '+') && ++depth > MAX_NESTING) {
      throw new ArithError(`parentheses or signs nested more than ${MAX_NESTING} deep in \${${text}}`, t.index, 'a simpler expression');
    }
    try {
      return primaryAfter(t);
    } finally {
      if (t.text === '(' || t.text === '-' || t.text === '+') depth--;
    }
  };

  const primaryAfter = (t: Token): number => {
    if (t.kind === 'int') return checked(Number(t.text), t);
    if (t.kind === 'name') {
      const v = lookup(t.text);
      if (v === undefined) throw new ArithError(`undefined name '${t.text}'`, t.index, 'a param or a loop variable');
      const n = typeof v === 'number' ? v : /^-?\d+$/.test(v.trim()) ? Number(v) : durationSeconds(v);
      if (!Number.isSafeInteger(n)) throw new ArithError(`'${t.text}' is ${JSON.stringify(v)}, not an integer`, t.index, 'an integer value (or a whole number of seconds) for arithmetic');
      return n;
    }
    if (t.text === '(') {
      const v = sum();
      const close = next();
      if (close.text !== ')') throw new ArithError(`missing ')' in \${${text}}`, close.index, "')'");
      return v;
    }
    if (t.text === '-') return checked(-primary(), t);
    if (t.text === '+') return primary();
    throw new ArithError(t.kind === 'end' ? `incomplete expression \${${text}}` : `unexpected '${t.text}' in \${${text}}`, t.index, 'a name, an integer or (');
  };

  const product = (): number => {
    let v = primary();
    while ('*/%'.includes(peek().text) && peek().kind === 'op') {
      const op = next();
      const r = primary();
      if ((op.text === '/' || op.text === '%') && r === 0) throw new ArithError(`division by zero in \${${text}}`, op.index, 'a non-zero divisor');
      v = checked(op.text === '*' ? v * r : op.text === '/' ? Math.trunc(v / r) : v % r, op);
    }
    return v;
  };

  const sum = (): number => {
    let v = product();
    while ((peek().text === '+' || peek().text === '-') && peek().kind === 'op') {
      const op = next();
      const r = product();
      v = checked(op.text === '+' ? v + r : v - r, op);
    }
    return v;
  };

  const checked = (v: number, at: Token): number => {
    if (!Number.isSafeInteger(v)) throw new ArithError(`integer overflow in \${${text}}`, at.index, 'a result below 2^53');
    return v === 0 ? 0 : v; // no -0 in the text
  };

  const value = sum();
  const rest = peek();
  if (rest.kind !== 'end') throw new ArithError(`unexpected '${rest.text}' in \${${text}}`, rest.index, 'an operator + - * / % or the end of the expression');
  return value;
}

/** Whole seconds of a duration such as `90s` or `2h`; NaN when it is not one. */
function durationSeconds(text: string): number {
  const us = parseDuration(text);
  return us !== null && us % US_PER_S === 0 ? us / US_PER_S : NaN;
}
