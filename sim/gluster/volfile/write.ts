/**
 * Writes a graph as a volfile in glusterd's layout: one block per xlator in file order, 4-space
 * indentation, options before the subvolumes line, one empty line between blocks and none after the
 * last (the layout of GlusterFS's sample volfiles; the reference's reconstructed shd example leaves
 * the empty lines out, but its log-volume figure — "lines in the volfile + 4" per Final graph dump —
 * only holds with them).
 */
import type { Graph } from '../graph/graph.js';

const KEYWORDS = new Set(['volume', 'type', 'end-volume', 'subvolumes', 'Subvolumes', 'option']);

/** A word as the lexer reads it back: bare when it can be, else quoted with `\` escapes. */
export function volfileWord(w: string): string {
  if (w.includes('`')) throw new Error(`a volfile cannot carry a backtick (${JSON.stringify(w)}): GlusterFS would run it as a command`);
  if (w !== '' && !/[\s"]/.test(w) && w[0] !== '#' && !KEYWORDS.has(w)) return w;
  return `"${w.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export function writeVolfile(g: Graph): string {
  const parts: string[] = [];
  for (const xl of g.xlators) {
    if (parts.length > 0) parts.push('\n');
    parts.push(`volume ${volfileWord(xl.name)}\n    type ${volfileWord(xl.type)}\n`);
    for (const [k, v] of xl.options) parts.push(`    option ${volfileWord(k)} ${volfileWord(v)}\n`);
    if (xl.children.length > 0) {
      let line = '    subvolumes';
      for (const c of xl.children) line += ` ${volfileWord(c.name)}`;
      parts.push(`${line}\n`);
    }
    parts.push('end-volume\n');
  }
  return parts.join('');
}
