/**
 * What glusterd knows about a volume that matters for its volfiles: its bricks in volume order and
 * how they group into replica or disperse sets, plus the options the user set.
 */
export interface BrickSpec {
  host: string;
  path: string;
}

export type VolumeKind = 'distribute' | 'replicate' | 'disperse';

export interface VolumeLayout {
  name: string;
  /** 'distribute' = plain distribute: no replicate/disperse xlator, so no shd graph. */
  kind: VolumeKind;
  /** In volume order (the order of `volume create` and `add-brick`). */
  bricks: readonly BrickSpec[];
  /** Bricks per replica set (replicate; the arbiter included); 1 otherwise. */
  replica: number;
  /** 0, or 1 for `replica 3 arbiter 1` (the last brick of each set is the arbiter). */
  arbiter: number;
  /** Bricks per disperse set (disperse); 0 otherwise. */
  disperse: number;
  /** Disperse redundancy R; 0 otherwise. */
  redundancy: number;
  /** Options the user set, by CLI key (e.g. 'cluster.heal-timeout'), in the order they were set. */
  options: ReadonlyMap<string, string>;
  /** Trusted-client credentials glusterd writes into client xlators (the model supplies uuids). */
  username: string;
  password: string;
}

/** Replica or disperse sets; 0 for plain distribute. */
export function subvolumeCount(l: VolumeLayout): number {
  const size = setSize(l);
  return size === 0 ? 0 : Math.floor(l.bricks.length / size);
}

/** The bricks of set `i` (0-based), in volume order. */
export function subvolumeBricks(l: VolumeLayout, i: number): BrickSpec[] {
  const size = setSize(l);
  if (size === 0) throw new Error(`volume ${l.name} is plain distribute: it has no replica or disperse sets`);
  if (!Number.isInteger(i) || i < 0 || i >= subvolumeCount(l)) {
    throw new Error(`volume ${l.name} has no subvolume ${i} (it has ${subvolumeCount(l)})`);
  }
  return l.bricks.slice(i * size, (i + 1) * size);
}

/** `<vol>-replicate-<i>` or `<vol>-disperse-<i>`: glusterd's names for the cluster xlators. */
export function subvolumeName(l: VolumeLayout, i: number): string {
  if (l.kind === 'distribute') throw new Error(`volume ${l.name} is plain distribute: it has no replica or disperse sets`);
  return `${l.name}-${l.kind}-${i}`;
}

/** `<vol>-client-<N>`, N counting over all bricks of the volume. */
export function clientName(l: VolumeLayout, brickIndex: number): string {
  return `${l.name}-client-${brickIndex}`;
}

/** glusterd's test for volumes the shd serves: replicate (arbiter included) or disperse. */
export function isShdCompatible(l: VolumeLayout): boolean {
  return l.kind === 'replicate' || l.kind === 'disperse';
}

/** Index of the set that brick `brickIndex` belongs to, or -1 for plain distribute. */
export function subvolumeOfBrick(l: VolumeLayout, brickIndex: number): number {
  const size = setSize(l);
  return size === 0 ? -1 : Math.floor(brickIndex / size);
}

/**
 * Problems that make a layout impossible for glusterd (the model refuses such a `volume create`
 * before it ever builds a layout); [] when it is sound. The volfile generators throw on any.
 */
export function layoutProblems(l: VolumeLayout): string[] {
  const p: string[] = [];
  if (l.name === '') p.push('volume name is empty');
  if (l.bricks.length === 0) p.push(`volume ${l.name} has no bricks`);
  switch (l.kind) {
    case 'distribute':
      break;
    case 'replicate':
      if (!Number.isInteger(l.replica) || l.replica < 2) p.push(`volume ${l.name}: replica count ${l.replica} is below 2`);
      else if (l.bricks.length % l.replica !== 0) {
        p.push(`volume ${l.name}: ${l.bricks.length} bricks are not a multiple of replica count ${l.replica}`);
      }
      if (l.arbiter !== 0 && !(l.arbiter === 1 && l.replica === 3)) p.push(`volume ${l.name}: arbiter ${l.arbiter} needs replica 3 arbiter 1`);
      break;
    case 'disperse':
      if (!Number.isInteger(l.disperse) || l.disperse < 3) p.push(`volume ${l.name}: disperse count ${l.disperse} is below 3`);
      else if (l.bricks.length % l.disperse !== 0) {
        p.push(`volume ${l.name}: ${l.bricks.length} bricks are not a multiple of disperse count ${l.disperse}`);
      }
      if (!Number.isInteger(l.redundancy) || l.redundancy < 1 || 2 * l.redundancy >= l.disperse) {
        p.push(`volume ${l.name}: redundancy ${l.redundancy} must be at least 1 and less than half of disperse count ${l.disperse}`);
      }
      break;
  }
  return p;
}

function setSize(l: VolumeLayout): number {
  if (l.kind === 'replicate') return l.replica;
  if (l.kind === 'disperse') return l.disperse;
  return 0;
}
