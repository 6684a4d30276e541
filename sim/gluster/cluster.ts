/**
 * The simulated world of one run in one mode: nodes (with their processes, files and sockets), the
 * volume store, pids, logs, the heal ledger, counters, the rpc layer and the event timeline. Every
 * model object reaches the rest of the world through it; it knows no daemon's class (glusterd and the
 * shd find each other through their nodes' socket tables, daemons.ts lists them for the observers).
 */
import { check } from '../engine/assert.js';
import type { RandomStream } from '../engine/random.js';
import type { Simulation } from '../engine/simulation.js';
import type { Micros } from '../engine/time.js';
import type { Mode } from '../mode.js';
import type { TimelineKind } from './rows.js';
import type { BrickDisk, BrickProcess } from './brick.js';
import { HealLedger } from './heal/ledger.js';
import { PidAllocator, uuid } from './ids.js';
import type { MessageDef } from './logs/catalogue.js';
import { LogBook, type LogProcess } from './logs/logbook.js';
import { Counters } from './metrics.js';
import type { Fault, ModelConfig } from './model-config.js';
import { Network } from './network.js';
import { Node } from './node.js';
import { Rpc } from './rpc/rpc.js';
import { VolumeStore, type Volume } from './volume.js';
import { traitsOf, versionFor, type GlusterVersion, type VersionTraits } from './version.js';

export interface TimelineEvent {
  at: Micros;
  node: string;
  kind: TimelineKind;
  volume: string;
  pid: number;
  detail: string;
}

export interface ClusterOptions {
  sim: Simulation;
  mode: Mode;
  config: ModelConfig;
  nodes: readonly string[];
  /** Keep every log line (for `--logs`). */
  captureLogs?: boolean;
}

export class Cluster {
  readonly sim: Simulation;
  readonly mode: Mode;
  readonly config: ModelConfig;
  readonly faults: ReadonlySet<Fault>;
  /** The GlusterFS release modelled, and what differs by release (version.ts). */
  readonly version: GlusterVersion;
  readonly traits: VersionTraits;
  readonly pids = new PidAllocator();
  readonly nodes = new Map<string, Node>();
  readonly store = new VolumeStore();
  readonly heals = new HealLedger();
  readonly counters = new Counters();
  readonly logs: LogBook;
  readonly network: Network;
  readonly timeline: TimelineEvent[] = [];
  readonly uuids: RandomStream;
  /** Every glusterd ↔ shd message goes through it (traced, tappable). */
  readonly rpc: Rpc;

  constructor(options: ClusterOptions) {
    this.sim = options.sim;
    this.mode = options.mode;
    this.config = options.config;
    this.faults = new Set(options.config.faults);
    this.version = versionFor(options.mode, options.config.version);
    this.traits = traitsOf(this.version);
    this.network = new Network(options.config);
    this.rpc = new Rpc(this.sim);
    this.logs = new LogBook(() => this.sim.now, options.captureLogs ?? false);
    // UUIDs depend only on the seed: the same names in both modes of a run.
    this.uuids = this.sim.rng.stream('uuids');
    for (const name of options.nodes) {
      this.nodes.set(name, new Node(name, uuid(this.uuids), this.sim.root.child(`node ${name}`)));
    }
  }

  node(name: string): Node {
    const n = this.nodes.get(name);
    check(this.sim, n !== undefined, () => `unknown node ${name}`);
    return n;
  }

  hasFault(f: Fault): boolean {
    return this.faults.has(f);
  }

  /** The brick process serving HOST:PATH, if alive, serving and its host up. */
  brick(host: string, path: string): BrickProcess | undefined {
    const n = this.nodes.get(host);
    if (!n || !n.powered) return undefined;
    const b = n.bricks.get(path);
    return b && b.alive && b.serving ? b : undefined;
  }

  /** The disks of a volume's set `set`. */
  setDisks(volume: Volume, set: number): BrickDisk[] {
    return volume.setBricks(set).map((b) => this.node(b.host).disk(b.path));
  }

  /**
   * A brick started serving or went away: its set may have become whole again (its pending entries
   * become healable) or broken.
   */
  brickStateChanged(host: string, path: string): void {
    const v = this.store.owner(host, path);
    if (!v || !v.shdCompatible) return;
    const set = v.setOf(v.brickIndex(host, path));
    const whole = v.setBricks(set).every((b) => this.brick(b.host, b.path) !== undefined);
    this.heals.setWhole(v.name, this.setDisks(v, set), whole, this.sim.now);
  }

  log<A>(node: string, process: LogProcess, domain: string, m: MessageDef<A>, args: A): void {
    this.logs.log(node, process, domain, m, args);
  }

  /** A lifecycle event: traced (and so fingerprinted) and kept for the timeline chart. */
  event(kind: TimelineKind, node: string, volume = '', pid = 0, detail = ''): void {
    this.sim.emit(kind, volume ? `${node}/${volume}` : node, pid || undefined);
    this.timeline.push({ at: this.sim.now, node, kind, volume, pid, detail });
  }
}
