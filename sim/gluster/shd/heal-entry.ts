/**
 * Healing one index entry: the sequence of frames an AFR or EC heal sends to the set's bricks
 * (reference §3.1: afr_shd_selfheal → afr_selfheal). The model keeps GlusterFS's shape and drops what
 * does not change timing or outcome:
 *
 *   lookup on every child that is up            (all in parallel)
 *   inodelk (entrylk for a directory) on them
 *   metadata: setattr on the sinks
 *   data:     per window of data-self-heal-window-size × 128 KiB, read from a source
 *             (EC: from `fragments` children) then write to every sink
 *   entry:    readdir on a source, then one create per missing name on every sink
 *   xattrop (clear the pending marks) and unlock on every child up
 *
 * A frame that fails (unwound with ENOTCONN, or refused because its client is down) aborts the heal
 * and leaves the entry pending; a heal whose sinks are not all up, or with no source up, fails after
 * its lookups (AFR finds nothing it can heal). Another healer of the set that meets an entry being
 * healed waits for that heal, as on its inodelk.
 */
import { check } from '../../engine/assert.js';
import { allOf, waitFor, type ProcessBody } from '../../engine/process.js';
import { Future, type Waitable } from '../../engine/signal.js';
import type { BrickDisk } from '../brick.js';
import type { PendingEntry } from '../heal/entry.js';
import { SHD } from '../logs/catalogue.js';
import type { ClusterXlator } from './cluster-xlator.js';
import type { Fop, Frame } from './frame.js';

export type HealOutcome = 'healed' | 'failed' | 'aborted' | 'skipped';

const SMALL = 256; // bytes of a small request or reply (headers, xattrs)
const NAME_BYTES = 64;
/** AFR's data self-heal block: a window is data-self-heal-window-size of these (afr-self-heal-data.c). */
export const HEAL_BLOCK_BYTES = 128 * 1024;

/** A heal in progress, so the process's death can abort it (SIGKILL runs no cleanup code). */
export interface HealAttempt {
  readonly entry: PendingEntry;
  readonly done: Future<boolean>;
}

export function* healEntry(xl: ClusterXlator, e: PendingEntry, by: string): ProcessBody<HealOutcome> {
  const cluster = xl.graph.cluster;
  if (!e.open) return 'skipped';
  if (e.healing) {
    const ok: boolean = yield waitFor(e.healing);
    return ok || !e.open ? 'healed' : 'failed';
  }
  const childOf = (d: BrickDisk): number => xl.children.findIndex((c) => c.disk === d);
  const sinks = [...e.sinks].map(childOf);
  if (sinks.some((i) => i < 0)) return 'skipped'; // the graph no longer has this set's bricks
  const sinkSet = new Set(sinks);
  const upChildren = xl.children.map((_, i) => i).filter((i) => xl.up[i]);
  const sources = upChildren.filter((i) => !sinkSet.has(i));

  e.attempts++;
  const attempt: HealAttempt = { entry: e, done: new Future<boolean>(`heal ${e.gfid}`) };
  e.healing = attempt.done;
  xl.graph.heals.add(attempt);
  const outcome: HealOutcome = yield* heal(xl, e, sinks, sources, upChildren, by);
  // (If the process dies mid-heal, GraphRuntime.kill settles the attempt instead, and this never runs.)
  check(cluster.sim, xl.graph.heals.delete(attempt), () => `heal of ${e.gfid} finished, but it was not in progress in graph ${xl.graph.id}`);
  e.healing = null;
  if (outcome === 'healed' && !e.open) {
    cluster.counters.healsCompleted++;
    cluster.counters.healedIn.set(e.volume, (cluster.counters.healedIn.get(e.volume) ?? 0) + 1);
  }
  else if (outcome === 'aborted') cluster.counters.healsAborted++;
  attempt.done.resolve(outcome === 'healed');
  if (outcome === 'healed') cluster.sim.emit('heal', `${xl.graph.node}/${e.volume}/${e.gfid}`);
  return outcome;
}

function* heal(xl: ClusterXlator, e: PendingEntry, sinks: number[], sources: number[], up: number[], by: string): ProcessBody<HealOutcome> {
  const cluster = xl.graph.cluster;
  const gfid = e.gfid;
  if (!(yield* all(xl, up, 'LOOKUP', gfid, 1, 0, SMALL, SMALL))) return 'aborted';

  const enoughSources = xl.kind === 'afr' ? sources.length >= 1 : sources.length >= xl.fragments;
  if (!enoughSources || sinks.some((i) => !xl.up[i])) return 'failed';

  if (xl.kind === 'afr') xl.graph.log(xl.domain, SHD.healStart, { kind: e.kind, gfid });
  const lock: Fop = e.kind === 'entry' ? 'ENTRYLK' : 'INODELK';
  if (!(yield* all(xl, up, lock, gfid, 1, 0, SMALL, SMALL))) return 'aborted';

  // Prefer the healer's own brick as the read source when it is one (AFR reads locally when it can).
  const local = sources.filter((i) => xl.isLocal(i));
  const readFrom = xl.kind === 'afr' ? [local[0] ?? sources[0]!] : sources.slice(0, xl.fragments);
  const namesAtStart = e.names;

  if (e.kind === 'metadata') {
    if (!(yield* all(xl, sinks, 'SETATTR', gfid, 1, 0, SMALL, SMALL))) return 'aborted';
  } else if (e.kind === 'data') {
    const window = xl.windowBlocks * HEAL_BLOCK_BYTES;
    for (let off = 0; off < e.bytes; off += window) {
      const len = Math.min(window, e.bytes - off);
      // EC reads one fragment-sized piece from each of k bricks; AFR the whole window from one.
      const piece = xl.kind === 'ec' ? Math.ceil(len / xl.fragments) : len;
      if (!(yield* all(xl, readFrom, 'READ', gfid, 1, piece, SMALL, piece))) return 'aborted';
      if (!(yield* all(xl, sinks, 'WRITE', gfid, 1, piece, piece, SMALL))) return 'aborted';
    }
  } else {
    if (!(yield* all(xl, readFrom.slice(0, 1), 'READDIR', gfid, 1, 0, SMALL, NAME_BYTES * namesAtStart))) return 'aborted';
    for (let n = 0; n < namesAtStart; n++) {
      if (!(yield* all(xl, sinks, 'CREATE', gfid, 2, 0, SMALL + NAME_BYTES, SMALL))) return 'aborted';
    }
  }

  if (!(yield* all(xl, up, 'XATTROP', gfid, 1, 0, SMALL, SMALL))) return 'aborted';
  if (!(yield* all(xl, up, lock, gfid, 1, 0, SMALL, SMALL))) return 'aborted';

  const now = cluster.sim.now;
  check(cluster.sim, e.healedAt === null, () => `${e.gfid} healed twice (first at ${e.healedAt}us)`);
  // A directory that gained names during its heal stays pending for those (progress was still made).
  if (e.kind === 'entry') cluster.heals.healedNames(e, namesAtStart, by, now);
  else cluster.heals.healed(e, by, now);
  if (xl.kind === 'afr') {
    const src = sources.map((i) => (i === readFrom[0] ? `[${i}]` : String(i))).join(' ');
    xl.graph.log(xl.domain, SHD.healDone, { kind: e.kind, gfid, sources: src, sinks: sinks.join(' ') });
  }
  return 'healed';
}

/** Sends one fop to each of `children` in parallel and waits; true when every frame succeeded. */
function* all(
  xl: ClusterXlator,
  children: readonly number[],
  fop: Fop,
  gfid: string,
  ops: number,
  diskBytes: number,
  sendBytes: number,
  replyBytes: number,
): ProcessBody<boolean> {
  if (children.length === 0) return true;
  const frames: Frame[] = children.map((i) => xl.children[i]!.send(fop, gfid, ops, diskBytes, sendBytes, replyBytes));
  if (frames.length === 1) yield waitFor(frames[0]!);
  else yield allOf(frames as Waitable[]);
  return frames.every((f) => f.ok);
}
