/**
 * The "Final graph" block GlusterFS logs when it activates a graph (reference §2.4): a header, a
 * rule, the graph printed as a volfile with every line numbered (`%3d: `), an empty numbered line
 * after each block, and a closing rule. The walk is depth-first from the top, children before their
 * parents, each xlator once; xlators that the top does not reach are not printed.
 *
 * Option values are printed raw, as GlusterFS does: a value holding a newline stays one numbered line.
 */
import type { Graph } from '../graph/graph.js';

export const FINAL_GRAPH_HEADER = 'Final graph:';
export const FINAL_GRAPH_RULE = `+${'-'.repeat(78)}+`;

function num(n: number): string {
  return n < 100 ? String(n).padStart(3) : String(n);
}

export function finalGraphDump(g: Graph): string[] {
  const out = [FINAL_GRAPH_HEADER, FINAL_GRAPH_RULE];
  let n = 0;
  const line = (text: string) => out.push(`${num(++n)}: ${text}`);
  for (const xl of g.depthFirst()) {
    line(`volume ${xl.name}`);
    line(`    type ${xl.type}`);
    for (const [k, v] of xl.options) line(`    option ${k} ${v}`);
    if (xl.children.length > 0) line(`    subvolumes ${xl.children.map((c) => c.name).join(' ')}`);
    line('end-volume');
    line(' ');
  }
  out.push(FINAL_GRAPH_RULE);
  return out;
}

/**
 * Lines and bytes (UTF-8, one newline per line) of finalGraphDump(g), without building it: the
 * model charges every graph attach for its log volume.
 */
export function finalGraphDumpSize(g: Graph): { lines: number; bytes: number } {
  let n = 0;
  let bytes = 0;
  // Each numbered line: its number (at least 3 wide), ": ", the text, "\n".
  const add = (textBytes: number) => {
    n++;
    bytes += (n < 100 ? 3 : digits(n)) + 2 + textBytes + 1;
  };
  for (const xl of g.depthFirst()) {
    add(7 + utf8Length(xl.name)); // "volume X"
    add(9 + utf8Length(xl.type)); // "    type T"
    for (const [k, v] of xl.options) add(12 + utf8Length(k) + utf8Length(v)); // "    option k v"
    if (xl.children.length > 0) {
      let b = 14; // "    subvolumes"
      for (const c of xl.children) b += 1 + utf8Length(c.name);
      add(b);
    }
    add(10); // "end-volume"
    add(1); // " "
  }
  const fixed = FINAL_GRAPH_HEADER.length + 1 + 2 * (FINAL_GRAPH_RULE.length + 1);
  return { lines: n + 3, bytes: bytes + fixed };
}

function digits(n: number): number {
  let d = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    d++;
  }
  return d;
}

/** UTF-8 length of a JS string, as Buffer.byteLength counts it (a lone surrogate is 3 bytes). */
function utf8Length(s: string): number {
  let b = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      b += 1;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      b += 2; // a surrogate pair: two code units, four bytes
      i++;
    } else {
      b += 2;
    }
  }
  return b;
}
