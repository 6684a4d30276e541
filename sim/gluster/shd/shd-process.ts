/**
 * A `glustershd` process (reference §1.3, §1.9–§1.12, §2.4).
 *
 * Start-up: log the start lines, write the `-p` pidfile, listen on the `-S` unix socket (glusterd's rpc
 * connects there), connect to the local glusterd (the volfile server) and fetch the volfile named by
 * `--volfile-id` (`shd/<vol>` in mux mode, `gluster/glustershd` in legacy mode), build the graph, log
 * its Final graph and send PARENT_UP. The mgmt connection reconnects every 3 s while glusterd is away
 * and re-fetches every volfile when it is back.
 *
 * Mux mode (`--process-name glustershd`): volfile ids live in `volfiles` (ctx->volfile_list) under a
 * synthetic parent graph; attach and detach arrive as RPCs from glusterd, and an attach of a known id is
 * "no change" (same checksum), an options reconfigure (same topology) or a detach + attach (topology
 * changed). Legacy mode: one combined graph, reconfigured in place on an options change; glusterd
 * restarts the whole process for anything else.
 */
import { anyOf, sleep, waitFor, type ProcessBody } from '../../engine/process.js';
import type { Scope } from '../../engine/scope.js';
import { Signal, type Future } from '../../engine/signal.js';
import { seconds, type Micros } from '../../engine/time.js';
import type { Cluster } from '../cluster.js';
import { GLUSTERFS_VERSION } from '../glusterfs-version.js';
import { ParentGraph } from '../graph/parent-graph.js';
import { topologyEqual, volfileChecksum } from '../graph/topology.js';
import type { Graph } from '../graph/graph.js';
import { SHD, crashDump } from '../logs/catalogue.js';
import { timestamp } from '../logs/format.js';
import type { Node } from '../node.js';
import type { OsProcess, Signal as OsSignal } from '../process.js';
import { finalGraphDump, finalGraphDumpSize } from '../volfile/dump.js';
import { parseVolfile } from '../volfile/parse.js';
import { GraphRuntime } from './graph-runtime.js';

/** How the process was started (its command line). */
export interface ShdSpawn {
  /** `--volfile-id`: `shd/<vol>` (mux) or `gluster/glustershd` (legacy). */
  readonly volfileId: string;
  /** `-p`: the pidfile the process writes at start. */
  readonly pidfile: string;
  /** `-S`: the unix socket glusterd connects to. */
  readonly sockpath: string;
}

/** What the mgmt connection needs from glusterd: the volfile server. */
export interface VolfileServer {
  readonly ready: boolean;
  /**
   * getspec: the volfile for `volfileId` and, for `shd/<vol>`, that volume's pidfile (null if there is
   * none). Answered by glusterd; a lost connection fails the request (the caller races the two).
   */
  getspec(volfileId: string): Future<{ content: string; pidfile?: string } | null>;
}

/** Someone holding an rpc connection to this process (glusterd's svc connection). */
export interface ShdRpcPeer {
  processGone(p: ShdProcess): void;
}

/** Time until the process listens on its socket (early in glusterfs_volumes_init). */
const LISTENER_DELAY: Micros = 100_000;
/** glusterfsd's mgmt rpc reconnect interval. */
const MGMT_RECONNECT: Micros = seconds(3);
/** Per-process epoll threads (client.event-threads default 2): one start line each. */
const EPOLL_THREADS = 2;
/** Bytes leaked per attach RPC (F19: the serialised dict, 89 B; fixed only after 10.0). */
export const ATTACH_LEAK_BYTES = 89;

export class ShdProcess implements OsProcess {
  readonly command = 'glustershd' as const;
  state: 'starting' | 'running' | 'exiting' | 'dead' = 'starting';
  /** The -S socket accepts connections. */
  listening = false;
  /** Connected to its volfile server (the local glusterd). */
  mgmtConnected = false;
  readonly scope: Scope;
  /** ctx->volfile_list: volfile id → its live graph. */
  readonly volfiles = new Map<string, GraphRuntime>();
  /** Every graph of the process, including detached ones still being cleaned up. */
  readonly graphs = new Set<GraphRuntime>();
  /** Mux: the synthetic `glustershd` parent graph (ctx->active), created with the first graph. */
  parent: ParentGraph | null = null;
  /** Legacy: the one combined graph (ctx->active). */
  legacyGraph: GraphRuntime | null = null;
  readonly peers = new Set<ShdRpcPeer>();
  readonly startedAt: Micros;
  /** Attach RPCs received (each leaks ATTACH_LEAK_BYTES: F19). */
  attachRpcs = 0;
  private nextGraphId = 0;
  private readonly mgmtLost = new Signal('mgmt disconnect');
  private exitReason: 'term' | 'kill' | 'crash' | undefined = undefined;

  constructor(
    readonly cluster: Cluster,
    readonly node: Node,
    readonly pid: number,
    readonly spawn: ShdSpawn,
  ) {
    this.scope = node.scope.child(`glustershd ${pid}`);
    this.startedAt = cluster.sim.now;
  }

  get alive(): boolean {
    return this.state !== 'dead';
  }

  get mux(): boolean {
    return this.cluster.mode === 'mux';
  }

  /** The command line, as the start line prints it. */
  args(): string {
    const s = this.spawn;
    const mux = this.mux ? ` --xlator-option *replicate*.node-uuid=${this.node.uuid} --process-name glustershd --client-pid=-6` : ` --xlator-option *replicate*.node-uuid=${this.node.uuid}`;
    return `/usr/sbin/glusterfs -s localhost --volfile-id ${s.volfileId} -p ${s.pidfile} -l /var/log/glusterfs/glustershd.log -S ${s.sockpath}${mux}`;
  }

  private log<A>(domain: string, m: import('../logs/catalogue.js').MessageDef<A>, args: A): void {
    this.cluster.log(this.node.name, 'glustershd', domain, m, args);
  }

  /** exec: registers the process and runs its start-up. */
  start(): void {
    const cluster = this.cluster;
    this.node.procs.set(this.pid, this);
    cluster.liveShds(this.node.name).push(this);
    this.node.shdStarts++;
    cluster.event('shd-start', this.node.name, '', this.pid, this.spawn.volfileId);
    this.scope.spawn(`glustershd ${this.pid} main`, this.main());
  }

  private *main(): ProcessBody<void> {
    const cfg = this.cluster.config;
    this.log('0-/usr/sbin/glusterfs', SHD.started, { version: GLUSTERFS_VERSION[this.cluster.mode], args: this.args() });
    this.log('0-glusterfs', SHD.pid, { pid: this.pid });
    for (let i = 1; i <= EPOLL_THREADS; i++) this.log('0-epoll', SHD.epollThread, { index: i });
    this.writePidfile(this.spawn.pidfile);
    const listen = Math.min(LISTENER_DELAY, cfg.process_start_time);
    yield sleep(listen);
    this.listening = true;
    yield sleep(cfg.process_start_time - listen);
    this.state = 'running';
    yield* this.mgmtLoop();
  }

  /** The mgmt connection to the volfile server: (re)connect, fetch every volfile, wait for a loss. */
  private *mgmtLoop(): ProcessBody<void> {
    for (;;) {
      let glusterd = this.cluster.glusterd(this.node.name);
      while (!glusterd?.ready) {
        yield sleep(MGMT_RECONNECT);
        glusterd = this.cluster.glusterd(this.node.name);
      }
      this.mgmtConnected = true;
      yield* this.fetchAll(glusterd);
      if (this.mgmtConnected) yield waitFor(this.mgmtLost);
    }
  }

  /** glusterd died: the mgmt connection drops (graphs keep running). */
  glusterdGone(): void {
    if (!this.mgmtConnected) return;
    this.mgmtConnected = false;
    this.mgmtLost.fire();
  }

  /** glusterd's fetchspec notify ("Volume file changed"): re-fetch every volfile. */
  fetchspec(server: VolfileServer): void {
    if (!this.alive || !this.mgmtConnected) return;
    this.log('0-mgmt', SHD.volfileChanged, undefined);
    this.scope.spawn(`glustershd ${this.pid} fetchspec`, this.fetchAll(server));
  }

  /**
   * glusterfs_volfile_fetch: the command-line volfile id at first, later every id the process holds.
   * The initial fetch failing (no such volfile) ends the process, as glusterfsd does.
   */
  private *fetchAll(server: VolfileServer): ProcessBody<void> {
    const ids = this.volfiles.size > 0 ? [...this.volfiles.keys()] : [this.spawn.volfileId];
    const initial = this.volfiles.size === 0 && !this.legacyGraph;
    for (const id of ids) {
      const answer = server.getspec(id);
      const which: number = yield anyOf([answer, this.mgmtLost]);
      if (!this.alive || which !== 0) return; // the mgmt rpc went down: the reconnect fetches again
      const spec = answer.value ?? null;
      if (!spec) {
        if (initial) {
          this.exitReason = 'term';
          this.die();
          return;
        }
        continue;
      }
      if (this.mux) yield* this.processVolfile(id, spec.content, spec.pidfile);
      else yield* this.processLegacyVolfile(spec.content);
    }
  }

  // ---- mux: mgmt_process_volfile ------------------------------------------------------------------

  /** GLUSTERD_SVC_ATTACH ("ATTACH CLIENT"): returns the reply's op_ret. */
  *handleAttach(volfileId: string, content: string, pidfile: string): ProcessBody<number> {
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
  private *processVolfile(volfileId: string, content: string, pidfile: string | undefined): ProcessBody<number> {
    const checksum = volfileChecksum(content);
    const known = this.volfiles.get(volfileId);
    if (known && known.checksum === checksum) {
      this.log('0-glusterfs', SHD.noChange, undefined);
      return 0;
    }
    let graph: Graph;
    try {
      graph = parseVolfile(content, volfileId);
    } catch {
      this.log('0-glusterfs', SHD.constructFailed, undefined);
      return -1;
    }
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
    const rt = new GraphRuntime(this, graph, volfileId, this.nextGraphId++, checksum);
    this.parent.attach(volfileId, graph, checksum);
    this.volfiles.set(volfileId, rt);
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
  handleDetach(volfileId: string): number {
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
    this.parent?.detach(rt.volfileId);
    this.cluster.counters.graphDetaches++;
    for (const v of rt.volumes()) this.cluster.event('detach', this.node.name, v, this.pid, rt.volfileId);
    this.scope.spawn(`glustershd ${this.pid} graph_clean ${rt.id}`, rt.cleanup());
  }

  /** Called by a graph at the end of its cleanup. */
  graphDestroyed(rt: GraphRuntime): void {
    this.graphs.delete(rt);
  }

  // ---- legacy --------------------------------------------------------------------------------

  private *processLegacyVolfile(content: string): ProcessBody<void> {
    const checksum = volfileChecksum(content);
    const current = this.legacyGraph;
    if (current && current.checksum === checksum) {
      this.log('0-mgmt', SHD.noChangeLegacy, undefined);
      return;
    }
    let graph: Graph;
    try {
      graph = parseVolfile(content, this.spawn.volfileId);
    } catch {
      this.log('0-glusterfs', SHD.constructFailed, undefined);
      return;
    }
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
    }
    yield sleep(graph.xlators.length * this.cluster.config.graph_init_time_per_xlator);
    if (!this.alive) return;
    const rt = new GraphRuntime(this, graph, this.spawn.volfileId, this.nextGraphId++, checksum);
    this.legacyGraph = rt;
    this.volfiles.set(this.spawn.volfileId, rt);
    this.graphs.add(rt);
    this.dumpGraph(graph);
    // Every volume's graph is (re)built with the process: each counts as an attach; the timeline gets
    // one event for the lot (a restart with 100 volumes is one moment, not 100).
    const volumes = rt.volumes();
    this.cluster.counters.graphAttaches += volumes.length;
    this.cluster.event('attach', this.node.name, '', this.pid, `${volumes.length} volumes`);
    rt.parentUp();
  }

  // ---- heal commands ---------------------------------------------------------------------------

  /** The live graph holding `volume`'s replicate/disperse xlators, if any. */
  graphOf(volume: string): GraphRuntime | undefined {
    if (this.mux) return this.volfiles.get(`shd/${volume}`);
    return this.legacyGraph && this.legacyGraph.volumes().includes(volume) ? this.legacyGraph : undefined;
  }

  /**
   * `gluster volume heal V [full]` as a brick op: in mux mode the xlators are found by name along the
   * parent graph's next chain (xlator_search_by_name). Returns per-child statuses.
   */
  handleHealOp(volume: string, action: 'index' | 'full'): string[] {
    const rt = this.graphOf(volume);
    if (!rt || rt.stopping) return [];
    const statuses: string[] = [];
    for (const x of rt.clusters) {
      if (x.volume !== volume) continue;
      if (this.mux && !this.parent?.findXlator(x.name)) continue;
      if (action === 'full') x.healFull();
      else statuses.push(...x.healIndex());
    }
    return statuses;
  }

  // ---- logs ------------------------------------------------------------------------------------

  private dumpGraph(graph: Graph): void {
    const logs = this.cluster.logs;
    logs.plain(this.node.name, 'glustershd', 'graph-dump', finalGraphDumpSize(graph), () => finalGraphDump(graph));
  }

  // ---- death -----------------------------------------------------------------------------------

  signal(sig: OsSignal): void {
    if (!this.alive) return;
    if (sig === 'KILL') {
      this.exitReason = 'kill';
      this.die();
      return;
    }
    if (this.state === 'exiting') return;
    this.state = 'exiting';
    this.log('0-glusterfsd', SHD.signum, { signum: 15 });
    this.exitReason = 'term';
    this.cluster.sim.root.schedule(this.cluster.config.shd_exit_time, () => this.die(), `glustershd ${this.pid} exit`);
  }

  /** A use-after-free (F6): SIGSEGV, the crash dump, and the process is gone. */
  crash(why: string): void {
    if (!this.alive) return;
    this.cluster.logs.plain(this.node.name, 'glustershd', 'crash', crashDump(timestamp(this.cluster.sim.now), GLUSTERFS_VERSION[this.cluster.mode]));
    this.cluster.counters.shdCrashes++;
    this.exitReason = 'crash';
    this.cluster.sim.emit('shd-crash', this.node.name, why);
    this.die();
  }

  private die(): void {
    if (this.state === 'dead') return;
    const cluster = this.cluster;
    this.state = 'dead';
    this.listening = false;
    // The graphs still attached go with the process (a legacy restart tears down every volume's).
    for (const rt of this.volfiles.values()) cluster.counters.graphDetaches += rt.volumes().length;
    for (const rt of this.graphs) rt.kill();
    this.graphs.clear();
    this.volfiles.clear();
    this.scope.kill();
    this.node.procs.delete(this.pid);
    const live = cluster.liveShds(this.node.name);
    live.splice(live.indexOf(this), 1);
    // A clean exit removes the -p pidfile (glusterfs_pidfile_cleanup); SIGKILL and crashes leave it.
    if (this.exitReason === 'term' && this.node.runFiles.get(this.spawn.pidfile) === this.pid) this.node.runFiles.delete(this.spawn.pidfile);
    cluster.counters.shdExits++;
    cluster.event(this.exitReason === 'crash' ? 'shd-crash' : 'shd-exit', this.node.name, '', this.pid, this.exitReason ?? '');
    for (const p of [...this.peers]) p.processGone(this);
    this.peers.clear();
  }

  private writePidfile(path: string): void {
    this.node.runFiles.set(path, this.pid);
  }
}
