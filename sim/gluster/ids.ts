import type { RandomStream } from '../engine/random.js';

/**
 * Identifiers the model hands out. Pids are small integers, fresh for every spawned process of the
 * cluster (never reused, so a stale pidfile can never name a new process by accident). UUIDs (node
 * uuids, volume ids, trusted-client credentials) come from their own random stream so they depend
 * only on the seed and the order of creation.
 */
export class PidAllocator {
  private next: number;

  constructor(first = 1000) {
    this.next = first;
  }

  allocate(): number {
    return this.next++;
  }
}

/** A version-4-shaped UUID drawn from `stream`. */
export function uuid(stream: RandomStream): string {
  const hex = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(stream.next() * 16).toString(16);
    return s;
  };
  const variant = (8 + Math.floor(stream.next() * 4)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}

/** The root directory's gfid, the same on every GlusterFS volume. */
export const ROOT_GFID = '00000000-0000-0000-0000-000000000001';

/**
 * A file's gfid: a stable function of the volume id and a per-volume sequence number, so both modes
 * of a run (and every rerun) name the same file the same way.
 */
export function fileGfid(volumeId: string, seq: number): string {
  const tail = seq.toString(16).padStart(12, '0');
  return `${volumeId.slice(0, 8)}-${volumeId.slice(9, 13)}-4${volumeId.slice(15, 18)}-a${tail.slice(0, 3)}-${tail.slice(-12).padStart(12, '0')}`;
}

/** 32-bit FNV-1a of a string: DHT-style placement of file names on subvolumes. */
export function nameHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
