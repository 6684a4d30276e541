/**
 * Healer threads (reference §3.1, §3.2).
 *
 * Index healer (`afr_shd_index_healer` / `ec_shd_index_healer`), one per local child: wait for a
 * trigger — CHILD_UP, `gluster volume heal`, a reconfigure of heal-timeout or self-heal-daemon — or
 * for heal-timeout to expire (600 s by default; forever while the shd is disabled); skip unless enough
 * children are up; sweep the brick's index healing up to shd-max-threads entries in parallel; repeat
 * after 1 s while a sweep healed something; otherwise wait again. A graph cleanup stops it at its next
 * entry boundary (cancellation is masked during a sweep).
 *
 * Full healer (`heal … full`): one crawl of the whole set from this child, then it exits.
 */
import { allOf, anyOf, sleep, waitFor, type Process, type ProcessBody } from '../../engine/process.js';
import { Signal, type Waitable } from '../../engine/signal.js';
import { seconds } from '../../engine/time.js';
import { SHD } from '../logs/catalogue.js';
import type { PendingEntry } from '../heal/entry.js';
import { nameHash } from '../ids.js';
import type { ClusterXlator } from './cluster-xlator.js';
import { healEntry, type HealOutcome } from './heal-entry.js';

/** Pause between two index sweeps while sweeps keep healing (afr-self-heald.c: sleep(1)). */
export const SWEEP_PAUSE = seconds(1);
/** Names per readdirp batch in a full crawl. */
const CRAWL_BATCH = 128;

abstract class Healer {
  protected thread: Process<void> | undefined = undefined;
  protected rerun = false;
  protected readonly wake = new Signal('healer');

  constructor(
    readonly xl: ClusterXlator,
    readonly child: number,
  ) {}

  get running(): boolean {
    return this.thread?.alive ?? false;
  }

  /** Spawn the thread if it is not running, else signal it (`rerun = 1`). */
  signal(): void {
    this.rerun = true;
    if (this.running) {
      this.wake.fire();
      return;
    }
    this.thread = this.xl.graph.scope.spawn(`${this.xl.name}/${this.child} ${this.kindName}`, this.body());
  }

  /** At fini: wake it so it notices the cleanup; returns what to wait for. */
  stop(): Waitable | undefined {
    if (!this.running) return undefined;
    this.wake.fire();
    return this.thread!.exited;
  }

  protected abstract readonly kindName: string;
  protected abstract body(): ProcessBody<void>;

  protected get brick(): string {
    const c = this.xl.children[this.child]!;
    return `${c.host}:${c.path}`;
  }

  /**
   * Heals `entries` (a snapshot of the local index, or what a crawl found) with up to shd-max-threads
   * workers; returns how many were healed.
   */
  protected *healAll(entries: PendingEntry[]): ProcessBody<number> {
    const xl = this.xl;
    const graph = xl.graph;
    const client = xl.children[this.child]!;
    let next = 0;
    let healed = 0;
    const worker = (): ProcessBody<void> =>
      (function* (self: Healer): ProcessBody<void> {
        while (next < entries.length) {
          // Entry boundary: stop when the graph goes away or this brick is gone.
          if (graph.stopping || client.state !== 'connected' || !xl.enabled) return;
          const e = entries[next++]!;
          if (!e.open || !client.disk?.index.has(e.gfid)) continue;
          const outcome: HealOutcome = yield* healEntry(xl, e, self.brick);
          if (outcome === 'healed') healed++;
        }
      })(this);
    const n = Math.min(xl.maxThreads, entries.length);
    if (n === 0) return 0;
    const workers: Waitable[] = [];
    for (let i = 0; i < n; i++) workers.push(graph.scope.spawn(`${xl.name}/${this.child} heal-worker-${i}`, worker()).exited);
    yield allOf(workers);
    return healed;
  }
}

export class IndexHealer extends Healer {
  protected readonly kindName = 'index-healer';

  protected *body(): ProcessBody<void> {
    const xl = this.xl;
    const graph = xl.graph;
    for (;;) {
      while (!this.rerun) {
        if (graph.stopping) return;
        if (!xl.enabled) {
          yield waitFor(this.wake); // disabled: no timeout, only a signal wakes it
          continue;
        }
        const woke: number = yield anyOf([this.wake], xl.healTimeout);
        if (woke === -1) break; // heal-timeout expired: crawl
      }
      this.rerun = false;
      if (graph.stopping) return;
      if (!xl.enabled || !xl.bricksAvailableForHeal()) continue;
      for (;;) {
        const healed: number = yield* this.sweep();
        if (graph.stopping) return;
        if (healed === 0) break;
        yield sleep(SWEEP_PAUSE);
        if (graph.stopping) return;
      }
    }
  }

  /** One index sweep: read the brick's index dirs, then heal what they list. */
  private *sweep(): ProcessBody<number> {
    const client = this.xl.children[this.child]!;
    const disk = client.disk;
    if (!disk) return 0;
    // opendir + readdir of xattrop, dirty, entry-changes and anonymous-inode (4 opendirs per crawl).
    const f = client.send('OPENDIR', 'indices', 8, 0, 256, 256 + 48 * disk.index.size);
    yield waitFor(f);
    if (!f.ok) return 0;
    return yield* this.healAll(readdirOrder(disk.index.values()));
  }
}

export class FullHealer extends Healer {
  protected readonly kindName = 'full-healer';

  protected *body(): ProcessBody<void> {
    const xl = this.xl;
    const graph = xl.graph;
    while (this.rerun) {
      this.rerun = false;
      if (graph.stopping) return;
      const subvol = xl.name;
      const start = xl.kind === 'afr' ? SHD.fullSweepStart : SHD.ecFullSweepStart;
      const done = xl.kind === 'afr' ? SHD.fullSweepDone : SHD.ecFullSweepDone;
      graph.log(xl.domain, start, { subvol });
      yield* this.crawl();
      if (graph.stopping) return;
      graph.log(xl.domain, done, { subvol });
    }
  }

  /** Walk every file of the set (readdirp in batches, a lookup of each), healing what needs it. */
  private *crawl(): ProcessBody<void> {
    const xl = this.xl;
    const client = xl.children[this.child]!;
    const disk = client.disk;
    if (!disk) return;
    const volume = xl.graph.cluster.store.get(xl.volume);
    const files = volume?.filesOn(disk.host, disk.path) ?? 0;
    for (let done = 0; done < files; done += CRAWL_BATCH) {
      if (xl.graph.stopping) return;
      const batch = Math.min(CRAWL_BATCH, files - done);
      const f = client.send('READDIR', 'crawl', 2 * batch, 0, 256, 128 * batch);
      yield waitFor(f);
      if (!f.ok) return;
    }
    yield* this.healAll(readdirOrder(disk.index.values()));
  }
}

/**
 * The order a sweep meets index entries: readdir of `.glusterfs/indices/xattrop`, whose entries are
 * named by gfid, comes back in the directory's hash order — here a stable hash of the gfid — not in
 * the order the entries were created.
 */
export function readdirOrder(entries: Iterable<PendingEntry>): PendingEntry[] {
  return [...entries].map((e) => ({ e, h: nameHash(e.gfid) })).sort((a, b) => a.h - b.h || (a.e.gfid < b.e.gfid ? -1 : 1)).map((x) => x.e);
}
