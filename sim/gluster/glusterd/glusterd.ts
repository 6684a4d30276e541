/**
 * A node's glusterd: the big lock every management task runs under, getspec (serving volfiles to the
 * shd), brick processes and the portmapper, the `blockers` count of outstanding attach/detach RPCs,
 * and the shd service manager of the mode (shd-mux.ts or shd-legacy.ts). Its state lives in memory:
 * killing glusterd loses the shd service's process list, which is why a restart treats a running shd
 * as stale (reference §1.5, §1.14).
 *
 * glusterd never holds an shd process: it spawns one through the factory it is given (wired in
 * model.ts), knows it by its pidfile and socket, and talks to it only through the rpc layer
 * (rpc/protocol.ts): its svc connections, and its own port 24007 where the shd's mgmt connection lands.
 */
import { check } from '../../engine/assert.js';
import { Mutex } from '../../engine/mutex.js';
import { sleep, waitFor, type ProcessBody } from '../../engine/process.js';
import type { Scope } from '../../engine/scope.js';
import { Signal } from '../../engine/signal.js';
import { millis, type Micros } from '../../engine/time.js';
import { BrickProcess } from '../brick.js';
import type { Cluster } from '../cluster.js';
import { GLUSTERD, type MessageDef } from '../logs/catalogue.js';
import { RUNDIR, type Node } from '../node.js';
import type { OsProcess, Signal as OsSignal } from '../process.js';
import { GLUSTERD_PORT, type GetspecReply, type MgmtServer, type ShdSpawn } from '../rpc/protocol.js';
import { SvcClient, type ConnEvent } from '../rpc/svc-client.js';
import type { Volume } from '../volume.js';
import type { ShdService } from './shd-service.js';

/** glusterd_proc_stop: SIGTERM, then up to 10 polls 100 ms apart, then SIGKILL. */
export const STOP_POLLS = 10;
export const STOP_POLL_INTERVAL: Micros = millis(100);
/** Time to read a volfile and answer a getspec. */
const GETSPEC_TIME: Micros = 500;

/** Spawns a glustershd on `node` with this command line (runner_run_nowait); returns its pid. */
export type ShdFactory = (node: Node, spawn: ShdSpawn) => number;

/** The glusterds of a cluster, by node: the latest started on each (dead or alive). */
export class Glusterds {
  private readonly byNode = new Map<string, Glusterd>();

  /** The latest glusterd started on `node`, dead or alive (a restart replaces it). */
  latest(node: string): Glusterd | undefined {
    return this.byNode.get(node);
  }

  /** The running glusterd of `node`, if its host is up and the daemon alive. */
  up(node: string): Glusterd | undefined {
    const g = this.byNode.get(node);
    return g && g.alive && g.node.powered ? g : undefined;
  }

  all(): IterableIterator<Glusterd> {
    return this.byNode.values();
  }

  /** A glusterd started (it replaces the node's previous one). */
  started(g: Glusterd): void {
    this.byNode.set(g.node.name, g);
  }

  /** A glusterd died: the node has none until the next starts. */
  stopped(g: Glusterd): void {
    if (this.byNode.get(g.node.name) === g) this.byNode.delete(g.node.name);
  }
}

/** What a glusterd is given (wired in model.ts): the table it registers in, its shd service, how it spawns an shd. */
export interface GlusterdEnv {
  readonly glusterds: Glusterds;
  /** The mode's shd service manager (shd-mux.ts or shd-legacy.ts) for a new glusterd. */
  readonly shdService: (g: Glusterd) => ShdService;
  readonly spawnShd: ShdFactory;
}

export class Glusterd implements OsProcess, MgmtServer {
  readonly command = 'glusterd' as const;
  readonly scope: Scope;
  readonly bigLock: Mutex;
  readonly shd: ShdService;
  /** Done starting: answers the CLI, peers and getspec. */
  ready = false;
  /** Outstanding attach/detach RPCs (conf->blockers). */
  blockers = 0;
  private _alive = true;
  private readonly blockersZero = new Signal('cond_blockers');

  constructor(
    readonly cluster: Cluster,
    readonly node: Node,
    readonly pid: number,
    private readonly env: GlusterdEnv,
  ) {
    this.scope = node.scope.child(`glusterd ${pid}`);
    this.bigLock = new Mutex('big_lock', cluster.sim);
    this.shd = env.shdService(this);
  }

  get alive(): boolean {
    return this._alive;
  }

  log<A>(m: MessageDef<A>, args: A): void {
    this.cluster.log(this.node.name, 'glusterd', '0-management', m, args);
  }

  /**
   * Starts the daemon: after its start-up it restarts bricks and calls the shd manager (§1.14).
   * `booted`: the cluster's state when a scenario begins — running and ready, with nothing to restart.
   */
  start(booted = false): void {
    this.node.procs.set(this.pid, this);
    this.env.glusterds.started(this);
    this.node.sockets.listen('mgmt', GLUSTERD_PORT, this);
    this.cluster.event('glusterd-start', this.node.name, '', this.pid);
    if (booted) this.ready = true;
    else this.scope.spawn(`glusterd ${this.pid} init`, this.init());
  }

  private *init(): ProcessBody<void> {
    this.log(GLUSTERD.started, { version: this.cluster.traits.release, args: '/usr/sbin/glusterd -p /var/run/glusterd.pid --log-level INFO' });
    this.log(GLUSTERD.pid, { pid: this.pid });
    yield sleep(this.cluster.config.glusterd_start_time);
    this.ready = true;
    // glusterd_spawn_daemons: bricks of started volumes, then the shd manager for each of them.
    yield waitFor(this.bigLock.acquire());
    for (const v of this.cluster.store.started()) yield* this.startBricks(v);
    yield* this.shd.restart();
    this.bigLock.release();
  }

  signal(_sig: OsSignal): void {
    if (!this._alive) return;
    this._alive = false;
    this.ready = false;
    this.scope.kill();
    this.node.procs.delete(this.pid);
    this.env.glusterds.stopped(this);
    this.cluster.event('glusterd-stop', this.node.name, '', this.pid);
    // Port 24007 closes: every shd's mgmt connection to this glusterd breaks.
    this.node.sockets.close(GLUSTERD_PORT, this);
  }

  // ---- port 24007: getspec, portmap, fetchspec -------------------------------------------------

  /**
   * MgmtServer: the handshake's getspec, big-locked like glusterd's other rpc actors: `shd/<vol>` is
   * served from `<vol>-shd.vol` with the volume's pidfile in the reply; `gluster/glustershd` from the
   * legacy file. The request is handled by a glusterd thread; the asking process only waits.
   */
  getspec(volfileId: string, respond: (reply: GetspecReply) => void): void {
    const g = this;
    this.scope.spawn(`glusterd ${this.pid} getspec ${volfileId}`, (function* (): ProcessBody<void> {
      yield waitFor(g.bigLock.acquire());
      const found = g.shd.volfileFor(volfileId);
      g.bigLock.release();
      yield sleep(GETSPEC_TIME);
      respond(found);
    })());
  }

  /** MgmtServer: PMAP_PORTBYBRICK — the brick has a port while its process runs and serves. */
  portmap(path: string): boolean {
    return this.cluster.brick(this.node.name, path) !== undefined;
  }

  /** glusterd_fetchspec_notify: every connected glusterfs process re-fetches its volfiles. */
  fetchspecNotify(): void {
    this.cluster.rpc.fetchspecNotify(this.node.sockets, this);
  }

  /** An rpc connection to the daemon that listens (or will) on `sockpath` (glusterd_conn_init). */
  svcClient(sockpath: string, onEvent: (ev: ConnEvent) => void): SvcClient {
    return new SvcClient(this.cluster.rpc, this.scope, this.pid, this.node.sockets, sockpath, onEvent);
  }

  // ---- blockers --------------------------------------------------------------------------------

  blockerStarted(): void {
    this.blockers++;
  }

  blockerDone(): void {
    check(this.cluster.sim, this.blockers > 0, () => `glusterd ${this.pid} on ${this.node.name}: a blocker done with none outstanding`);
    this.blockers--;
    if (this.blockers === 0) this.blockersZero.fire();
  }

  /** glusterd_wait_for_blockers: wait (big lock released) until no attach/detach RPC is outstanding. */
  *waitForBlockers(): ProcessBody<void> {
    while (this.blockers > 0) {
      this.bigLock.release();
      yield waitFor(this.blockersZero);
      yield waitFor(this.bigLock.acquire());
    }
  }

  // ---- processes -------------------------------------------------------------------------------

  /** Spawns a glustershd with this command line (runner_run_nowait) through the factory; its pid. */
  spawnShd(spawn: ShdSpawn): number {
    return this.env.spawnShd(this.node, spawn);
  }

  /**
   * glusterd_proc_stop(SIGTERM, PROC_STOP_FORCE) of the pid in `pidfile`: log, SIGTERM, unlink the
   * pidfile, poll up to 10 × 100 ms, SIGKILL if it is still there.
   */
  *procStop(pidfile: string): ProcessBody<void> {
    const pid = this.node.runningPid(pidfile);
    if (pid === undefined) {
      this.log(GLUSTERD.alreadyStopped, undefined);
      this.node.runFiles.delete(pidfile);
      return;
    }
    this.log(GLUSTERD.stopping, { pid });
    const proc = this.node.procs.get(pid);
    check(this.cluster.sim, proc !== undefined, () => `glusterd ${this.pid}: running pid ${pid} of ${pidfile} has no process`);
    proc.signal('TERM');
    this.node.runFiles.delete(pidfile);
    for (let i = 0; i < STOP_POLLS && proc.alive; i++) yield sleep(STOP_POLL_INTERVAL);
    if (proc.alive) proc.signal('KILL');
  }

  // ---- bricks ----------------------------------------------------------------------------------

  brickPidfile(volume: string, path: string): string {
    return `${RUNDIR}/vols/${volume}/${this.node.name}${path.replace(/\//g, '-')}.pid`;
  }

  /**
   * Starts this node's bricks of `v` that are not running, and waits until they serve (glusterd starts
   * bricks and waits for them to daemonize).
   */
  *startBricks(v: Volume, only?: ReadonlySet<string>): ProcessBody<void> {
    const cluster = this.cluster;
    let started = 0;
    for (const b of v.bricks) {
      if (b.host !== this.node.name || (only && !only.has(b.path))) continue;
      const running = this.node.bricks.get(b.path);
      if (running?.alive) continue;
      const node = this.node;
      const disk = node.disk(b.path);
      const pid = cluster.pids.allocate();
      const brick: BrickProcess = new BrickProcess(pid, node.allocatePort(), disk, v.name, node.scope.child(`brick ${pid}`), (gone) => {
        if (node.bricks.get(b.path) === gone) node.bricks.delete(b.path);
        node.procs.delete(gone.pid);
        cluster.event('brick-stop', node.name, v.name, gone.pid, b.path);
        cluster.brickStateChanged(node.name, b.path);
      });
      node.procs.set(pid, brick);
      node.bricks.set(b.path, brick);
      node.runFiles.set(this.brickPidfile(v.name, b.path), pid);
      brick.scope.schedule(cluster.config.process_start_time, () => {
        brick.serving = true;
        cluster.event('brick-start', node.name, v.name, pid, b.path);
        cluster.brickStateChanged(node.name, b.path);
      }, `brick ${pid} start`);
      started++;
    }
    if (started > 0) yield sleep(cluster.config.process_start_time);
  }

  /** Stops this node's bricks of `v` (all, or those in `only`). */
  stopBricks(v: Volume, only?: ReadonlySet<string>): void {
    for (const b of v.bricks) {
      if (b.host !== this.node.name || (only && !only.has(b.path))) continue;
      const brick = this.node.bricks.get(b.path);
      this.node.runFiles.delete(this.brickPidfile(v.name, b.path));
      brick?.signal('TERM');
    }
  }

  /** Stops one brick of this node (remove-brick). */
  stopBrickAt(volume: string, path: string): void {
    this.node.runFiles.delete(this.brickPidfile(volume, path));
    this.node.bricks.get(path)?.signal('TERM');
  }
}
