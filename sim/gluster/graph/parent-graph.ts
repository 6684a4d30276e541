/**
 * The multiplexed shd's process-level graph (reference §1.10 steps 4–5, §1.11, §1.12 steps 3–5): a
 * synthetic io-stats xlator `glustershd`, never inited, whose children are the tops of the attached
 * volumes' graphs.
 *
 * The linear `next` list. GlusterFS finds xlators by name (`gluster volume heal` looking up
 * `<vol>-replicate-N`) by walking `next` from the active graph's first xlator, so each attach splices
 * the volume's own list into the parent's: the parent top, then the first attached volume's list
 * (its top, then toward the first xlator of its volfile), then the second volume's, and so on. The
 * parent keeps the tail (`lastXlator`) to append the next volume after it; a detach cuts the volume's
 * segment out and mends the list. GlusterFS sets `prev` only when appending after another volume; we
 * keep the list doubly linked throughout (the first volume's top points back at the parent top), so
 * that `check()` can verify every link both ways.
 *
 * Counts and ids. `xlCount` starts at 1 (the parent top) and `leafCount` at 0; both grow and shrink by
 * the attached graphs' counts. `id` grows by 2 per attach and by 1 per detach, as GlusterFS's parent
 * graph id does. `graphId` is the attached graph's own id from a per-process counter (GlusterFS's
 * `ctx->graph_id`, the `N-` prefix of that graph's log lines): 0, 1, 2… in attach order; a replaced
 * graph gets a new one.
 */
import { Graph } from './graph.js';
import { optionsDiff, topologyEqual, type OptionChange } from './topology.js';
import { Xlator } from './xlator.js';

export interface AttachedVolfile {
  readonly volfileId: string;
  readonly graph: Graph;
  /** sha256 of the volfile the graph was built from; an options-only reconfigure updates it. */
  checksum: string;
  readonly graphId: number;
}

export class ParentGraph {
  readonly top: Xlator;
  private readonly attached = new Map<string, AttachedVolfile>();
  private last: Xlator;
  private xl = 1;
  private leaves = 0;
  private graphIdCounter = 0;
  private _id = 0;
  private attachCount = 0;
  private detachCount = 0;

  constructor(name = 'glustershd', type = 'debug/io-stats') {
    this.top = new Xlator(name, type);
    this.last = this.top;
  }

  get xlCount(): number {
    return this.xl;
  }

  get leafCount(): number {
    return this.leaves;
  }

  get id(): number {
    return this._id;
  }

  /** Tail of the `next` list: the parent top when nothing is attached. */
  get lastXlator(): Xlator {
    return this.last;
  }

  /**
   * Links a constructed volume graph under the parent top and appends its xlators to the `next`
   * list. Throws Error when the volfile-id is already attached (the shd would reconfigure instead),
   * when the graph is attached elsewhere, or when it holds a fuse xlator (GlusterFS refuses those).
   */
  attach(volfileId: string, graph: Graph, checksum: string): AttachedVolfile {
    if (this.attached.has(volfileId)) throw new Error(`${volfileId} is already attached`);
    if (graph.attachedTo !== undefined) throw new Error(`the graph of ${volfileId} (top ${graph.top.name}) is already attached`);
    if (graph.xlators.some((x) => x.type === 'mount/fuse')) throw new Error('fuse xlator cannot be specified in volume file');
    this.last.next = graph.top;
    graph.top.prev = this.last;
    this.last = graph.lastXlator;
    this.top.link(graph.top);
    this.xl += graph.xlators.length;
    this.leaves += graph.leafCount;
    this._id += 2;
    this.attachCount++;
    graph.attachedTo = this;
    const entry: AttachedVolfile = { volfileId, graph, checksum, graphId: this.graphIdCounter++ };
    this.attached.set(volfileId, entry);
    return entry;
  }

  /** Unlinks a volume's graph (GlusterFS's detach, before the cleanup thread runs); undefined if not attached. */
  detach(volfileId: string): AttachedVolfile | undefined {
    const entry = this.attached.get(volfileId);
    if (!entry) return undefined;
    const g = entry.graph;
    const before = g.top.prev!;
    const after = g.lastXlator.next;
    before.next = after;
    if (after) after.prev = before;
    else this.last = before;
    g.top.prev = undefined;
    g.lastXlator.next = undefined;
    this.top.unlink(g.top);
    this.xl -= g.xlators.length;
    this.leaves -= g.leafCount;
    this._id += 1;
    this.detachCount++;
    g.attachedTo = undefined;
    this.attached.delete(volfileId);
    return entry;
  }

  /** A topology change: detach the old graph and attach the new one (it goes last in attach order). */
  replace(volfileId: string, graph: Graph, checksum: string): AttachedVolfile {
    if (!this.attached.has(volfileId)) throw new Error(`${volfileId} is not attached`);
    this.detach(volfileId);
    return this.attach(volfileId, graph, checksum);
  }

  /**
   * An options-only change: the attached graph keeps its xlators and takes the new graph's options
   * (children before parents, as GlusterFS reconfigures), and the stored checksum is updated.
   * Returns the changes. Throws Error when not attached or when the topology differs.
   */
  reconfigure(volfileId: string, graph: Graph, checksum: string): OptionChange[] {
    const entry = this.attached.get(volfileId);
    if (!entry) throw new Error(`${volfileId} is not attached`);
    if (!topologyEqual(entry.graph, graph)) throw new Error(`the new graph of ${volfileId} has another topology: replace it instead`);
    const changes = optionsDiff(entry.graph, graph);
    for (const x of entry.graph.depthFirst()) {
      const y = graph.get(x.name)!;
      x.options.clear();
      for (const [k, v] of y.options) x.options.set(k, v);
    }
    entry.checksum = checksum;
    return changes;
  }

  get(volfileId: string): AttachedVolfile | undefined {
    return this.attached.get(volfileId);
  }

  /** Attached volfiles in attach order. */
  entries(): AttachedVolfile[] {
    return [...this.attached.values()];
  }

  /** Walks the `next` list from the parent top, as GlusterFS's lookup by name does. */
  findXlator(name: string): Xlator | undefined {
    for (let x: Xlator | undefined = this.top; x; x = x.next) if (x.name === name) return x;
    return undefined;
  }

  /** Every inconsistency between the children, the `next`/`prev` list, the counts and the tail; [] if none. */
  check(): string[] {
    const p: string[] = [];
    const entries = this.entries();
    const tops = this.top.children;
    if (tops.length !== entries.length) p.push(`parent top has ${tops.length} children but ${entries.length} volfiles are attached`);
    for (let i = 0; i < Math.min(tops.length, entries.length); i++) {
      if (tops[i] !== entries[i]!.graph.top) p.push(`child ${i} of the parent top is ${tops[i]!.name}, expected ${entries[i]!.graph.top.name} (${entries[i]!.volfileId})`);
    }
    for (const e of entries) {
      if (!e.graph.top.parents.includes(this.top)) p.push(`${e.volfileId}: top ${e.graph.top.name} does not list the parent top as a parent`);
      if (e.graph.attachedTo !== this) p.push(`${e.volfileId}: graph not marked as attached here`);
    }
    if (this.top.prev !== undefined) p.push('the parent top has a prev link');
    // The expected list: parent top, then each attached graph's own list (top → … → first xlator).
    const expected: Xlator[] = [this.top];
    for (const e of entries) for (let i = e.graph.xlators.length - 1; i >= 0; i--) expected.push(e.graph.xlators[i]!);
    // Walk at most one step past the expected length, so that a cycle cannot hang the check.
    const actual: Xlator[] = [];
    for (let x: Xlator | undefined = this.top; x && actual.length <= expected.length; x = x.next) actual.push(x);
    const firstWrong = actual.findIndex((x, i) => x !== expected[i]);
    if (firstWrong >= 0 && firstWrong < expected.length) {
      p.push(`next list position ${firstWrong} is ${actual[firstWrong]!.name}, expected ${expected[firstWrong]!.name}`);
    } else if (actual.length !== expected.length) {
      p.push(`next list has ${actual.length > expected.length ? 'more than ' : ''}${Math.min(actual.length, expected.length)} xlators, expected ${expected.length}`);
    }
    for (const x of actual) if (x.next && x.next.prev !== x) p.push(`${x.next.name}.prev is ${x.next.prev?.name ?? 'unset'}, expected ${x.name}`);
    const tail = expected[expected.length - 1]!;
    if (this.last !== tail) p.push(`lastXlator is ${this.last.name}, expected ${tail.name}`);
    if (this.last.next !== undefined) p.push(`lastXlator ${this.last.name} has a next link`);
    if (this.xl !== expected.length) p.push(`xlCount is ${this.xl}, expected ${expected.length}`);
    const leaves = entries.reduce((s, e) => s + e.graph.leafCount, 0);
    if (this.leaves !== leaves) p.push(`leafCount is ${this.leaves}, expected ${leaves}`);
    if (this._id !== 2 * this.attachCount + this.detachCount) p.push(`id is ${this._id}, expected ${2 * this.attachCount + this.detachCount}`);
    return p;
  }
}
