/**
 * Every entry that ever needed heal, in one run: how entries become pending (client writes on a
 * degraded set), healable (the set whole again) and healed, for heal info and heals.csv.
 */
import type { Micros } from '../../engine/time.js';
import type { BrickDisk } from '../brick.js';
import { ROOT_GFID } from '../ids.js';
import { PendingEntry, type EntryKind } from './entry.js';

interface SetState {
  readonly open: Set<PendingEntry>;
  /** The root directory's open entry, which every new name in the set adds to. */
  root: PendingEntry | null;
  whole: boolean;
}

export class HealLedger {
  /** Every entry, in creation order. */
  readonly entries: PendingEntry[] = [];
  private readonly sets = new Map<string, SetState>();

  /**
   * A file `gfid` of `kind`/`bytes` was created on a set (`setDisks`) where `down` bricks missed it and
   * `up` bricks recorded it: one index entry for the file and one for the root directory on every up
   * brick. The set is not whole (a brick is down), so nothing in it is healable now.
   */
  markPending(
    volume: string,
    subvolume: string,
    setDisks: readonly BrickDisk[],
    down: readonly BrickDisk[],
    up: readonly BrickDisk[],
    gfid: string,
    kind: EntryKind,
    bytes: number,
    now: Micros,
  ): PendingEntry {
    const state = this.state(volume, setDisks);
    state.whole = false;
    for (const e of state.open) e.healableAt = null;
    const file = new PendingEntry(gfid, volume, subvolume, setDisks, kind, bytes, now);
    this.record(file, down, up, state);
    if (!state.root || !state.root.open) {
      state.root = new PendingEntry(ROOT_GFID, volume, subvolume, setDisks, 'entry', 0, now);
      this.record(state.root, [], [], state);
    }
    state.root.names++;
    for (const d of down) state.root.sinks.add(d);
    for (const d of up) {
      state.root.holders.add(d);
      d.index.set(ROOT_GFID, state.root);
    }
    return file;
  }

  /** The heal of `e` finished, by the healer of brick `by`: it leaves every index of its set. */
  healed(e: PendingEntry, by: string, now: Micros): void {
    e.healedAt = now;
    e.healedBy = by;
    for (const d of e.holders) if (d.index.get(e.gfid) === e) d.index.delete(e.gfid);
    e.holders.clear();
    const state = this.sets.get(this.key(e.volume, e.setDisks));
    state?.open.delete(e);
  }

  /**
   * A directory heal recreated `names` names: if more arrived meanwhile, the directory stays pending
   * for the rest (its index entries stay), otherwise it is healed.
   */
  healedNames(e: PendingEntry, names: number, by: string, now: Micros): boolean {
    if (e.names > names) {
      e.names -= names;
      return false;
    }
    this.healed(e, by, now);
    return true;
  }

  /**
   * A set became whole (every brick up) or broke again: open entries become healable now, or stop
   * being healable until it is whole again.
   */
  setWhole(volume: string, setDisks: readonly BrickDisk[], whole: boolean, now: Micros): void {
    const state = this.sets.get(this.key(volume, setDisks));
    if (!state || state.whole === whole) {
      if (state) state.whole = whole;
      return;
    }
    state.whole = whole;
    for (const e of state.open) e.healableAt = whole ? now : null;
  }

  /** The volume was deleted: its open entries are abandoned (its bricks' indices are left as they are). */
  orphan(volume: string): void {
    for (const [k, state] of this.sets) {
      if (!k.startsWith(`${volume}#`)) continue;
      for (const e of state.open) e.orphaned = true;
      state.open.clear();
      state.root = null;
    }
  }

  /** Entries still pending (not healed, volume not deleted). */
  openEntries(): PendingEntry[] {
    return this.entries.filter((e) => e.open);
  }

  private record(e: PendingEntry, down: readonly BrickDisk[], up: readonly BrickDisk[], state: SetState): void {
    for (const d of down) e.sinks.add(d);
    for (const d of up) {
      e.holders.add(d);
      d.index.set(e.gfid, e);
    }
    state.open.add(e);
    this.entries.push(e);
  }

  private state(volume: string, setDisks: readonly BrickDisk[]): SetState {
    const k = this.key(volume, setDisks);
    let s = this.sets.get(k);
    if (!s) {
      s = { open: new Set(), root: null, whole: false };
      this.sets.set(k, s);
    }
    return s;
  }

  private key(volume: string, setDisks: readonly BrickDisk[]): string {
    return `${volume}#${setDisks.map((d) => d.key).join(',')}`;
  }
}
