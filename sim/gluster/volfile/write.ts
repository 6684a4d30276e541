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
  let bare = w.length > 0 && w.charCodeAt(0) !== 35; // '#' would start a comment
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c === 96) throw new Error(`a volfile cannot carry a backtick (${JSON.stringify(w)}): GlusterFS would run it as a command`);
    // blanks, quotes and anything unusual get quoted; the lexer reads them back either way
    if (c <= 32 || c === 34 || c === 127 || (c > 127 && /\s/.test(w[i]!))) bare = false;
  }
  if (bare && !KEYWORDS.has(w)) return w;
  return `"${w.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export function writeVolfile(g: Graph): string {
  // Pieces are pushed separately rather than formatted per line: no intermediate strings for the
  // 57,000 lines of a 1,000-volume legacy volfile.
  const parts: string[] = [];
  for (const xl of g.xlators) {
    if (parts.length > 0) parts.push('\n');
    parts.push('volume ', volfileWord(xl.name), '\n    type ', volfileWord(xl.type), '\n');
    for (const [k, v] of xl.options) parts.push('    option ', volfileWord(k), ' ', volfileWord(v), '\n');
    if (xl.children.length > 0) {
      parts.push('    subvolumes');
      for (const c of xl.children) parts.push(' ', volfileWord(c.name));
      parts.push('\n');
    }
    parts.push('end-volume\n');
  }
  return parts.join('');
}
