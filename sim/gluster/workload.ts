/**
 * Clients: mounts of a volume and the files they create (reference §4, issue "Client workload").
 *
 * Simplifications (docs/model.md): a mount sees brick processes as they are (no client-side reconnect delay),
 * does no client-side heals, and creates new files only. Distribute places a file on one set by a hash
 * of its name (FNV-1a, not GlusterFS's Davies-Meyer ranges). A create or write on a set with bricks down
 * succeeds when the set has quorum — replica 3 and arbiter volumes use client-quorum `auto` (a majority),
 * replica 2 none (one brick), disperse needs its data fragments — and then marks the file and its
 * parent directory pending on every brick of the set that is up. Without quorum it fails (counted).
 * `write` sizes are drawn log-uniformly between the bounds (most files small, as real trees are);
 * arrivals are Poisson at the given rate, or back to back without one.
 */
import { sleep, type ProcessBody } from '../engine/process.js';
import type { RandomStream } from '../engine/random.js';
import type { Scope } from '../engine/scope.js';
import type { Micros } from '../engine/time.js';
import type { ModelCommand } from '../scenario/ast.js';
import type { CommandOutcome } from '../scenario/model-api.js';
import type { Cluster } from './cluster.js';
import type { EntryKind } from './heal/entry.js';
import { fileGfid, nameHash } from './ids.js';
import type { Volume } from './volume.js';

/** The host name of a mount that is not on a node of the cluster. */
export const EXTERNAL_CLIENT = 'client';

export class Mount {
  alive = true;
  /** `write` steps started on this mount (names their files and their random streams). */
  writes = 0;
  readonly scope: Scope;

  constructor(
    readonly volume: string,
    readonly mountpoint: string,
    readonly host: string,
    parent: Scope,
  ) {
    this.scope = parent.child(`mount ${mountpoint}`);
  }
}

type WriteCommand = Extract<ModelCommand, { kind: 'write' }>;

export class Workload {
  readonly mounts = new Map<string, Mount>();

  constructor(private readonly cluster: Cluster) {}

  mount(volume: string, mountpoint: string, host: string | undefined): CommandOutcome {
    const v = this.cluster.store.get(volume);
    if (this.mounts.get(mountpoint)?.alive) return { ok: false, message: `mount: ${mountpoint} is already mounted` };
    if (!v || !v.started) return { ok: false, message: `Mount failed. Check the log file for more details. (volume ${volume} ${v ? 'is not started' : 'does not exist'})` };
    const node = host ? this.cluster.node(host) : undefined;
    if (node && !node.powered) return { ok: false, message: `mount: host ${host} is down` };
    const parent = node ? node.scope : this.cluster.sim.root;
    this.mounts.set(mountpoint, new Mount(volume, mountpoint, host ?? EXTERNAL_CLIENT, parent));
    return { ok: true, message: `mounted ${volume} on ${mountpoint}` };
  }

  umount(mountpoint: string): CommandOutcome {
    const m = this.mounts.get(mountpoint);
    if (!m) return { ok: false, message: `umount: ${mountpoint}: not mounted` };
    m.alive = false;
    m.scope.kill();
    this.mounts.delete(mountpoint);
    return { ok: true, message: `unmounted ${mountpoint}` };
  }

  /** A node went down with its mounts (kill-node, reboot). */
  nodeKilled(host: string): void {
    for (const m of this.mounts.values()) {
      if (m.host !== host) continue;
      m.alive = false;
      m.scope.kill();
    }
  }

  touch(mountpoint: string, names: readonly string[]): CommandOutcome {
    const m = this.mounts.get(mountpoint);
    if (!m || !m.alive) return { ok: false, message: `touch: cannot touch '${mountpoint}/…': Transport endpoint is not connected` };
    let failed = 0;
    for (const name of names) if (!this.create(m, name, 0, 'metadata')) failed++;
    if (failed) return { ok: false, message: `touch: ${failed} of ${names.length} files failed: Transport endpoint is not connected` };
    return { ok: true, message: `touched ${names.length} files` };
  }

  /** Starts a background writer; the step itself returns at once. */
  write(cmd: WriteCommand): CommandOutcome {
    const m = this.mounts.get(cmd.mountpoint);
    if (!m || !m.alive) return { ok: false, message: `write: ${cmd.mountpoint}: Transport endpoint is not connected` };
    const k = ++m.writes;
    const stream = this.cluster.sim.rng.stream(`workload ${cmd.mountpoint}#${k}`);
    m.scope.spawn(`writer ${cmd.mountpoint}#${k}`, this.writer(m, k, cmd, stream));
    return { ok: true, message: `writing ${cmd.files} files to ${cmd.mountpoint}` };
  }

  private *writer(m: Mount, k: number, cmd: WriteCommand, r: RandomStream): ProcessBody<void> {
    const sim = this.cluster.sim;
    const end: Micros = cmd.duration !== undefined ? sim.now + cmd.duration : Infinity;
    for (let i = 1; i <= cmd.files; i++) {
      // Both draws happen whatever the cluster does, so the two modes see the same workload.
      const gap = cmd.rate ? Math.round(r.exponential(1_000_000 / cmd.rate)) : 0;
      const size = drawSize(r, cmd.sizeMin, cmd.sizeMax);
      if (gap) yield sleep(gap);
      if (sim.now > end || !m.alive) return;
      const done = this.create(m, `w${k}-${i}`, size, size > 0 ? 'data' : 'metadata');
      // Back to back: the next file starts when this one is written (a failure comes back in one RTT).
      if (!cmd.rate) yield sleep(Math.max(1, (done > 0 ? done : sim.now + this.cluster.config.net_rtt) - sim.now));
    }
  }

  /** Creates (and writes) one file; returns when the write completes, or 0 when it failed. */
  private create(m: Mount, name: string, bytes: number, kind: EntryKind): Micros {
    const cluster = this.cluster;
    const now = cluster.sim.now;
    const v = cluster.store.get(m.volume);
    if (!v || !v.started || !m.alive) {
      cluster.counters.writesFailed++;
      return 0;
    }
    const set = nameHash(name) % Math.max(1, v.setCount);
    const disks = cluster.setDisks(v, set);
    const upDisks = disks.filter((d) => cluster.brick(d.host, d.path) !== undefined);
    if (upDisks.length < quorum(v)) {
      cluster.counters.writesFailed++;
      return 0;
    }
    const gfid = fileGfid(v.id, ++v.fileSeq);
    v.files[set] = (v.files[set] ?? 0) + 1;
    if (v.shdCompatible && upDisks.length < disks.length) {
      const down = disks.filter((d) => !upDisks.includes(d));
      const subvolume = `${v.name}-${v.kind === 'disperse' ? 'disperse' : 'replicate'}-${set}`;
      cluster.heals.markPending(v.name, subvolume, disks, down, upDisks, gfid, kind, bytes, now);
    }
    // The write loads every brick that takes it (EC: a fragment each).
    const piece = v.kind === 'disperse' ? Math.ceil(bytes / v.fragments) : bytes;
    let done = now;
    for (const d of upDisks) {
      const t = cluster.network.requestDone(now, m.host, d, piece, 2, piece, 256);
      if (t > done) done = t;
    }
    return done;
  }
}

/** Bricks of a set that must be up for a write to succeed. */
export function quorum(v: Volume): number {
  if (v.kind === 'disperse') return v.fragments;
  if (v.kind === 'replicate') return v.replica >= 3 || v.arbiter ? Math.floor(v.replica / 2) + 1 : 1;
  return 1;
}

/** Log-uniform between lo and hi (uniform when lo is 0), in whole bytes. */
export function drawSize(r: RandomStream, lo: number, hi: number): number {
  const u = r.next();
  if (hi <= lo) return lo;
  if (lo <= 0) return Math.round(u * hi);
  return Math.round(Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))));
}
