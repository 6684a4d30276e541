/**
 * An error the file's text did not cause: `--set volumes=abc` makes `repeat: ${volumes}` a bad repeat
 * count, but the line is right and the flag is wrong. Errors found where the text substitutes an
 * overridden param are reported against the flag — `--set volumes=abc: bad repeat count 'abc' …` —
 * with where the file uses it, and reported once however many places use it.
 */
import { UserError } from '../errors.js';

const WORD = /^(?:\$\{[^}]*\}|\S)+/;
const SUBST = /\$\{([^}]*)\}/g;

/** The offset in `text` of 1-based `line`, `col`; null when out of range. */
function offsetOf(text: string, line: number, col: number): number | null {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return null;
    at = nl + 1;
  }
  return at + col - 1 <= text.length ? at + col - 1 : null;
}

/**
 * Rewrites `errors` (from loading `file`): an error positioned on a word of the text that
 * substitutes one of `overridden` (param name → the --set value) becomes an error of the flag.
 * Others are returned as they are.
 */
export function blameOverrides(errors: readonly UserError[], file: string, text: string, overridden: ReadonlyMap<string, string>): UserError[] {
  if (overridden.size === 0) return [...errors];
  const out: UserError[] = [];
  const byFlag = new Map<string, { flag: string; name: string; message: string; uses: string[]; index: number }>();
  for (const e of errors) {
    const m = e.where ? /^(.*):(\d+):(\d+)$/.exec(e.where) : null;
    const offset = m && m[1] === file ? offsetOf(text, Number(m[2]), Number(m[3])) : null;
    const word = offset === null ? null : (WORD.exec(text.slice(offset))?.[0] ?? null);
    const name = word === null ? undefined : [...word.matchAll(SUBST)].flatMap((s) => [...overridden.keys()].filter((n) => new RegExp(`(^|[^A-Za-z0-9_])${n}([^A-Za-z0-9_]|$)`).test(s[1]!)))[0];
    if (name === undefined) {
      out.push(e);
      continue;
    }
    const flag = `--set ${name}=${overridden.get(name)}`;
    const key = `${flag}\u0000${e.message}`;
    let entry = byFlag.get(key);
    if (!entry) {
      entry = { flag, name, message: e.message, uses: [], index: out.length };
      byFlag.set(key, entry);
      out.push(e); // placeholder, replaced below
    }
    entry.uses.push(`${m![2]}:${m![3]}`);
  }
  for (const entry of byFlag.values()) {
    const u = entry.uses;
    const uses = u.length === 1 ? u[0] : u.length <= 3 ? `${u.slice(0, -1).join(', ')} and ${u[u.length - 1]}` : `${u.slice(0, 3).join(', ')} and ${u.length - 3} more`;
    out[entry.index] = new UserError(`${entry.flag}: ${entry.message}, where the file uses \${${entry.name}} (line:col ${uses})`, file);
  }
  return out;
}
