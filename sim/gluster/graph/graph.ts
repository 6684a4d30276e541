/**
 * A translator graph: the xlators of one volfile, in file order, with the last one as the top (the
 * parser pushes each new volume in front of the list, so the last volume defined becomes `first`).
 */
import { Xlator } from './xlator.js';

export const CLIENT_TYPE = 'protocol/client';
export const REPLICATE_TYPE = 'cluster/replicate';
export const DISPERSE_TYPE = 'cluster/disperse';

export class Graph {
  readonly top: Xlator;
  /** File order (definition order). */
  readonly xlators: readonly Xlator[];
  /** Protocol/client xlators: what the shd counts down on cleanup (`graph_total_client_xlator`). */
  readonly clientCount: number;
  /** Xlators without subvolumes. */
  readonly leafCount: number;
  /**
   * Tail of the `next` list. The list runs top → … → first-defined xlator, so this is the first
   * xlator of the file; a multiplexed shd appends the next attached volume after it.
   */
  readonly lastXlator: Xlator;
  /** Set while a multiplexed shd's parent graph holds this graph (see parent-graph.ts). */
  attachedTo: object | undefined;
  private readonly byName = new Map<string, Xlator>();

  /**
   * `xlators` in file order, already linked; names must be unique and every child must be one of
   * them (the parser guarantees both; a builder that breaks them has a bug, hence plain Errors).
   */
  constructor(xlators: readonly Xlator[]) {
    if (xlators.length === 0) throw new Error('a graph needs at least one xlator');
    this.xlators = xlators;
    let clients = 0;
    let leaves = 0;
    for (const xl of xlators) {
      if (this.byName.has(xl.name)) throw new Error(`xlator '${xl.name}' defined twice in one graph`);
      this.byName.set(xl.name, xl);
      if (xl.type === CLIENT_TYPE) clients++;
      if (xl.children.length === 0) leaves++;
    }
    for (const xl of xlators) {
      for (const c of xl.children) {
        if (this.byName.get(c.name) !== c) throw new Error(`xlator '${xl.name}' has subvolume '${c.name}' from outside the graph`);
      }
    }
    // The linear list: top first, then toward earlier definitions.
    for (let i = xlators.length - 1; i >= 0; i--) {
      const xl = xlators[i]!;
      xl.next = i > 0 ? xlators[i - 1] : undefined;
      xl.prev = i < xlators.length - 1 ? xlators[i + 1] : undefined;
    }
    this.top = xlators[xlators.length - 1]!;
    this.lastXlator = xlators[0]!;
    this.clientCount = clients;
    this.leafCount = leaves;
    this.attachedTo = undefined;
  }

  get(name: string): Xlator | undefined {
    return this.byName.get(name);
  }

  /** Protocol/client xlators in file order. */
  clients(): Xlator[] {
    return this.xlators.filter((x) => x.type === CLIENT_TYPE);
  }

  /** cluster/replicate and cluster/disperse xlators in file order: the ones that run index healers. */
  clusters(): Xlator[] {
    return this.xlators.filter((x) => x.type === REPLICATE_TYPE || x.type === DISPERSE_TYPE);
  }

  /**
   * The xlators reachable from the top, depth first, children before parents, each once: the order
   * of GlusterFS's graph dump, which for a volfile whose subvolumes are always defined just before
   * their parent (every generated one) is file order.
   */
  depthFirst(): Xlator[] {
    const out: Xlator[] = [];
    const seen = new Set<Xlator>();
    // Iterative post-order: a long chain of xlators must not exhaust the JS stack.
    const stack: { xl: Xlator; i: number }[] = [{ xl: this.top, i: 0 }];
    seen.add(this.top);
    while (stack.length > 0) {
      const f = stack[stack.length - 1]!;
      if (f.i < f.xl.children.length) {
        const c = f.xl.children[f.i++]!;
        if (!seen.has(c)) {
          seen.add(c);
          stack.push({ xl: c, i: 0 });
        }
      } else {
        stack.pop();
        out.push(f.xl);
      }
    }
    return out;
  }
}

/**
 * Structural equality: same xlators by name, same types, same options (the set of key/value pairs;
 * their order does not matter), same subvolumes in the same order, same top.
 */
export function graphsEqual(a: Graph, b: Graph): boolean {
  if (a.xlators.length !== b.xlators.length || a.top.name !== b.top.name) return false;
  for (const x of a.xlators) {
    const y = b.get(x.name);
    if (!y || y.type !== x.type || y.options.size !== x.options.size) return false;
    for (const [k, v] of x.options) if (y.options.get(k) !== v) return false;
    if (y.children.length !== x.children.length) return false;
    for (let i = 0; i < x.children.length; i++) if (x.children[i]!.name !== y.children[i]!.name) return false;
  }
  return true;
}
