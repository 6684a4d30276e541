/**
 * Text renderings of a parsed graph for `shdsim volfile parse`: the JSON form of the command-line
 * contract, and a readable tree.
 */
import type { Graph } from '../graph/graph.js';
import type { Xlator } from '../graph/xlator.js';

/**
 * `{ "top", "xlators": [{ "name", "type", "options": {k: v}, "subvolumes": [...] }] }`, xlators in
 * file order, pretty-printed with 2-space indentation like JSON.stringify(…, null, 2) and a trailing
 * newline. Written by hand so that options keep file order even when a key looks like an integer
 * (a JS object would move such keys first).
 */
export function graphJson(g: Graph): string {
  const s = JSON.stringify;
  const out: string[] = ['{', `  "top": ${s(g.top.name)},`];
  if (g.xlators.length === 0) out.push('  "xlators": []');
  else {
    out.push('  "xlators": [');
    g.xlators.forEach((x, i) => {
      out.push('    {');
      out.push(`      "name": ${s(x.name)},`);
      out.push(`      "type": ${s(x.type)},`);
      if (x.options.size === 0) out.push('      "options": {},');
      else {
        out.push('      "options": {');
        let j = 0;
        for (const [k, v] of x.options) out.push(`        ${s(k)}: ${s(v)}${++j < x.options.size ? ',' : ''}`);
        out.push('      },');
      }
      if (x.children.length === 0) out.push('      "subvolumes": []');
      else {
        out.push('      "subvolumes": [');
        x.children.forEach((c, k) => out.push(`        ${s(c.name)}${k + 1 < x.children.length ? ',' : ''}`));
        out.push('      ]');
      }
      out.push(`    }${i + 1 < g.xlators.length ? ',' : ''}`);
    });
    out.push('  ]');
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

/**
 * The graph as a tree from the top, in the style of `tree`:
 *
 *     rep3 (debug/io-stats)
 *     |   log-level = INFO
 *     `-- rep3-replicate-0 (cluster/replicate)
 *         |   afr-pending-xattr = rep3-client-0,rep3-client-1,rep3-client-2
 *         |-- rep3-client-0 (protocol/client)
 *         |       ping-timeout = 42
 *
 * Each xlator shows `name (type)`, its options one per line as `key = value`, then its subvolumes.
 * A subvolume already shown elsewhere (shared by several parents) is shown as `name (see above)`.
 * Xlators the top does not reach follow under "not reachable from the top:". A closing line counts
 * xlators, clients and leaves.
 */
/** Levels of the tree that are indented; deeper ones are marked with their depth instead. */
export const TREE_INDENT_LEVELS = 32;

export function graphTree(g: Graph): string {
  const lines: string[] = [];
  const shown = new Set<Xlator>();
  // Pre-order with an explicit stack: a long chain of xlators must not exhaust the JS stack. Below
  // TREE_INDENT_LEVELS the indentation stops growing (each line then shows its depth as `[N] `), so
  // the output of a 17,000-xlator chain stays linear in its size instead of quadratic (gigabytes).
  const walk = (root: Xlator) => {
    const stack: { x: Xlator; lead: string; branch: string; childLead: string; depth: number }[] = [{ x: root, lead: '', branch: '', childLead: '', depth: 0 }];
    while (stack.length > 0) {
      const { x, lead, branch, childLead, depth } = stack.pop()!;
      const mark = depth > TREE_INDENT_LEVELS ? `[${depth}] ` : '';
      if (shown.has(x)) {
        lines.push(`${lead}${branch}${mark}${x.name} (see above)`);
        continue;
      }
      shown.add(x);
      lines.push(`${lead}${branch}${mark}${x.name} (${x.type})`);
      const inner = depth >= TREE_INDENT_LEVELS ? lead : lead + childLead;
      const bar = x.children.length > 0 ? '|   ' : '    ';
      for (const [k, v] of x.options) lines.push(`${inner}${bar}${k} = ${v}`.trimEnd());
      for (let i = x.children.length - 1; i >= 0; i--) {
        const lastChild = i === x.children.length - 1;
        stack.push({ x: x.children[i]!, lead: inner, branch: lastChild ? '`-- ' : '|-- ', childLead: lastChild ? '    ' : '|   ', depth: depth + 1 });
      }
    }
  };
  walk(g.top);
  const unreachable = g.xlators.filter((x) => !shown.has(x));
  if (unreachable.length > 0) {
    lines.push('not reachable from the top:');
    for (const x of unreachable) if (!shown.has(x)) walk(x);
  }
  lines.push(`${count(g.xlators.length, 'xlator')}, ${count(g.clientCount, 'client')}, ${count(g.leafCount, 'leaf', 'leaves')}; top ${g.top.name}`);
  return `${lines.join('\n')}\n`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
