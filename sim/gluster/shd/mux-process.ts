/**
 * The multiplexed shd (GlusterFS ≥ 7, `--process-name glustershd`): volfile ids live in `volfiles`
 * (ctx->volfile_list) under a synthetic parent graph; attach and detach arrive as svc RPCs from glusterd,
 * and an attach of a known id is "no change" (same checksum), an options reconfigure (same topology) or
 * a detach + attach (topology changed). Reference §1.9–§1.12.
 */
import { check } from '../../engine/assert.js';
import { sleep, type ProcessBody } from '../../engine/process.js';
import { ParentGraph } from '../graph/parent-graph.js';
import { topologyEqual, volfileChecksum } from '../graph/topology.js';
import type { Graph } from '../graph/graph.js';
import { SHD } from '../logs/catalogue.js';
import type { SvcReply, SvcRequest } from '../rpc/protocol.js';
import { GraphRuntime } from './graph-runtime.js';
import { ShdProcess } from './shd-process.js';

/** Bytes leaked per attach RPC (F19: the serialised dict, 89 B; fixed only after 10.0). */
export const ATTACH_LEAK_BYTES = 89;

export class MuxShdProcess extends ShdProcess {
  /** The synthetic `glustershd` parent graph (ctx->active), created with the first graph. */
  parent: ParentGraph | null = null;
  /** Attach RPCs received (each leaks ATTACH_LEAK_BYTES: F19). */
  attachRpcs = 0;
  /** The parent graph's id and graphsVersion when check() last found them consistent. */
  private checkedAt = { parent: -1, graphs: -1 };

  protected readonly extraArgs = ' --process-name glustershd --client-pid=-6';

  protected get hasGraph(): boolean {
    return this.volfiles.size > 0;
  }

  protected *volfileFetched(volfileId: string, content: string, pidfile: string | undefined): ProcessBody<void> {
    yield* this.processVolfile(volfileId, content, pidfile);
  }

  protected *handleSvc(request: Exclude<SvcRequest, { proc: 'heal' }>): ProcessBody<SvcReply> {
    if (request.proc === 'attach') return yield* this.handleAttach(request.volfileId, request.volfile, request.pidfile);
    return this.handleDetach(request.volfileId);
  }

  /** GLUSTERD_SVC_ATTACH ("ATTACH CLIENT"): returns the reply's op_ret. */
  private *handleAttach(volfileId: string, content: string, pidfile: string): ProcessBody<SvcReply> {
    this.attachRpcs++;
    this.log('0-glusterfs', SHD.attachReceived, { id: volfileId });
    if (!this.parent && this.cluster.hasFault('attach-before-graph')) {
      // GlusterFS 7 (F4): no active graph yet, so the attach is skipped — but acknowledged as success.
      this.log('0-glusterfs', SHD.attachNoGraph, { id: volfileId });
      this.cluster.sim.emit('attach-ignored', `${this.node.name}/${volfileId}`);
      return 0;
    }
    return yield* this.processVolfile(volfileId, content, pidfile);
  }

  /** mgmt_process_volfile: same checksum → nothing; unknown id → attach; else reconfigure or replace. */
  private *processVolfile(volfileId: string, content: string, pidfile: string | undefined): ProcessBody<SvcReply> {
    const checksum = volfileChecksum(content);
    const known = this.volfiles.get(volfileId);
    if (known && known.checksum === checksum) {
      this.log('0-glusterfs', SHD.noChange, undefined);
      return 0;
    }
    const graph = this.parse(content, volfileId);
    if (!graph) return -1;
    if (!known) {
      yield* this.attachGraph(volfileId, graph, checksum, pidfile);
      return 0;
    }
    if (topologyEqual(known.graph, graph)) {
      known.reconfigureInPlace(graph, checksum);
      const attached = this.parent?.get(volfileId);
      if (attached) attached.checksum = checksum;
      this.cluster.counters.graphReconfigures++;
      for (const v of known.volumes()) this.cluster.event('reconfigure', this.node.name, v, this.pid, volfileId);
      return 0;
    }
    // Topology changed: a full replacement of this volume's graph; other volumes are untouched.
    this.detachGraph(known);
    yield* this.attachGraph(volfileId, graph, checksum, pidfile);
    return 0;
  }

  /** glusterfs_process_svc_attach_volfp: build, link under the parent graph, dump, PARENT_UP. */
  private *attachGraph(volfileId: string, graph: Graph, checksum: string, pidfile: string | undefined): ProcessBody<void> {
    yield sleep(graph.xlators.length * this.cluster.config.graph_init_time_per_xlator);
    if (!this.alive) return;
    if (!this.parent) this.parent = new ParentGraph('glustershd', 'debug/io-stats');
    // Two attaches of one id racing through the init sleep would both link a graph.
    check(this.cluster.sim, !this.volfiles.has(volfileId), () => `shd ${this.pid}: ${volfileId} attached twice`);
    const rt = new GraphRuntime(this, graph, volfileId, this.nextGraphId++, checksum);
    this.parent.attach(volfileId, graph, checksum);
    this.volfiles.set(volfileId, rt);
    this.graphsVersion++;
    this.graphs.add(rt);
    if (pidfile) this.updateMuxPid(pidfile);
    this.dumpGraph(graph);
    this.cluster.counters.graphAttaches++;
    for (const v of rt.volumes()) this.cluster.event('attach', this.node.name, v, this.pid, volfileId);
    rt.parentUp();
  }

  /** glusterfs_update_mux_pid: the process writes its pid into the volume's pidfile. */
  private updateMuxPid(pidfile: string): void {
    const old = this.node.runFiles.get(pidfile);
    if (old !== undefined && old !== this.pid) this.log('0-glusterfs', SHD.oldPid, { old, file: pidfile, pid: this.pid });
    this.node.runFiles.set(pidfile, this.pid);
  }

  /** GLUSTERD_SVC_DETACH ("DETACH CLIENT"): replies at once; the cleanup runs on its own thread. */
  private handleDetach(volfileId: string): SvcReply {
    const rt = this.volfiles.get(volfileId);
    if (!rt) {
      this.log('0-glusterfs', SHD.detachNotFound, { id: volfileId });
      return 0;
    }
    this.detachGraph(rt);
    return 0;
  }

  /** glusterfs_process_svc_detach: unlink from the parent graph, start graph_clean. */
  private detachGraph(rt: GraphRuntime): void {
    this.log('0-glusterfs', SHD.detaching, { id: rt.volfileId });
    this.volfiles.delete(rt.volfileId);
    this.graphsVersion++;
    const unlinked = this.parent?.detach(rt.volfileId);
    check(this.cluster.sim, unlinked !== undefined, () => `shd ${this.pid}: detaching ${rt.volfileId}, which is not under the parent graph`);
    this.cluster.counters.graphDetaches++;
    for (const v of rt.volumes()) this.cluster.event('detach', this.node.name, v, this.pid, rt.volfileId);
    this.scope.spawn(`glustershd ${this.pid} graph_clean ${rt.id}`, rt.cleanup());
  }

  graphOf(volume: string): GraphRuntime | undefined {
    return this.volfiles.get(`shd/${volume}`);
  }

  isAttached(volume: string): boolean {
    const g = this.graphOf(volume);
    return g !== undefined && g.state === 'active' && this.parent?.get(`shd/${volume}`) !== undefined;
  }

  attachedVolumes(): number {
    return this.volfiles.size;
  }

  get ownXlators(): number {
    return this.parent ? 1 : 0; // the synthetic glustershd io-stats
  }

  get leakedBytes(): number {
    return this.attachRpcs * ATTACH_LEAK_BYTES;
  }

  /** xlator_search_by_name along the parent graph's `next` chain. */
  protected reachable(name: string): boolean {
    return this.parent?.findXlator(name) !== undefined;
  }

  /**
   * The parent graph's links and counts, and every listed volfile attached under it and active —
   * walked again only after they changed (the parent graph's id moves with every attach and detach,
   * graphsVersion with every change of the volfile list).
   */
  check(): string | undefined {
    const parent = this.parent;
    const parentId = parent ? parent.id : -1;
    if (parentId === this.checkedAt.parent && this.graphsVersion === this.checkedAt.graphs) return undefined;
    if (parent) {
      const problems = parent.check();
      if (problems.length) return `shd ${this.pid}: ${problems.join('; ')}`;
    }
    for (const rt of this.volfiles.values()) {
      if (parent && !parent.get(rt.volfileId)) return `shd ${this.pid}: ${rt.volfileId} in the volfile list but not in the parent graph`;
      if (rt.state !== 'active') return `shd ${this.pid}: ${rt.volfileId} listed but its graph is ${rt.state}`;
    }
    this.checkedAt = { parent: parentId, graphs: this.graphsVersion };
    return undefined;
  }
}
