/**
 * The legacy shd (GlusterFS ≤ 6): one combined graph of every started replicate/disperse volume
 * (`gluster/glustershd`), reconfigured in place on an options change; glusterd restarts the whole
 * process for anything else. It has no attach or detach procedure: glusterd only asks it to heal.
 */
import { check } from '../../engine/assert.js';
import { sleep, type ProcessBody } from '../../engine/process.js';
import { topologyEqual, volfileChecksum } from '../graph/topology.js';
import { SHD } from '../logs/catalogue.js';
import type { SvcReply, SvcRequest } from '../rpc/protocol.js';
import { GraphRuntime } from './graph-runtime.js';
import { ShdProcess } from './shd-process.js';

export class LegacyShdProcess extends ShdProcess {
  /** The one combined graph (ctx->active). */
  legacyGraph: GraphRuntime | null = null;

  protected readonly extraArgs = '';

  protected get hasGraph(): boolean {
    return this.volfiles.size > 0 || this.legacyGraph !== null;
  }

  protected *handleSvc(request: Exclude<SvcRequest, { proc: 'heal' }>): ProcessBody<SvcReply> {
    // glusterd's legacy service never sends these: reaching here is a model bug.
    check(this.cluster.sim, false, `legacy shd ${this.pid} received a ${request.proc} request`);
    return -1;
  }

  /** A fetched combined volfile: no change, a reconfigure in place, or a new graph. */
  protected *volfileFetched(_volfileId: string, content: string): ProcessBody<void> {
    const checksum = volfileChecksum(content);
    const current = this.legacyGraph;
    if (current && current.checksum === checksum) {
      this.log('0-mgmt', SHD.noChangeLegacy, undefined);
      return;
    }
    const graph = this.parse(content, this.spawn.volfileId);
    if (!graph) return;
    if (current && topologyEqual(current.graph, graph)) {
      current.reconfigureInPlace(graph, checksum);
      this.cluster.counters.graphReconfigures++;
      for (const v of current.volumes()) this.cluster.event('reconfigure', this.node.name, v, this.pid, this.spawn.volfileId);
      return;
    }
    if (current) {
      // A graph switch in place (GlusterFS avoids it by restarting the process; kept for completeness).
      current.kill();
      this.graphs.delete(current);
      this.volfiles.delete(this.spawn.volfileId);
      this.graphsVersion++;
    }
    yield sleep(graph.xlators.length * this.cluster.config.graph_init_time_per_xlator);
    if (!this.alive) return;
    const rt = new GraphRuntime(this, graph, this.spawn.volfileId, this.nextGraphId++, checksum);
    this.legacyGraph = rt;
    this.volfiles.set(this.spawn.volfileId, rt);
    this.graphsVersion++;
    this.graphs.add(rt);
    this.dumpGraph(graph);
    // Every volume's graph is (re)built with the process: each counts as an attach; the timeline gets
    // one event for the lot (a restart with 100 volumes is one moment, not 100).
    const volumes = rt.volumes();
    this.cluster.counters.graphAttaches += volumes.length;
    this.cluster.event('attach', this.node.name, '', this.pid, `${volumes.length} volumes`);
    rt.parentUp();
  }

  graphOf(volume: string): GraphRuntime | undefined {
    return this.legacyGraph && this.legacyGraph.volumes().includes(volume) ? this.legacyGraph : undefined;
  }

  isAttached(volume: string): boolean {
    return this.graphOf(volume)?.state === 'active';
  }

  attachedVolumes(): number {
    return this.legacyGraph?.volumes().length ?? 0;
  }

  get ownXlators(): number {
    return 0;
  }

  get leakedBytes(): number {
    return 0;
  }

  protected reachable(): boolean {
    return true;
  }

  /** At most the one combined graph is listed, and it is active. */
  check(): string | undefined {
    const n = this.volfiles.size;
    if (n === 0) return undefined;
    const rt = this.volfiles.get(this.spawn.volfileId);
    if (n > 1 || rt === undefined || rt !== this.legacyGraph) return `legacy shd ${this.pid}: lists ${[...this.volfiles.keys()].join(', ')}, not (only) its combined graph`;
    if (rt.state !== 'active') return `legacy shd ${this.pid}: ${rt.volfileId} listed but its graph is ${rt.state}`;
    return undefined;
  }
}
