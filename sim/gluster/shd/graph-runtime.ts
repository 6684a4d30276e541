/**
 * One xlator graph live in an shd process: its client connections and replicate/disperse xlators with
 * their healers. In mux mode there is one per attached volume (volfile id `shd/<vol>`); in legacy mode
 * one for the whole combined volfile.
 *
 * Detach cleanup follows GlusterFS's order (reference §1.12): PARENT_DOWN top-down; every client
 * disables its rpc, its saved frames are unwound with ENOTCONN and its disconnect is logged; the graph
 * is freed only after the last CHILD_DOWN of every client (`graph->used = 0`); healers stop at their
 * next entry boundary; fini; destroy. With `model.detach: drain`, the graph first stops issuing frames
 * and waits (up to model.drain_timeout) for those in flight, so fewer are unwound. With the F6 fault the
 * graph is freed at the first CHILD_DOWN that reaches its top (see clientDown), and anything answered
 * into it afterwards crashes the shd.
 */
import { check } from '../../engine/assert.js';
import { allOf, sleep, waitFor, type ProcessBody } from '../../engine/process.js';
import type { Scope } from '../../engine/scope.js';
import { Signal } from '../../engine/signal.js';
import type { Micros } from '../../engine/time.js';
import type { Graph } from '../graph/graph.js';
import type { MessageDef } from '../logs/catalogue.js';
import { SHD } from '../logs/catalogue.js';
import { ClientXlator } from './client.js';
import { ClusterXlator, type ClusterKind } from './cluster-xlator.js';
import type { HealAttempt } from './heal-entry.js';
import type { ShdProcess } from './shd-process.js';

/** client fini waiting for RPC_CLNT_DESTROY once every reference is gone. */
const RPC_DESTROY_TIME: Micros = 1_000;

/** Client options whose reconfigure GlusterFS logs ("option k using set value v"). */
const CLIENT_RECONF_OPTIONS = new Set(['ping-timeout', 'frame-timeout', 'send-gids', 'event-threads', 'strict-locks', 'filter-O_DIRECT']);

export type GraphState = 'active' | 'cleanup' | 'freed';

export class GraphRuntime {
  readonly scope: Scope;
  readonly clients: ClientXlator[] = [];
  readonly clusters: ClusterXlator[] = [];
  /** Heals in progress in this graph. */
  readonly heals = new Set<HealAttempt>();
  state: GraphState = 'active';
  /** PARENT_DOWN was sent: healers stop at their next entry boundary, nothing new starts. */
  stopping = false;
  /** `drain` detach: no new frames. */
  draining = false;
  private clientsDown = 0;
  private readonly volumeList: readonly string[];
  private readonly lastChildDown = new Signal('child_down_cond');

  constructor(
    readonly proc: ShdProcess,
    public graph: Graph,
    readonly volfileId: string,
    readonly id: number,
    public checksum: string,
  ) {
    this.scope = proc.scope.child(`graph ${id} ${volfileId}`);
    const byName = new Map<string, ClientXlator>();
    for (const xl of graph.clients()) {
      const c = new ClientXlator(this, xl);
      this.clients.push(c);
      byName.set(xl.name, c);
    }
    for (const xl of graph.clusters()) {
      const children = xl.children.map((ch) => byName.get(ch.name)).filter((c): c is ClientXlator => c !== undefined);
      this.clusters.push(new ClusterXlator(this, xl, children));
    }
    this.volumeList = [...new Set(this.clusters.map((c) => c.volume))];
  }

  get cluster() {
    return this.proc.cluster;
  }

  /** Name of the node running this graph. */
  get node(): string {
    return this.proc.node.name;
  }

  /** False once the process died (or crashed): nothing more may happen in this graph. */
  get live(): boolean {
    return this.proc.alive;
  }

  /** Volumes with a replicate/disperse xlator in this graph (fixed with its topology). */
  volumes(): readonly string[] {
    return this.volumeList;
  }

  log<A>(domain: string, m: MessageDef<A>, args: A): void {
    this.cluster.log(this.node, 'glustershd', domain, m, args);
  }

  /** PARENT_UP: every client starts connecting. */
  parentUp(): void {
    for (const c of this.clients) c.parentUp();
  }

  framesInFlight(): number {
    let n = 0;
    for (const c of this.clients) n += c.saved.size;
    return n;
  }

  healerThreads(kind: ClusterKind): number {
    let n = 0;
    for (const x of this.clusters) if (x.kind === kind) n += x.healerThreads;
    return n;
  }

  /**
   * Something (a reply, an unwind, a notification) reaches this graph. After it was freed that is a
   * use-after-free: with the F6 fault the shd crashes; without it the model has a bug.
   */
  touch(what: string): void {
    if (this.state !== 'freed') return;
    if (this.cluster.hasFault('first-child-down-cleanup')) {
      this.proc.crash(`${what} after graph ${this.id} (${this.volfileId}) was freed`);
      return;
    }
    check(this.cluster.sim, false, () => `${what} into freed graph ${this.id} (${this.volfileId}) of shd pid ${this.proc.pid}`);
  }

  /** A client's last CHILD_DOWN after PARENT_DOWN (client_notify_dispatch counting). */
  clientDown(): void {
    this.clientsDown++;
    check(this.cluster.sim, this.clientsDown <= this.clients.length, () => `graph ${this.id} (${this.volfileId}): ${this.clientsDown} last CHILD_DOWNs from ${this.clients.length} clients`);
    if (this.state !== 'cleanup') return;
    if (this.cluster.hasFault('first-child-down-cleanup')) {
      // GlusterFS 7 (bz#1727329): the first CHILD_DOWN that reaches the graph's top frees it. A
      // replicate/disperse xlator passes a child's down upwards only once it has no child left, and
      // io-stats passes every one on: so the graph goes as soon as one set has no brick connected — at
      // once when a set was already down — while the other sets' clients are still live.
      if (this.clusters.some((x) => x.upCount === 0)) {
        this.free();
        this.lastChildDown.fire();
        return;
      }
    }
    if (this.clientsDown >= this.clients.length) this.lastChildDown.fire();
  }

  /** Options changed, topology did not: every xlator reconfigured in place, children first. */
  reconfigureInPlace(next: Graph, checksum: string): void {
    for (const xl of next.xlators) {
      const domain = `${this.id}-${xl.name}`;
      const isClient = xl.type === 'protocol/client';
      for (const [key, value] of xl.options) {
        if (isClient && !CLIENT_RECONF_OPTIONS.has(key)) continue;
        this.log(domain, SHD.optionSet, { key, value });
      }
      const runtime = this.clusters.find((c) => c.name === xl.name);
      runtime?.reconfigure(xl.options);
    }
    this.graph = next;
    this.checksum = checksum;
  }

  /** The graph_clean thread (runs in the process's scope, not the graph's). */
  *cleanup(): ProcessBody<void> {
    const sim = this.cluster.sim;
    const config = this.cluster.config;
    const start = sim.now;
    check(sim, this.state === 'active', () => `graph ${this.id} (${this.volfileId}) of shd ${this.proc.pid}: cleanup of a graph that is ${this.state}`);
    this.state = 'cleanup';
    this.stopping = true;
    if (config.detach === 'drain') {
      this.draining = true;
      const deadline = sim.now + config.drain_timeout;
      while (this.framesInFlight() > 0 && sim.now < deadline) {
        // Poll at the next reply: cheap, and exact enough (replies are what empties the table).
        const next = this.nextReplyAt();
        yield sleep(Math.max(1, Math.min(next, deadline) - sim.now));
      }
    }
    // PARENT_DOWN, top-down: io-stats, then the cluster xlators, then each client in order.
    for (const c of this.clients) c.disable();
    if (this.state === 'cleanup' && this.clientsDown < this.clients.length) yield waitFor(this.lastChildDown);
    // fini, top-down: replicate/disperse join their healers (masked during a sweep: they finish the
    // entry in hand, which now fails fast), then each client waits for its rpc to be destroyed.
    const exits = this.clusters.flatMap((x) => x.healerExits());
    if (exits.length) yield allOf(exits);
    yield sleep(RPC_DESTROY_TIME);
    this.free();
    this.scope.kill();
    this.proc.graphDestroyed(this);
    this.cluster.counters.cleanupDurations.push(sim.now - start);
    this.cluster.event('cleanup-done', this.node, this.volumes()[0] ?? '', this.proc.pid, this.volfileId);
  }

  private free(): void {
    this.state = 'freed';
  }

  private nextReplyAt(): Micros {
    let t = Infinity;
    for (const c of this.clients) for (const f of c.saved) if (f.at < t) t = f.at;
    return t === Infinity ? this.cluster.sim.now + 1 : t;
  }

  /**
   * The process died: frames in flight are lost (never answered, never unwound), heals in progress
   * are cut off, and nothing of the graph runs again.
   */
  kill(): void {
    let lost = 0;
    for (const c of this.clients) lost += c.lose();
    this.cluster.counters.framesLost += lost;
    for (const a of this.heals) {
      a.entry.healing = null;
      this.cluster.counters.healsAborted++;
      a.done.resolve(false);
    }
    this.heals.clear();
    this.stopping = true;
    this.state = 'freed';
    this.scope.kill();
  }
}
