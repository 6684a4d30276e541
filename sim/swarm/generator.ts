/**
 * A random scenario from a seed: the body of the scenario as step strings of the scenario language
 * itself, so that a failing case is its own reproducer (scenario-text.ts writes the file).
 *
 * The generator keeps a belief of the cluster (volumes, their layout and state, glusterds, mounts) to
 * draw steps that make sense — start a created volume, add a whole replica set, touch files on a
 * mounted volume — and, with the mix's `wild` probability, steps GlusterFS refuses. The belief is
 * optimistic (it assumes a sensible step succeeds); it only steers the choices: every generated text is
 * valid scenario language whatever the model answers, and the liveness phase (liveness.ts) is derived
 * from the model's real state, not from this belief.
 *
 * Every draw comes from named streams of the seed (`swarm-mix`, `swarm-steps`, `swarm-layout`,
 * `swarm-pick`): a change in how one kind of step is drawn does not reshuffle the others.
 */
import { Rng, type RandomStream } from '../engine/random.js';
import { drawClass, drawMix, type StepClass, type SwarmMix } from './mix.js';
import type { Fault } from '../gluster/model-config.js';

type Kind = 'distribute' | 'replicate' | 'disperse';

interface Brick {
  readonly host: string;
  readonly path: string;
}

interface VolBelief {
  readonly name: string;
  kind: Kind;
  replica: number;
  disperse: number;
  bricks: Brick[];
  state: 'created' | 'started' | 'stopped';
}

export interface GeneratedScenario {
  readonly seed: number;
  readonly mix: SwarmMix;
  readonly nodes: readonly string[];
  /** `model:` settings of the scenario (faults only when the swarm was asked for them). */
  readonly model: Readonly<Record<string, string | readonly string[]>>;
  readonly body: readonly string[];
}

/** Options a `volume set` draws from: the shd options the spec names, plus one key GlusterFS carries nowhere. */
const SETTABLE: readonly (readonly [string, readonly string[]])[] = [
  ['cluster.heal-timeout', ['5', '10', '30', '60', '120', '600', '900']],
  ['cluster.shd-max-threads', ['1', '2', '4', '8']],
  ['cluster.shd-wait-qlength', ['1', '16', '1024']],
  ['cluster.self-heal-daemon', ['on', 'off']],
  ['cluster.disperse-self-heal-daemon', ['enable', 'disable']],
  ['cluster.background-self-heal-count', ['0', '4', '16']],
  ['cluster.eager-lock', ['on', 'off']],
  ['performance.flush-behind', ['on', 'off']],
  ['disperse.shd-max-threads', ['1', '2', '8']],
  ['cluster.data-self-heal-window-size', ['1', '8', '16']],
  ['diagnostics.client-log-level', ['INFO', 'DEBUG', 'WARNING']],
  ['user.swarm-note', ['a', 'b']],
];

export function generateScenario(seed: number, allowedFaults: readonly Fault[] = []): GeneratedScenario {
  const rng = new Rng(seed);
  const mix = drawMix(rng.stream('swarm-mix'), allowedFaults);
  const g = new Generator(mix, rng.stream('swarm-steps'), rng.stream('swarm-layout'), rng.stream('swarm-pick'));
  const body = g.generate();
  const model: Record<string, string | readonly string[]> = {};
  if (mix.faults.length > 0) model.faults = mix.faults;
  if (mix.drain) model.detach = 'drain';
  return { seed, mix, nodes: g.nodes, model, body };
}

class Generator {
  readonly nodes: string[];
  private readonly volumes: VolBelief[] = [];
  private readonly deleted: string[] = [];
  private readonly glusterdUp = new Map<string, boolean>();
  /** Mountpoint → volume, for mounts believed alive. */
  private readonly mounts = new Map<string, string>();
  /** Mountpoints of earlier mount steps (what the loader accepts for touch and write). */
  private readonly mountSteps = new Set<string>();
  private volumeSeq = 0;
  private brickSeq = 0;
  private mountSeq = 0;
  private touchSeq = 0;
  private readonly out: string[] = [];

  constructor(
    private readonly mix: SwarmMix,
    private readonly steps: RandomStream,
    private readonly layout: RandomStream,
    private readonly pick: RandomStream,
  ) {
    this.nodes = Array.from({ length: mix.nodes }, (_, i) => `h${i + 1}`);
    for (const n of this.nodes) this.glusterdUp.set(n, true);
  }

  generate(): string[] {
    // Most scenarios start with a volume, so that the first steps have something to act on.
    if (this.pick.bernoulli(0.85)) {
      this.emit(this.create());
      if (this.pick.bernoulli(0.8)) this.emit(this.start(false));
    }
    let guard = 0;
    while (this.out.length < this.mix.steps && guard++ < this.mix.steps * 20) {
      const cls = drawClass(this.steps, this.mix.weights);
      const step = this.stepOf(cls);
      if (step !== null) this.emit(step);
    }
    if (this.out.length === 0) this.emit('wait 1s');
    return this.out;
  }

  private emit(step: string | null): void {
    if (step !== null) this.out.push(step);
  }

  private stepOf(cls: StepClass): string | null {
    const p = this.pick;
    switch (cls) {
      case 'lifecycle':
        return this.oneOf([
          [3, () => this.create()],
          [3, () => this.start(p.bernoulli(0.25))],
          [2, () => this.stop()],
          [1.5, () => this.remove()],
        ]);
      case 'topology':
        return this.oneOf([
          [3, () => this.addBrick()],
          [2, () => this.removeBrick()],
        ]);
      case 'options':
        return this.oneOf([
          [3, () => this.set()],
          [1, () => this.reset()],
        ]);
      case 'heal':
        return this.heal();
      case 'process':
        return this.oneOf([
          [3, () => this.killBrick()],
          [2, () => this.killGlusterd()],
          [2, () => this.startGlusterd()],
          [1, () => this.killNode()],
          [1, () => this.reboot()],
        ]);
      case 'client':
        return this.oneOf([
          [2, () => this.mount()],
          [0.5, () => this.umount()],
          [3, () => this.touch()],
          [2, () => this.write()],
        ]);
      case 'wait':
        return `wait ${this.duration(50, 900_000)}`;
    }
  }

  /** Tries the options in a weighted random order until one applies. */
  private oneOf(options: readonly (readonly [number, () => string | null])[]): string | null {
    const left = [...options];
    while (left.length > 0) {
      const total = left.reduce((s, [w]) => s + w, 0);
      let x = this.pick.uniform(0, total);
      let i = 0;
      while (i < left.length - 1 && (x -= left[i]![0]) >= 0) i++;
      const r = left[i]![1]();
      if (r !== null) return r;
      left.splice(i, 1);
    }
    return null;
  }

  /** A duration between lo and hi milliseconds, log-uniform, written with a unit. */
  private duration(loMs: number, hiMs: number): string {
    const ms = Math.round(Math.exp(this.pick.uniform(Math.log(loMs), Math.log(hiMs))));
    if (ms < 1000) return `${ms}ms`;
    if (ms < 120_000) return `${Math.round(ms / 1000)}s`;
    return `${Math.round(ms / 60_000)}m`;
  }

  private wild(): boolean {
    return this.mix.wild > 0 && this.pick.bernoulli(this.mix.wild);
  }

  private existing(filter: (v: VolBelief) => boolean = () => true): VolBelief | null {
    const vs = this.volumes.filter(filter);
    return vs.length ? this.pick.choice(vs) : null;
  }

  private host(): string {
    return this.pick.choice(this.nodes);
  }

  // ---- bricks and layouts ----------------------------------------------------------------------

  private newBrick(volume: string, host: string): Brick {
    return { host, path: `/bricks/${volume}-${++this.brickSeq}` };
  }

  /**
   * `sets` sets of `size` bricks. Hosts spread over the nodes when there are enough of them, unless
   * the draw puts two bricks of a set on one host (which needs `force`); returns whether it did.
   */
  private bricksFor(volume: string, sets: number, size: number): { bricks: Brick[]; shared: boolean } {
    const bricks: Brick[] = [];
    let shared = false;
    const squeeze = this.layout.bernoulli(0.15);
    for (let s = 0; s < sets; s++) {
      const hosts = this.layout.shuffle([...this.nodes]);
      for (let i = 0; i < size; i++) {
        const host = squeeze || size > hosts.length ? this.layout.choice(this.nodes) : hosts[i]!;
        bricks.push(this.newBrick(volume, host));
      }
      const setHosts = bricks.slice(-size).map((b) => b.host);
      if (size > 1 && new Set(setHosts).size < size) shared = true;
    }
    return { bricks, shared };
  }

  /** `force` when a set shares a host (GlusterFS refuses without it), left out now and then on purpose. */
  private force(shared: boolean): string {
    if (shared) return this.wild() ? '' : ' force';
    return this.layout.bernoulli(0.05) ? ' force' : '';
  }

  private brickList(bricks: readonly Brick[]): string {
    return bricks.map((b) => `${b.host}:${b.path}`).join(' ');
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  private create(): string | null {
    if (this.volumes.length >= this.mix.maxVolumes && !this.wild()) return null;
    const reuse = this.deleted.length > 0 && this.pick.bernoulli(0.3);
    const name = reuse ? this.deleted.splice(this.pick.int(0, this.deleted.length - 1), 1)[0]! : `v${++this.volumeSeq}`;
    const l = this.layout;
    const sets = l.int(1, this.mix.maxSets);
    const kind = l.choice(['distribute', 'replicate', 'replicate', 'arbiter', 'disperse'] as const);
    let head: string;
    let size: number;
    let belief: Omit<VolBelief, 'bricks'>;
    switch (kind) {
      case 'distribute':
        size = 1;
        head = '';
        belief = { name, kind: 'distribute', replica: 1, disperse: 0, state: 'created' };
        break;
      case 'replicate':
      case 'arbiter': {
        const replica = kind === 'arbiter' ? 3 : l.choice([2, 3]);
        size = replica;
        head = kind === 'arbiter' ? ' replica 3 arbiter 1' : ` replica ${replica}`;
        belief = { name, kind: 'replicate', replica, disperse: 0, state: 'created' };
        break;
      }
      case 'disperse': {
        const [n, r] = l.choice([[3, 1], [4, 1], [6, 2], [5, 2]] as const);
        size = n;
        head = l.bernoulli(0.3) ? ` disperse ${n}` : ` disperse ${n} redundancy ${r}`;
        belief = { name, kind: 'disperse', replica: 1, disperse: n, state: 'created' };
        break;
      }
    }
    const { bricks, shared } = this.bricksFor(name, kind === 'distribute' ? l.int(1, 4) : sets, size);
    this.volumes.push({ ...belief, bricks });
    return `gluster volume create ${name}${head} ${this.brickList(bricks)}${this.force(shared)}`;
  }

  private start(force: boolean): string | null {
    if (force) {
      const v = this.existing((x) => x.state === 'started');
      if (v) return `gluster volume start ${v.name} force`;
    }
    const v = this.wild() ? this.existing() : this.existing((x) => x.state !== 'started');
    if (!v) return null;
    v.state = 'started';
    return `gluster volume start ${v.name}`;
  }

  private stop(): string | null {
    const v = this.wild() ? this.existing() : this.existing((x) => x.state === 'started');
    if (!v) return null;
    if (v.state === 'started') v.state = 'stopped';
    for (const [mp, vol] of this.mounts) if (vol === v.name) this.mounts.delete(mp);
    return `gluster volume stop ${v.name}${this.pick.bernoulli(0.2) ? ' force' : ''}`;
  }

  private remove(): string | null {
    const v = this.wild() ? this.existing() : this.existing((x) => x.state !== 'started');
    if (!v) return null;
    if (v.state !== 'started') {
      this.volumes.splice(this.volumes.indexOf(v), 1);
      this.deleted.push(v.name);
    }
    return `gluster volume delete ${v.name}`;
  }

  // ---- topology --------------------------------------------------------------------------------

  private addBrick(): string | null {
    const v = this.existing();
    if (!v) return null;
    const l = this.layout;
    if (v.kind === 'disperse') {
      const { bricks, shared } = this.bricksFor(v.name, 1, v.disperse);
      v.bricks.push(...bricks);
      return `gluster volume add-brick ${v.name} ${this.brickList(bricks)}${this.force(shared)}`;
    }
    const sets = v.kind === 'replicate' ? v.bricks.length / v.replica : v.bricks.length;
    const raise = v.replica < 3 && sets <= 4 && l.bernoulli(0.5);
    if (raise) {
      // One more brick in every set (distribute → replica 2, replica 2 → 3, maybe as an arbiter).
      const target = v.replica + 1;
      const arbiter = target === 3 && l.bernoulli(0.3);
      const added = Array.from({ length: sets }, () => this.newBrick(v.name, this.host()));
      const next: Brick[] = [];
      for (let s = 0; s < sets; s++) next.push(...v.bricks.slice(s * v.replica, (s + 1) * v.replica), added[s]!);
      const shared = Array.from({ length: sets }, (_, s) => next.slice(s * target, (s + 1) * target).map((b) => b.host)).some((h) => new Set(h).size < h.length);
      v.bricks = next;
      v.kind = 'replicate';
      v.replica = target;
      return `gluster volume add-brick ${v.name} replica ${target}${arbiter ? ' arbiter 1' : ''} ${this.brickList(added)}${this.force(shared)}`;
    }
    const size = v.kind === 'replicate' ? v.replica : 1;
    const { bricks, shared } = this.bricksFor(v.name, v.kind === 'replicate' ? 1 : l.int(1, 2), size);
    v.bricks.push(...bricks);
    return `gluster volume add-brick ${v.name} ${this.brickList(bricks)}${this.force(shared)}`;
  }

  private removeBrick(): string | null {
    const v = this.existing((x) => x.bricks.length > 1);
    if (!v) return null;
    const l = this.layout;
    const size = v.kind === 'replicate' ? v.replica : v.kind === 'disperse' ? v.disperse : 1;
    const sets = v.bricks.length / size;
    if (v.kind === 'replicate' && (sets === 1 || l.bernoulli(0.5))) {
      // Lower the replica count: one brick out of every set (replica 2 → 1 is plain distribute).
      const target = v.replica - 1;
      const gone: Brick[] = [];
      const keep: Brick[] = [];
      for (let s = 0; s < sets; s++) {
        const set = v.bricks.slice(s * v.replica, (s + 1) * v.replica);
        const i = l.int(0, set.length - 1);
        set.forEach((b, j) => (j === i ? gone : keep).push(b));
      }
      v.bricks = keep;
      v.replica = target;
      if (target === 1) v.kind = 'distribute';
      return `gluster volume remove-brick ${v.name} replica ${target} ${this.brickList(gone)} force`;
    }
    if (sets < 2) return null;
    const s = l.int(0, sets - 1);
    const gone = v.bricks.splice(s * size, size);
    return `gluster volume remove-brick ${v.name} ${this.brickList(gone)} force`;
  }

  // ---- options and heal ------------------------------------------------------------------------

  private set(): string | null {
    const v = this.existing();
    if (!v) return null;
    const [key, values] = this.pick.choice(SETTABLE);
    // A value glusterd refuses, now and then.
    const value = this.wild() ? 'not-a-value' : this.pick.choice(values);
    return `gluster volume set ${v.name} ${key} ${value}`;
  }

  private reset(): string | null {
    const v = this.existing();
    if (!v) return null;
    return this.pick.bernoulli(0.5) ? `gluster volume reset ${v.name}` : `gluster volume reset ${v.name} ${this.pick.choice(SETTABLE)[0]}`;
  }

  private heal(): string | null {
    const v = this.wild() ? this.existing() : this.existing((x) => x.kind !== 'distribute');
    if (!v) return null;
    const action = this.pick.choice(['', '', ' full', ' enable', ' disable']);
    return `gluster volume heal ${v.name}${action}`;
  }

  // ---- processes and nodes ---------------------------------------------------------------------

  private killBrick(): string | null {
    const vs = this.volumes.filter((x) => x.state === 'started');
    if (vs.length === 0) return null;
    const all = vs.flatMap((v) => v.bricks);
    const n = Math.min(all.length, this.pick.bernoulli(0.7) ? 1 : this.pick.int(1, 3));
    const chosen = this.pick.shuffle([...all]).slice(0, n);
    return `kill-brick ${this.brickList(chosen)}`;
  }

  private killGlusterd(): string | null {
    const up = this.nodes.filter((n) => this.glusterdUp.get(n));
    if (up.length === 0) return null;
    const h = this.pick.choice(up);
    this.glusterdUp.set(h, false);
    return `kill-glusterd ${h}`;
  }

  private startGlusterd(): string | null {
    const down = this.nodes.filter((n) => !this.glusterdUp.get(n));
    const h = down.length && !this.wild() ? this.pick.choice(down) : this.wild() ? this.host() : null;
    if (h === null) return null;
    this.glusterdUp.set(h, true);
    return `start-glusterd ${h}`;
  }

  private killNode(): string | null {
    const h = this.host();
    this.glusterdUp.set(h, false);
    this.dropMountsOn(h);
    return `kill-node ${h}`;
  }

  private reboot(): string | null {
    const h = this.host();
    this.glusterdUp.set(h, true); // it comes back by itself
    this.dropMountsOn(h);
    return this.pick.bernoulli(0.5) ? `reboot ${h} down ${this.duration(2000, 120_000)}` : `reboot ${h}`;
  }

  private dropMountsOn(host: string): void {
    for (const mp of [...this.mounts.keys()]) if (mp.endsWith(`@${host}`)) this.mounts.delete(mp);
  }

  // ---- clients ---------------------------------------------------------------------------------

  private mount(): string | null {
    const v = this.existing((x) => x.state === 'started');
    if (!v) return null;
    const mp = `/mnt/${v.name}-${++this.mountSeq}`;
    const on = this.pick.bernoulli(0.3) ? this.host() : undefined;
    this.mounts.set(on ? `${mp}@${on}` : mp, v.name);
    this.mountSteps.add(mp);
    return `mount ${v.name} ${mp}${on ? ` on ${on}` : ''}`;
  }

  /** A mountpoint of an earlier mount step, preferring one believed alive. */
  private mountpoint(): string | null {
    const alive = [...this.mounts.keys()].map((k) => k.split('@')[0]!);
    if (alive.length && !this.wild()) return this.pick.choice(alive);
    return this.mountSteps.size ? this.pick.choice([...this.mountSteps]) : null;
  }

  private umount(): string | null {
    const mp = this.mountpoint();
    if (mp === null) return null;
    for (const k of [...this.mounts.keys()]) if (k.split('@')[0] === mp) this.mounts.delete(k);
    return `umount ${mp}`;
  }

  private touch(): string | null {
    const mp = this.mountpoint();
    if (mp === null) return null;
    const n = this.pick.int(1, this.pick.bernoulli(0.2) ? 200 : 30);
    const prefix = `t${++this.touchSeq}-`;
    return n === 1 ? `touch ${mp}/${prefix}1` : `touch ${mp}/${prefix}{1..${n}}`;
  }

  private write(): string | null {
    const mp = this.mountpoint();
    if (mp === null) return null;
    const p = this.pick;
    const files = p.int(1, p.bernoulli(0.2) ? 100 : 20);
    const size = p.choice(['4KiB', '4KiB..64KiB', '64KiB..1MiB', '1MiB..16MiB', '4KiB..256MiB', '64MiB..512MiB']);
    const rate = p.bernoulli(0.6) ? ` rate=${p.choice(['0.5', '1', '5', '20'])}/s` : '';
    const dur = p.bernoulli(0.3) ? ` for=${this.duration(1000, 300_000)}` : '';
    return `write ${mp} files=${files} size=${size}${rate}${dur}`;
  }
}
