/**
 * The daemons of a run, as the observers see them (observables, samples, invariants, tests): the
 * glusterds by node, and the live shd processes by node. The daemons themselves never look each other
 * up here — glusterd and the shd meet only through their nodes' socket tables and the rpc layer.
 */
import type { Cluster } from './cluster.js';
import { Glusterds, type Glusterd } from './glusterd/glusterd.js';
import type { ShdProcess } from './shd/shd-process.js';

export class Daemons {
  readonly glusterds = new Glusterds();
  /** Live shd processes by node, in start order (at most one per node, except transiently in legacy restarts). */
  readonly shds = new Map<string, ShdProcess[]>();
  /** The node names, and their lists of `shds`, in node order (for loops that must not allocate). */
  readonly nodeNames: readonly string[];
  readonly shdLists: readonly ShdProcess[][];

  constructor(readonly cluster: Cluster) {
    for (const name of cluster.nodes.keys()) this.shds.set(name, []);
    this.nodeNames = [...cluster.nodes.keys()];
    this.shdLists = this.nodeNames.map((n) => this.shds.get(n)!);
  }

  /** The running glusterd of `node`, if its host is up and the daemon alive. */
  glusterd(node: string): Glusterd | undefined {
    return this.glusterds.up(node);
  }

  liveShds(node: string): ShdProcess[] {
    return this.shds.get(node) ?? [];
  }
}
