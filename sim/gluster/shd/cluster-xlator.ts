/**
 * A `cluster/replicate` (AFR) or `cluster/disperse` (EC) xlator of an shd graph: it follows its
 * children's CHILD_UP/CHILD_DOWN, logs going online/offline as GlusterFS does, and owns the index
 * healers — one per child, spawned on CHILD_UP once it has heard from every child (reference §3.1:
 * afr_selfheal_childup), and kept until fini. A healer whose brick is not on this node exits at once
 * (ASSERT_LOCAL), so the model does not start one: `healer_threads` counts local children only.
 */
import { seconds, type Micros } from '../../engine/time.js';
import { SHD } from '../logs/catalogue.js';
import type { Xlator } from '../graph/xlator.js';
import type { ClientXlator } from './client.js';
import type { GraphRuntime } from './graph-runtime.js';
import { FullHealer, IndexHealer } from './healer.js';

export type ClusterKind = 'afr' | 'ec';

/** xlator option defaults in the shd (reference §3.1 table). */
export const AFR_DEFAULTS = { healTimeout: 600, maxThreads: 1, waitQlength: 1024, windowSize: 8 } as const;

function isOn(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  return ['on', 'yes', 'true', 'enable', '1'].includes(v.toLowerCase());
}

function intOption(v: string | undefined, dflt: number): number {
  const n = v === undefined ? NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : dflt;
}

export class ClusterXlator {
  readonly kind: ClusterKind;
  readonly up: boolean[];
  upCount = 0;
  readonly indexHealers: (IndexHealer | undefined)[];
  readonly fullHealers: (FullHealer | undefined)[];
  /** The volume this xlator heals (from its bricks). */
  readonly volume: string;
  healTimeout: Micros = seconds(AFR_DEFAULTS.healTimeout);
  maxThreads: number = AFR_DEFAULTS.maxThreads;
  waitQlength: number = AFR_DEFAULTS.waitQlength;
  /** Blocks of 128 KiB per data-heal window (data-self-heal-window-size). */
  windowBlocks: number = AFR_DEFAULTS.windowSize;
  enabled = true;
  /** EC: data fragments k of k+m; AFR: 0. */
  readonly fragments: number;

  private readonly heard: boolean[];
  private heardAll = false;
  private ecUp = false;

  constructor(
    readonly graph: GraphRuntime,
    readonly xl: Xlator,
    readonly children: ClientXlator[],
  ) {
    this.kind = xl.type === 'cluster/disperse' ? 'ec' : 'afr';
    this.up = children.map(() => false);
    this.heard = children.map(() => false);
    this.indexHealers = children.map(() => undefined);
    this.fullHealers = children.map(() => undefined);
    const redundancy = intOption(xl.options.get('redundancy'), 0);
    this.fragments = this.kind === 'ec' ? children.length - redundancy : 0;
    children.forEach((c, i) => {
      c.parent = this;
      c.childIndex = i;
    });
    const owner = children.find((c) => c.disk)?.disk;
    this.volume = owner ? (graph.cluster.store.owner(owner.host, owner.path)?.name ?? '') : '';
    this.readOptions(xl.options);
  }

  get name(): string {
    return this.xl.name;
  }

  get domain(): string {
    return `${this.graph.id}-${this.xl.name}`;
  }

  /** Whether child i's brick is on the node running this shd. */
  isLocal(i: number): boolean {
    return this.children[i]!.host === this.graph.node;
  }

  /** AFR heals with at least 2 children up; EC needs more than its data fragments. */
  bricksAvailableForHeal(): boolean {
    return this.kind === 'afr' ? this.upCount >= 2 : this.upCount > this.fragments;
  }

  childUp(i: number): void {
    if (!this.up[i]) {
      this.up[i] = true;
      this.upCount++;
      if (this.kind === 'afr' && this.upCount === 1) this.graph.log(this.domain, SHD.afrUp, { child: this.children[i]!.name });
      if (this.kind === 'ec' && !this.ecUp && this.upCount >= this.fragments) {
        this.ecUp = true;
        this.graph.log(this.domain, SHD.ecUp, undefined);
      }
    }
    this.heard[i] = true;
    // Every child-up after the first round of events runs the healers again (call_psh).
    if (this.heardAll || this.checkHeardAll()) this.selfhealChildup();
  }

  childDown(i: number): void {
    if (this.up[i]) {
      this.up[i] = false;
      this.upCount--;
      if (this.kind === 'afr' && this.upCount === 0) this.graph.log(this.domain, SHD.afrAllDown, undefined);
      if (this.kind === 'ec' && this.ecUp && this.upCount < this.fragments) {
        this.ecUp = false;
        this.graph.log(this.domain, SHD.ecDown, undefined);
      }
    }
    this.heard[i] = true;
    if (!this.heardAll && this.checkHeardAll()) this.selfhealChildup();
  }

  private checkHeardAll(): boolean {
    if (this.heard.every(Boolean)) this.heardAll = true;
    return this.heardAll;
  }

  /** Spawn or signal the index healer of every child that is up. */
  selfhealChildup(): void {
    if (this.graph.stopping) return;
    for (let i = 0; i < this.children.length; i++) if (this.up[i]) this.signalIndexHealer(i);
  }

  private signalIndexHealer(i: number): void {
    if (!this.isLocal(i)) return; // ASSERT_LOCAL: the thread would exit at once
    let h = this.indexHealers[i];
    if (!h) {
      h = new IndexHealer(this, i);
      this.indexHealers[i] = h;
    }
    h.signal();
  }

  /**
   * `gluster volume heal V`: per child, what glusterd reports (`Started self-heal`, `Brick is not
   * connected`, `< 2 bricks in replica are up`, or remote), and the local healers are signalled.
   */
  healIndex(): string[] {
    const status: string[] = [];
    for (let i = 0; i < this.children.length; i++) {
      if (!this.isLocal(i)) status.push('remote');
      else if (!this.up[i]) status.push('Brick is not connected');
      else if (!this.bricksAvailableForHeal()) status.push(this.kind === 'afr' ? '< 2 bricks in replica are up' : 'not enough bricks are up');
      else {
        status.push('Started self-heal');
        this.signalIndexHealer(i);
      }
    }
    return status;
  }

  /** `gluster volume heal V full`: a full crawl from every local child that is up. */
  healFull(): void {
    if (this.graph.stopping) return;
    for (let i = 0; i < this.children.length; i++) {
      if (!this.isLocal(i) || !this.up[i]) continue;
      let h = this.fullHealers[i];
      if (!h) {
        h = new FullHealer(this, i);
        this.fullHealers[i] = h;
      }
      h.signal();
    }
  }

  /**
   * Options reconfigured in place. A new heal-timeout, or the shd re-enabled, wakes the healers at once
   * (GlusterFS ≥ 7.0, commit 7ebb205c80).
   */
  reconfigure(options: ReadonlyMap<string, string>): void {
    const before = { timeout: this.healTimeout, enabled: this.enabled };
    this.readOptions(options);
    if (this.healTimeout !== before.timeout || (this.enabled && !before.enabled)) this.selfhealChildup();
  }

  private readOptions(o: ReadonlyMap<string, string>): void {
    this.healTimeout = seconds(intOption(o.get('heal-timeout'), AFR_DEFAULTS.healTimeout));
    this.maxThreads = Math.max(1, intOption(o.get('shd-max-threads'), AFR_DEFAULTS.maxThreads));
    this.waitQlength = Math.max(1, intOption(o.get('shd-wait-qlength'), AFR_DEFAULTS.waitQlength));
    this.windowBlocks = Math.max(1, intOption(o.get('data-self-heal-window-size'), AFR_DEFAULTS.windowSize));
    this.enabled = isOn(o.get('self-heal-daemon'), true);
  }

  /** Live index-healer threads (local children only, see above). */
  get healerThreads(): number {
    let n = 0;
    for (const h of this.indexHealers) if (h?.running) n++;
    return n;
  }

  /** fini: every healer leaves at its next entry boundary; resolves when all have. */
  healerExits(): import('../../engine/signal.js').Waitable[] {
    const out: import('../../engine/signal.js').Waitable[] = [];
    for (const h of [...this.indexHealers, ...this.fullHealers]) {
      const w = h?.stop();
      if (w) out.push(w);
    }
    return out;
  }
}
