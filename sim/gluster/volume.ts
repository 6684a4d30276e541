/**
 * Volumes as glusterd stores them (`/var/lib/glusterd/vols/<vol>/info`): one definition shared by
 * every peer. Simplification (docs/model.md): peers share one store; a peer whose glusterd was down when an
 * operation committed catches up when it starts again, as a friend import would.
 */
import type { BrickSpec, VolumeKind, VolumeLayout } from './volfile/layout.js';

export type VolumeState = 'created' | 'started' | 'stopped';

export class Volume {
  private _state: VolumeState = 'created';
  /** The store holding the volume, told of every state change. */
  store: VolumeStore | undefined = undefined;
  readonly options = new Map<string, string>();
  /** Next file sequence number, for gfids. */
  fileSeq = 0;
  /** Files created on each set (what a full crawl walks). */
  readonly files: number[] = [];
  /** Bumped by every committed change (glusterd's volinfo version). */
  version = 1;

  get state(): VolumeState {
    return this._state;
  }

  set state(s: VolumeState) {
    this._state = s;
    if (this.store) this.store.generation++;
  }

  constructor(
    readonly name: string,
    readonly id: string,
    public kind: VolumeKind,
    public bricks: BrickSpec[],
    public replica: number,
    public arbiter: number,
    public disperse: number,
    public redundancy: number,
    readonly username: string,
    readonly password: string,
  ) {}

  /** A committed change of layout (add-brick, remove-brick): bricks and set shape together. */
  relayout(bricks: BrickSpec[], kind: VolumeKind, replica: number, arbiter: number): void {
    this.bricks = bricks;
    this.kind = kind;
    this.replica = replica;
    this.arbiter = arbiter;
    this.version++;
  }

  /** How many of the bricks at `indices` fall in each set. */
  bricksPerSet(indices: readonly number[]): Map<number, number> {
    const per = new Map<number, number>();
    for (const i of indices) per.set(this.setOf(i), (per.get(this.setOf(i)) ?? 0) + 1);
    return per;
  }

  get started(): boolean {
    return this.state === 'started';
  }

  /** Bricks per replica or disperse set; 1 for plain distribute. */
  get setSize(): number {
    return this.kind === 'replicate' ? this.replica : this.kind === 'disperse' ? this.disperse : 1;
  }

  get setCount(): number {
    return Math.floor(this.bricks.length / this.setSize);
  }

  /** The set a brick (by its index in the volume) belongs to. */
  setOf(brickIndex: number): number {
    return Math.floor(brickIndex / this.setSize);
  }

  setBricks(set: number): BrickSpec[] {
    const n = this.setSize;
    return this.bricks.slice(set * n, set * n + n);
  }

  /** Files on the set holding brick HOST:PATH. */
  filesOn(host: string, path: string): number {
    const i = this.brickIndex(host, path);
    return i < 0 ? 0 : (this.files[this.setOf(i)] ?? 0);
  }

  brickIndex(host: string, path: string): number {
    return this.bricks.findIndex((b) => b.host === host && b.path === path);
  }

  get shdCompatible(): boolean {
    return this.kind === 'replicate' || this.kind === 'disperse';
  }

  /** Data fragments per disperse set (k of k+m). */
  get fragments(): number {
    return this.disperse - this.redundancy;
  }

  layout(): VolumeLayout {
    return {
      name: this.name,
      kind: this.kind,
      bricks: this.bricks.map((b) => ({ ...b })),
      replica: this.kind === 'replicate' ? this.replica : 1,
      arbiter: this.arbiter,
      disperse: this.kind === 'disperse' ? this.disperse : 0,
      redundancy: this.kind === 'disperse' ? this.redundancy : 0,
      options: new Map(this.options),
      username: this.username,
      password: this.password,
    };
  }
}

/** The volumes of the cluster, in creation order (glusterd's volume list order). */
export class VolumeStore {
  private readonly volumes = new Map<string, Volume>();
  /** Moves with every volume added, deleted, started or stopped (what cached checks key on). */
  generation = 0;

  get(name: string): Volume | undefined {
    return this.volumes.get(name);
  }

  has(name: string): boolean {
    return this.volumes.has(name);
  }

  add(v: Volume): void {
    this.volumes.set(v.name, v);
    v.store = this;
    this.generation++;
  }

  delete(name: string): void {
    const v = this.volumes.get(name);
    if (v) v.store = undefined;
    this.volumes.delete(name);
    this.generation++;
  }

  all(): Volume[] {
    return [...this.volumes.values()];
  }

  started(): Volume[] {
    return this.all().filter((v) => v.started);
  }

  /** The volume using brick HOST:PATH, if any. */
  owner(host: string, path: string): Volume | undefined {
    for (const v of this.volumes.values()) if (v.brickIndex(host, path) >= 0) return v;
    return undefined;
  }
}
