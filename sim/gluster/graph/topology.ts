/**
 * How glusterd decides what a regenerated volfile means for a running daemon (reference §1.8, §1.11):
 * byte-identical → nothing to do; same topology → reconfigure options in place (fetchspec);
 * otherwise → replace the graph (detach + attach in a multiplexed shd, restart in a legacy one).
 */
import { createHash } from 'node:crypto';
import { parseVolfile } from '../volfile/parse.js';
import type { Graph } from './graph.js';
import type { Xlator } from './xlator.js';

/**
 * GlusterFS's topology equality: from the two tops, recursively, the same name, the same type and
 * the same number of subvolumes in the same order. Options are not looked at.
 */
export function topologyEqual(a: Graph, b: Graph): boolean {
  return xlatorTopologyEqual(a.top, b.top);
}

export function xlatorTopologyEqual(a: Xlator, b: Xlator): boolean {
  // Iterative, with each pair compared once: a subvolume shared by several parents is not re-walked.
  const stack: [Xlator, Xlator][] = [[a, b]];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    const key = `${x.name}\0${y.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (x.name !== y.name || x.type !== y.type || x.children.length !== y.children.length) return false;
    for (let i = 0; i < x.children.length; i++) stack.push([x.children[i]!, y.children[i]!]);
  }
  return true;
}

export interface OptionChange {
  xlator: string;
  key: string;
  /** undefined: the option was not set before. */
  before?: string;
  /** undefined: the option is no longer set. */
  after?: string;
}

/**
 * Every option that differs between xlators of the same name. Order: xlators in `b`'s file order,
 * then xlators only in `a` (in `a`'s order); within one xlator, `a`'s keys in `a`'s order, then keys
 * new in `b` in `b`'s order. An xlator present in only one graph contributes all of its options.
 */
export function optionsDiff(a: Graph, b: Graph): OptionChange[] {
  const out: OptionChange[] = [];
  const empty = new Map<string, string>();
  const diffOne = (name: string, before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>) => {
    for (const [k, v] of before) {
      const w = after.get(k);
      if (w === v) continue;
      out.push(w === undefined ? { xlator: name, key: k, before: v } : { xlator: name, key: k, before: v, after: w });
    }
    for (const [k, w] of after) if (!before.has(k)) out.push({ xlator: name, key: k, after: w });
  };
  for (const y of b.xlators) diffOne(y.name, a.get(y.name)?.options ?? empty, y.options);
  for (const x of a.xlators) if (!b.get(x.name)) diffOne(x.name, x.options, empty);
  return out;
}

export type VolfileChange =
  | { kind: 'identical' }
  | { kind: 'options-only'; changes: OptionChange[] }
  | { kind: 'topology-changed' };

/**
 * Classifies a volfile change as glusterd does. `identical` means byte-identical (glusterd compares
 * size and checksum). Files that differ in bytes but not in topology are `options-only` even when no
 * option value changed (options reordered, comments or spacing changed): glusterd would rewrite the
 * file and send a fetchspec, and the reconfigure would then change nothing — `changes` is empty.
 * Throws VolfileError when either text does not parse (`oldFile`/`newFile` name them in the error).
 */
export function classifyVolfileChange(oldText: string, newText: string, oldFile = 'old', newFile = 'new'): VolfileChange {
  if (oldText === newText) return { kind: 'identical' };
  const a = parseVolfile(oldText, oldFile);
  const b = parseVolfile(newText, newFile);
  if (!topologyEqual(a, b)) return { kind: 'topology-changed' };
  return { kind: 'options-only', changes: optionsDiff(a, b) };
}

/** sha256 of the volfile's bytes (UTF-8), hex: what the shd keeps per attached volfile. */
export function volfileChecksum(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
