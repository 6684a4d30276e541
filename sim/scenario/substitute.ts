/**
 * `${name}` and `${arithmetic}` substitution in a step string (and in `repeat`, `as`, `every`),
 * before the step is parsed. The result keeps, for each of its characters, the index it came from in
 * the original text, so a later error (in a word, an argument) still points at the right column.
 */
import { hint } from '../suggest.js';
import { ArithError, evaluateArith, type Lookup } from './arith.js';

export interface Substituted {
  readonly text: string;
  /** `origin[i]` is the index in the original text of `text[i]`; `origin[text.length]` is its length. */
  readonly origin: readonly number[];
}

export interface SubstitutionError {
  readonly index: number; // in the original text
  readonly message: string;
  readonly expected?: string;
}

const NAME = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/;

/**
 * Replaces every `${…}` of `text`. A bare name gives the variable's value as written (a string param
 * stays a string); anything else is integer arithmetic. `$name` without braces is left alone: inside
 * `let` and `expect` it is a run-time variable.
 */
export function substitute(text: string, lookup: Lookup, names?: readonly string[]): { result: Substituted; errors: SubstitutionError[] } {
  const errors: SubstitutionError[] = [];
  let out = '';
  const origin: number[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('${', i);
    if (open < 0) break;
    for (let j = i; j < open; j++) origin.push(j);
    out += text.slice(i, open);
    const close = text.indexOf('}', open + 2);
    if (close < 0) {
      errors.push({ index: open, message: `unterminated '\${'`, expected: "'}'" });
      i = text.length;
      break;
    }
    const inner = text.slice(open + 2, close);
    let value = '';
    try {
      const bare = NAME.exec(inner);
      if (bare) {
        const v = lookup(bare[1]!);
        if (v === undefined) throw new ArithError(`undefined name '${bare[1]}'`, inner.indexOf(bare[1]!), 'a param or a loop variable');
        value = String(v);
      } else if (inner.trim() === '') {
        throw new ArithError('empty ${}', 0, 'a name or an integer expression inside ${…}');
      } else {
        value = String(evaluateArith(inner, lookup));
      }
    } catch (err) {
      if (!(err instanceof ArithError)) throw err;
      const e: SubstitutionError = { index: open + 2 + err.index, message: err.message };
      const undef = /^undefined name '(.*)'$/.exec(err.message);
      if (undef && names !== undefined) {
        // Name the names that exist here, and the closest one.
        errors.push({
          ...e,
          message: `${err.message}${hint(undef[1]!, names)}`,
          expected: names.length ? `a param or a loop variable: ${names.join(', ')}` : 'a param or a loop variable; none is defined here',
        });
      } else errors.push(err.expected === undefined ? e : { ...e, expected: err.expected });
    }
    // Substituted characters point at the `$` that produced them.
    for (let j = 0; j < value.length; j++) origin.push(open);
    out += value;
    i = close + 1;
  }
  for (let j = i; j < text.length; j++) origin.push(j);
  out += text.slice(i);
  origin.push(text.length);
  return { result: { text: out, origin }, errors };
}
