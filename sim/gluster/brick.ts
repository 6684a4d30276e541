/**
 * A brick: its disk (the export directory with its `.glusterfs/indices`, which survives the process)
 * and the `glusterfsd` process serving it. The disk is a FIFO server with a bandwidth and a per-op
 * latency (model.brick_bandwidth, model.brick_latency): every request — a heal frame, a client write —
 * queues behind the ones before it, so heals and client I/O on one brick contend.
 */
import type { Scope } from '../engine/scope.js';
import type { Micros } from '../engine/time.js';
import type { PendingEntry } from './heal/entry.js';
import type { OsProcess, Signal } from './process.js';

export class BrickDisk {
  /** The brick's index of entries needing heal, in creation order (what an index sweep reads). */
  readonly index = new Map<string, PendingEntry>();
  /** When the disk finishes what is queued on it. */
  busyUntil: Micros = 0;

  constructor(
    readonly host: string,
    readonly path: string,
  ) {}

  get key(): string {
    return `${this.host}:${this.path}`;
  }

  /** Completion time of a request arriving at `arrival` needing `ops` operations and `bytes` of I/O. */
  serve(arrival: Micros, ops: number, bytes: number, latency: Micros, bandwidth: number): Micros {
    const start = arrival > this.busyUntil ? arrival : this.busyUntil;
    const done = start + ops * latency + Math.ceil((bytes * 1_000_000) / bandwidth);
    this.busyUntil = done;
    return done;
  }
}

/** Anything holding a connection to a brick process: told when the process goes away. */
export interface BrickPeer {
  brickGone(brick: BrickProcess): void;
}

export class BrickProcess implements OsProcess {
  readonly command = 'glusterfsd' as const;
  private _alive = true;
  /** Serving requests (after start-up). */
  serving = false;
  readonly peers = new Set<BrickPeer>();

  constructor(
    readonly pid: number,
    readonly port: number,
    readonly disk: BrickDisk,
    readonly volume: string,
    readonly scope: Scope,
    private readonly onExit: (b: BrickProcess) => void,
  ) {}

  get alive(): boolean {
    return this._alive;
  }

  /** Bricks exit at once on either signal: in-flight requests are simply never answered. */
  signal(_sig: Signal): void {
    if (!this._alive) return;
    this._alive = false;
    this.serving = false;
    this.scope.kill();
    const peers = [...this.peers];
    this.peers.clear();
    for (const p of peers) p.brickGone(this);
    this.onExit(this);
  }
}
