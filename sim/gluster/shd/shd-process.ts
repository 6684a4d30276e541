/**
 * A `glustershd` process (reference §1.3, §1.9–§1.12, §2.4): what the multiplexed and the legacy shd
 * share. The two kinds are mux-process.ts and legacy-process.ts.
 *
 * Start-up: log the start lines, write the `-p` pidfile, listen on the `-S` unix socket (glusterd's svc
 * rpc connects there), connect to the local glusterd (the volfile server) and fetch the volfile named by
 * `--volfile-id`, build the graph, log its Final graph and send PARENT_UP. The mgmt connection
 * reconnects every 3 s while glusterd is away and re-fetches every volfile when it is back. Everything
 * the process says to glusterd or hears from it is a message of rpc/protocol.ts.
 */
import { check, removeFrom } from '../../engine/assert.js';
import { anyOf, sleep, waitFor, type ProcessBody } from '../../engine/process.js';
import type { Scope } from '../../engine/scope.js';
import { Signal } from '../../engine/signal.js';
import type { Micros } from '../../engine/time.js';
import type { Cluster } from '../cluster.js';
import type { Graph } from '../graph/graph.js';
import { SHD, crashDump, type MessageDef } from '../logs/catalogue.js';
import { timestamp } from '../logs/format.js';
import type { Node } from '../node.js';
import type { OsProcess, Signal as OsSignal } from '../process.js';
import { RECONNECT_INTERVAL, type GetspecReply, type HealAction, type MgmtClient, type ShdSpawn, type SvcReply, type SvcRequest, type SvcServer } from '../rpc/protocol.js';
import type { MgmtLink } from '../rpc/rpc.js';
import { finalGraphDump, finalGraphDumpSize } from '../volfile/dump.js';
import { parseVolfile } from '../volfile/parse.js';
import { VolfileError } from '../volfile/volfile-error.js';
import type { GraphRuntime } from './graph-runtime.js';

/** Time until the process listens on its socket (early in glusterfs_volumes_init). */
const LISTENER_DELAY: Micros = 100_000;
/** Per-process epoll threads (client.event-threads default 2): one start line each. */
const EPOLL_THREADS = 2;

export type ShdState = 'starting' | 'running' | 'exiting' | 'dead';

export abstract class ShdProcess implements OsProcess, SvcServer, MgmtClient {
  readonly command = 'glustershd' as const;
  state: ShdState = 'starting';
  /** The -S socket accepts connections. */
  listening = false;
  /** Connected to its volfile server (the local glusterd). */
  mgmtConnected = false;
  readonly scope: Scope;
  /** ctx->volfile_list: volfile id → its live graph. */
  readonly volfiles = new Map<string, GraphRuntime>();
  /** Every graph of the process, including detached ones still being cleaned up. */
  readonly graphs = new Set<GraphRuntime>();
  readonly startedAt: Micros;
  /** Moves whenever `volfiles` changes (what the invariants' cached walks key on). */
  graphsVersion = 0;
  /** The volume store generation and graphsVersion at which the invariants last found every listed graph's volumes started. */
  idleCheckedAt = { generation: -1, graphs: -1 };
  protected nextGraphId = 0;
  private mgmt: MgmtLink | undefined = undefined;
  private readonly mgmtLost = new Signal('mgmt disconnect');
  private exitReason: 'term' | 'kill' | 'crash' | undefined = undefined;

  constructor(
    readonly cluster: Cluster,
    readonly node: Node,
    readonly pid: number,
    readonly spawn: ShdSpawn,
    /** The live shd processes of this node: the process is in it from exec to death. */
    private readonly live: ShdProcess[],
  ) {
    this.scope = node.scope.child(`glustershd ${pid}`);
    this.startedAt = cluster.sim.now;
  }

  get alive(): boolean {
    return this.state !== 'dead';
  }

  /** Command-line options of this kind of shd, after the common ones. */
  protected abstract readonly extraArgs: string;

  /** The command line, as the start line prints it. */
  args(): string {
    const s = this.spawn;
    return `/usr/sbin/glusterfs -s localhost --volfile-id ${s.volfileId} -p ${s.pidfile} -l /var/log/glusterfs/glustershd.log -S ${s.sockpath} --xlator-option *replicate*.node-uuid=${this.node.uuid}${this.extraArgs}`;
  }

  protected log<A>(domain: string, m: MessageDef<A>, args: A): void {
    this.cluster.log(this.node.name, 'glustershd', domain, m, args);
  }

  /** exec: registers the process and runs its start-up. */
  start(): void {
    const cluster = this.cluster;
    this.node.procs.set(this.pid, this);
    this.live.push(this);
    this.node.shdStarts++;
    cluster.event('shd-start', this.node.name, '', this.pid, this.spawn.volfileId);
    this.scope.spawn(`glustershd ${this.pid} main`, this.main());
  }

  private *main(): ProcessBody<void> {
    const cfg = this.cluster.config;
    this.log('0-/usr/sbin/glusterfs', SHD.started, { version: this.cluster.traits.release, args: this.args() });
    this.log('0-glusterfs', SHD.pid, { pid: this.pid });
    for (let i = 1; i <= EPOLL_THREADS; i++) this.log('0-epoll', SHD.epollThread, { index: i });
    this.writePidfile(this.spawn.pidfile);
    const listen = Math.min(LISTENER_DELAY, cfg.process_start_time);
    yield sleep(listen);
    this.listening = true;
    this.node.sockets.listen('svc', this.spawn.sockpath, this);
    yield sleep(cfg.process_start_time - listen);
    this.state = 'running';
    yield* this.mgmtLoop();
  }

  /** The mgmt connection to the volfile server: (re)connect, fetch every volfile, wait for a loss. */
  private *mgmtLoop(): ProcessBody<void> {
    const rpc = this.cluster.rpc;
    for (;;) {
      let link = rpc.connectMgmt(this.node.sockets, this);
      while (!link) {
        yield sleep(RECONNECT_INTERVAL);
        link = rpc.connectMgmt(this.node.sockets, this);
      }
      this.mgmt = link;
      this.mgmtConnected = true;
      yield* this.fetchAll(link);
      if (this.mgmtConnected) yield waitFor(this.mgmtLost);
    }
  }

  /** MgmtClient: glusterd died, the mgmt connection drops (graphs keep running). */
  disconnected(): void {
    if (!this.mgmtConnected) return;
    this.mgmtConnected = false;
    this.mgmt = undefined;
    this.mgmtLost.fire();
  }

  /** MgmtClient: glusterd's fetchspec notify ("Volume file changed"): re-fetch every volfile. */
  fetchspec(): void {
    if (!this.alive || !this.mgmtConnected) return;
    this.log('0-mgmt', SHD.volfileChanged, undefined);
    this.scope.spawn(`glustershd ${this.pid} fetchspec`, this.fetchAll(this.mgmt!));
  }

  /** Whether the process holds a graph already (else a fetch is its first one). */
  protected abstract get hasGraph(): boolean;

  /**
   * glusterfs_volfile_fetch: the command-line volfile id at first, later every id the process holds.
   * The initial fetch failing (no such volfile) ends the process, as glusterfsd does.
   */
  private *fetchAll(link: MgmtLink): ProcessBody<void> {
    const ids = this.volfiles.size > 0 ? [...this.volfiles.keys()] : [this.spawn.volfileId];
    const initial = !this.hasGraph;
    for (const id of ids) {
      const answer = this.cluster.rpc.getspec(this.node.name, this.pid, link, id);
      const which: number = yield anyOf([answer, this.mgmtLost]);
      if (!this.alive || which !== 0) return; // the mgmt rpc went down: the reconnect fetches again
      const spec: GetspecReply = answer.value ?? null;
      if (!spec) {
        if (initial) {
          this.exitReason = 'term';
          this.die();
          return;
        }
        continue;
      }
      yield* this.volfileFetched(id, spec.content, spec.pidfile);
    }
  }

  /** A fetched volfile (mgmt_getspec_cbk → glusterfs_process_volfp or a reconfigure). */
  protected abstract volfileFetched(volfileId: string, content: string, pidfile: string | undefined): ProcessBody<void>;

  /**
   * The volfile parsed into a graph; a malformed one (a VolfileError) is logged as GlusterFS does and
   * gives undefined. Any other error is a model bug and propagates.
   */
  protected parse(content: string, volfileId: string): Graph | undefined {
    try {
      return parseVolfile(content, volfileId);
    } catch (err) {
      if (!(err instanceof VolfileError)) throw err;
      this.log('0-glusterfs', SHD.constructFailed, undefined);
      return undefined;
    }
  }

  // ---- the svc rpc (glusterd → shd) ------------------------------------------------------------

  /** SvcServer: one request on the process's rpc thread; returns op_ret. */
  *handle(request: SvcRequest): ProcessBody<SvcReply> {
    if (request.proc === 'heal') {
      this.handleHealOp(request.volume, request.action);
      return 0;
    }
    return yield* this.handleSvc(request);
  }

  /** GLUSTERD_SVC_ATTACH / DETACH: only the multiplexed shd has these procedures. */
  protected abstract handleSvc(request: Exclude<SvcRequest, { proc: 'heal' }>): ProcessBody<SvcReply>;

  // ---- heal commands ---------------------------------------------------------------------------

  /** The live graph holding `volume`'s replicate/disperse xlators, if any. */
  abstract graphOf(volume: string): GraphRuntime | undefined;

  /** Whether `volume`'s graph is attached and active (the `attached` observable). */
  abstract isAttached(volume: string): boolean;

  /** Volume graphs held by the process (nodes.csv's attached_graphs). */
  abstract attachedVolumes(): number;

  /** Xlators the process holds outside the volumes' graphs (memory.ts). */
  abstract get ownXlators(): number;

  /** Bytes leaked by attach RPCs so far (F19; memory.ts). */
  abstract get leakedBytes(): number;

  /** The process's own consistency (checked as an invariant): a description of the breach, or undefined. */
  abstract check(): string | undefined;

  /** Whether the heal op can find the xlator named `name` (mux: along the parent graph's `next` list). */
  protected abstract reachable(name: string): boolean;

  /**
   * `gluster volume heal V [full]` as a brick op: per-child statuses of the volume's replicate/disperse
   * xlators; their local healers are signalled.
   */
  handleHealOp(volume: string, action: HealAction): string[] {
    const rt = this.graphOf(volume);
    if (!rt || rt.stopping) return [];
    const statuses: string[] = [];
    for (const x of rt.clusters) {
      if (x.volume !== volume) continue;
      if (!this.reachable(x.name)) continue;
      if (action === 'full') x.healFull();
      else statuses.push(...x.healIndex());
    }
    return statuses;
  }

  /** Called by a graph at the end of its cleanup. */
  graphDestroyed(rt: GraphRuntime): void {
    check(this.cluster.sim, this.graphs.delete(rt), () => `shd ${this.pid}: destroyed graph ${rt.id} (${rt.volfileId}) was not one of its graphs`);
  }

  // ---- logs ------------------------------------------------------------------------------------

  protected dumpGraph(graph: Graph): void {
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
    this.cluster.logs.plain(this.node.name, 'glustershd', 'crash', crashDump(timestamp(this.cluster.sim.now), this.cluster.traits.release));
    this.cluster.counters.shdCrashes++;
    this.exitReason = 'crash';
    this.cluster.sim.emit('shd-crash', this.node.name, why);
    this.die();
  }

  private die(): void {
    if (this.state === 'dead') return;
    const cluster = this.cluster;
    this.state = 'dead';
    const wasListening = this.listening;
    this.listening = false;
    // The graphs still attached go with the process (a legacy restart tears down every volume's).
    for (const rt of this.volfiles.values()) cluster.counters.graphDetaches += rt.volumes().length;
    for (const rt of this.graphs) rt.kill();
    this.graphs.clear();
    this.volfiles.clear();
    this.graphsVersion++;
    this.scope.kill();
    this.node.procs.delete(this.pid);
    removeFrom(cluster.sim, this.live, this, `dying shd ${this.pid} on ${this.node.name}`);
    // A clean exit removes the -p pidfile (glusterfs_pidfile_cleanup); SIGKILL and crashes leave it.
    if (this.exitReason === 'term' && this.node.runFiles.get(this.spawn.pidfile) === this.pid) this.node.runFiles.delete(this.spawn.pidfile);
    cluster.counters.shdExits++;
    cluster.event(this.exitReason === 'crash' ? 'shd-crash' : 'shd-exit', this.node.name, '', this.pid, this.exitReason ?? '');
    this.mgmt?.hangUp();
    this.mgmt = undefined;
    // Last: the socket closes, and glusterd's connections to it break (their pending requests fail).
    if (wasListening) this.node.sockets.close(this.spawn.sockpath, this);
  }

  private writePidfile(path: string): void {
    this.node.runFiles.set(path, this.pid);
  }
}
