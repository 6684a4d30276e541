/**
 * Writes volfiles in glusterd's layout: one block per xlator, 4-space indentation, options before
 * the subvolumes line, one empty line between blocks and none after the last (the layout of
 * GlusterFS's sample volfiles; the reference's reconstructed shd example leaves the empty lines out,
 * but its log-volume figure — "lines in the volfile + 4" per Final graph dump — only holds with them).
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

/**
 * Accumulates a volfile block by block. One piece per line, and each distinct option line built
 * once: generated volfiles repeat most option lines in every client block, and a 1,000-volume legacy
 * volfile has 57,000 lines.
 */
export class VolfileWriter {
  private readonly parts: string[] = [];
  private readonly lines = new Map<string, Map<string, string>>();

  volume(name: string, type: string): void {
    this.parts.push(`${this.parts.length > 0 ? '\n' : ''}volume ${volfileWord(name)}\n    type ${volfileWord(type)}\n`);
  }

  option(k: string, v: string): void {
    let byValue = this.lines.get(k);
    if (!byValue) this.lines.set(k, (byValue = new Map()));
    let line = byValue.get(v);
    if (line === undefined) byValue.set(v, (line = `    option ${volfileWord(k)} ${volfileWord(v)}\n`));
    this.parts.push(line);
  }

  /** The subvolumes line and end-volume (no subvolumes line for a leaf). */
  end(subvolumes: readonly string[]): void {
    if (subvolumes.length > 0) {
      let line = '    subvolumes';
      for (const s of subvolumes) line += ` ${volfileWord(s)}`;
      this.parts.push(`${line}\nend-volume\n`);
    } else {
      this.parts.push('end-volume\n');
    }
  }

  text(): string {
    return this.parts.join('');
  }
}

/** A graph as a volfile, xlators in file order. */
export function writeVolfile(g: Graph): string {
  const w = new VolfileWriter();
  for (const xl of g.xlators) {
    w.volume(xl.name, xl.type);
    for (const [k, v] of xl.options) w.option(k, v);
    w.end(xl.children.map((c) => c.name));
  }
  return w.text();
}
