/**
 * An entry needing heal: a file or directory (by gfid) of one replica/disperse set, and the bricks
 * whose index holds it. GlusterFS keeps one index entry per (brick, gfid): a file created or written
 * while a brick of its set is down gets an entry on every brick of the set that is up, and so does its
 * parent directory (reference §4). Healing removes it from every brick of the set.
 *
 * Kinds (simplification): a directory that gained names while a brick was down needs an `entry` heal
 * (recreate the names on the sinks); a file with data needs a `data` heal; an empty file (touch) a
 * `metadata` heal. A file's heal does not wait for its parent directory's.
 */
import type { Future } from '../../engine/signal.js';
import type { Micros } from '../../engine/time.js';
import type { BrickDisk } from '../brick.js';

export type EntryKind = 'data' | 'metadata' | 'entry';

export class PendingEntry {
  /** Bricks that missed the change: the heal's sinks. */
  readonly sinks = new Set<BrickDisk>();
  /** Bricks whose index holds the entry (the ones that were up). */
  readonly holders = new Set<BrickDisk>();
  /** Names to recreate, for an `entry` heal of a directory. */
  names = 0;
  /** When its set became whole again (every brick up) after it became pending; null while not whole. */
  healableAt: Micros | null = null;
  healedAt: Micros | null = null;
  /** HOST:PATH of the healer that healed it. */
  healedBy = '';
  attempts = 0;
  /** The heal attempt in progress, if any (another healer of the set waits for it, as on a lock). */
  healing: Future<boolean> | null = null;
  /** The volume was deleted while the entry was pending. */
  orphaned = false;

  constructor(
    readonly gfid: string,
    readonly volume: string,
    readonly subvolume: string,
    /** The bricks of its set when it became pending. */
    readonly setDisks: readonly BrickDisk[],
    readonly kind: EntryKind,
    readonly bytes: number,
    readonly pendingAt: Micros,
  ) {}

  get open(): boolean {
    return this.healedAt === null && !this.orphaned;
  }
}
