/**
 * The shd volfiles glusterd generates (reference §2.2): per volume `<vol>-shd.vol` for the
 * multiplexed shd (top io-stats named after the volume), and the legacy single
 * `glustershd-server.vol` (every shd-compatible volume under one io-stats named `glustershd`).
 *
 * Real glusterd-written shd volfiles are not available byte for byte; this layout is built from the
 * reference's reconstruction, and these are the choices made where it is silent:
 * - File order is depth-first, children before parents: for each set its clients then the set, and
 *   the top last (client-0..2, replicate-0, client-3..5, replicate-1, top), as glusterd prints graphs.
 * - Option order inside a block is fixed (the reconstruction's order); real files follow glusterd's
 *   dictionary order, which the model has no reason to imitate.
 * - User-set options that reach the shd graph (see options.ts) replace the value of an option the
 *   block always has, or are appended after the fixed options in the order the user set them.
 * - transport.address-family is written only when set, right after transport-type.
 * - `strict-locks off` (newer releases only) is not written.
 * - The legacy top `glustershd` carries `log-level INFO` like a per-volume top; a volume's
 *   diagnostics.client-log-level cannot apply to a top shared by all volumes and is not carried there.
 *
 * Each volume is first planned (names, bricks, resolved option lists); the plan is then either built
 * into a Graph or written as text directly, without building xlators for a file that only gets
 * written (the legacy volfile of 1,000 volumes). Tests check that the two renderings agree.
 */
import { Graph, CLIENT_TYPE, DISPERSE_TYPE, REPLICATE_TYPE } from '../graph/graph.js';
import { Xlator } from '../graph/xlator.js';
import {
  clientName,
  isShdCompatible,
  layoutProblems,
  subvolumeBricks,
  subvolumeCount,
  subvolumeName,
  type BrickSpec,
  type VolumeLayout,
} from './layout.js';
import { shdOptionsFor, type ShdXlatorType } from './options.js';
import { VolfileWriter } from './write.js';

const IO_STATS_TYPE = 'debug/io-stats';

/** Relative to glusterd's workdir: the legacy (pre-mux) combined shd volfile. */
export const LEGACY_SHD_VOLFILE_PATH = 'glustershd/glustershd-server.vol';
/** The legacy shd's volfile-id; the multiplexed one uses shdVolfileId(vol). */
export const LEGACY_SHD_VOLFILE_ID = 'gluster/glustershd';
/** Name of the legacy combined graph's top, and of the multiplexed shd's parent graph top. */
export const GLUSTERSHD = 'glustershd';

/** `<workdir>/vols/<vol>/<vol>-shd.vol` */
export function shdVolfilePath(workdir: string, vol: string): string {
  return `${workdir.replace(/\/+$/, '')}/vols/${vol}/${vol}-shd.vol`;
}

/** `shd/<vol>`: the volfile-id the multiplexed shd fetches and attaches a volume's graph under. */
export function shdVolfileId(vol: string): string {
  return `shd/${vol}`;
}

/** The multiplexed shd's graph of one volume. Throws Error for plain distribute (it has none). */
export function buildShdGraph(l: VolumeLayout): Graph {
  const plan = planVolume(l);
  return buildGraph([plan], perVolumeTop(plan));
}

/**
 * The legacy shd's one graph: the subtree of every shd-compatible volume given, in the order given,
 * under one io-stats `glustershd`. Other volumes are left out (glusterd skips them too). Throws Error
 * when no volume is shd-compatible (glusterd then runs no shd and writes no such graph).
 */
export function buildLegacyShdGraph(ls: readonly VolumeLayout[]): Graph {
  const plans = planLegacy(ls);
  return buildGraph(plans, legacyTop(plans));
}

/** Text of `<workdir>/vols/<vol>/<vol>-shd.vol`. Throws Error for plain distribute. */
export function generateShdVolfile(l: VolumeLayout): string {
  const plan = planVolume(l);
  return writePlans([plan], perVolumeTop(plan));
}

/** Text of the legacy `<workdir>/glustershd/glustershd-server.vol` for these volumes. */
export function generateLegacyShdVolfile(ls: readonly VolumeLayout[]): string {
  const plans = planLegacy(ls);
  return writePlans(plans, legacyTop(plans));
}

/** Placeholders for values known only per brick (host, path) or per set (its client list). */
const PER_BRICK = '\0per-brick';
const PER_SET = '\0per-set';

interface SetPlan {
  name: string;
  clients: { name: string; brick: BrickSpec }[];
}

/** What glusterd decides for one volume's part of an shd graph. */
interface VolumePlan {
  volume: string;
  /** Options of the volume's own io-stats top (multiplexed shd). */
  topOptions: [string, string][];
  /** Client options in order; PER_BRICK values are the brick's host (remote-host) or path. */
  clientOptions: [string, string][];
  clusterType: string;
  /** Cluster xlator options in order; a PER_SET value is the set's client names, comma-separated. */
  clusterOptions: [string, string][];
  sets: SetPlan[];
}

interface TopPlan {
  name: string;
  options: [string, string][];
  children: string[];
}

function planVolume(l: VolumeLayout): VolumePlan {
  if (!isShdCompatible(l)) {
    throw new Error(`volume ${l.name} is plain distribute: it has no replicate or disperse xlator, so glusterd writes no shd volfile for it`);
  }
  const problems = layoutProblems(l);
  if (problems.length > 0) throw new Error(`impossible volume layout: ${problems.join('; ')}`);
  const clientOptions = resolve(
    [
      ['ping-timeout', '42'],
      ['remote-host', PER_BRICK],
      ['remote-subvolume', PER_BRICK],
      ['transport-type', 'tcp'],
      ['transport.address-family', undefined],
      ['username', l.username],
      ['password', l.password],
      ['transport.socket.ssl-enabled', 'off'],
      ['transport.tcp-user-timeout', '0'],
      ['transport.socket.keepalive-time', '20'],
      ['transport.socket.keepalive-interval', '2'],
      ['transport.socket.keepalive-count', '9'],
    ],
    l.options,
    CLIENT_TYPE,
  );
  const clusterOptions =
    l.kind === 'replicate'
      ? resolve(
          [
            ['afr-pending-xattr', PER_SET],
            ['arbiter-count', l.arbiter === 1 ? '1' : undefined],
            // glusterd's forced shd settings: heals run synchronously in the healer threads.
            ['background-self-heal-count', '0'],
            ['metadata-self-heal', 'on'],
            ['data-self-heal', 'on'],
            ['entry-self-heal', 'on'],
            ['self-heal-daemon', 'enable'],
            ['iam-self-heal-daemon', 'yes'],
          ],
          l.options,
          REPLICATE_TYPE,
        )
      : resolve(
          [
            ['redundancy', String(l.redundancy)],
            ['self-heal-daemon', 'enable'],
            ['iam-self-heal-daemon', 'yes'],
          ],
          l.options,
          DISPERSE_TYPE,
        );
  const sets: SetPlan[] = [];
  const count = subvolumeCount(l);
  const size = l.bricks.length / count;
  for (let s = 0; s < count; s++) {
    sets.push({ name: subvolumeName(l, s), clients: subvolumeBricks(l, s).map((brick, j) => ({ name: clientName(l, s * size + j), brick })) });
  }
  return {
    volume: l.name,
    topOptions: resolve([['log-level', 'INFO']], l.options, IO_STATS_TYPE),
    clientOptions,
    clusterType: l.kind === 'replicate' ? REPLICATE_TYPE : DISPERSE_TYPE,
    clusterOptions,
    sets,
  };
}

function planLegacy(ls: readonly VolumeLayout[]): VolumePlan[] {
  const plans: VolumePlan[] = [];
  const names = new Set<string>();
  for (const l of ls) {
    if (!isShdCompatible(l)) continue;
    if (names.has(l.name)) throw new Error(`volume ${l.name} given twice`);
    names.add(l.name);
    plans.push(planVolume(l));
  }
  if (plans.length === 0) throw new Error('no replicate or disperse volume given: the legacy shd has no graph to load');
  return plans;
}

function perVolumeTop(plan: VolumePlan): TopPlan {
  return { name: plan.volume, options: plan.topOptions, children: plan.sets.map((s) => s.name) };
}

function legacyTop(plans: readonly VolumePlan[]): TopPlan {
  return { name: GLUSTERSHD, options: [['log-level', 'INFO']], children: plans.flatMap((p) => p.sets.map((s) => s.name)) };
}

function buildGraph(plans: readonly VolumePlan[], top: TopPlan): Graph {
  const xlators: Xlator[] = [];
  for (const p of plans) {
    for (const set of p.sets) {
      const cluster = new Xlator(set.name, p.clusterType);
      for (const { name, brick } of set.clients) {
        const c = new Xlator(name, CLIENT_TYPE);
        for (const [k, v] of p.clientOptions) c.options.set(k, v !== PER_BRICK ? v : k === 'remote-host' ? brick.host : brick.path);
        cluster.link(c);
        xlators.push(c);
      }
      for (const [k, v] of p.clusterOptions) cluster.options.set(k, v !== PER_SET ? v : set.clients.map((c) => c.name).join(','));
      xlators.push(cluster);
    }
  }
  const t = new Xlator(top.name, IO_STATS_TYPE);
  for (const [k, v] of top.options) t.options.set(k, v);
  const byName = new Map(xlators.map((x) => [x.name, x]));
  for (const c of top.children) t.link(byName.get(c)!);
  xlators.push(t);
  return new Graph(xlators);
}

/** The same text as writeVolfile(buildGraph(plans, top)), written straight from the plans. */
function writePlans(plans: readonly VolumePlan[], top: TopPlan): string {
  const w = new VolfileWriter();
  for (const p of plans) {
    for (const set of p.sets) {
      const names: string[] = [];
      for (const { name, brick } of set.clients) {
        names.push(name);
        w.volume(name, CLIENT_TYPE);
        for (const [k, v] of p.clientOptions) w.option(k, v !== PER_BRICK ? v : k === 'remote-host' ? brick.host : brick.path);
        w.end([]);
      }
      w.volume(set.name, p.clusterType);
      for (const [k, v] of p.clusterOptions) w.option(k, v !== PER_SET ? v : names.join(','));
      w.end(names);
    }
  }
  w.volume(top.name, IO_STATS_TYPE);
  for (const [k, v] of top.options) w.option(k, v);
  w.end(top.children);
  return w.text();
}

/**
 * An xlator's options: the fixed slots in order (an undefined slot is written only if the user sets
 * it), the user's values replacing slot values, then the other user-set options it carries.
 */
function resolve(slots: [string, string | undefined][], options: ReadonlyMap<string, string>, type: ShdXlatorType): [string, string][] {
  const values = new Map<string, string | undefined>(slots);
  for (const [k, v] of shdOptionsFor(options, type)) values.set(k, v);
  const out: [string, string][] = [];
  for (const [k, v] of values) if (v !== undefined) out.push([k, v]);
  return out;
}
