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
  type VolumeLayout,
} from './layout.js';
import { shdOptionsFor, type ShdXlatorType } from './options.js';
import { writeVolfile } from './write.js';

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
  const xlators = volumeSubtree(l);
  const top = new Xlator(l.name, IO_STATS_TYPE);
  for (const [k, v] of resolve([['log-level', 'INFO']], l.options, IO_STATS_TYPE)) top.options.set(k, v);
  for (const c of xlators) if (c.type === REPLICATE_TYPE || c.type === DISPERSE_TYPE) top.link(c);
  return new Graph([...xlators, top]);
}

/**
 * The legacy shd's one graph: the subtree of every shd-compatible volume given, in the order given,
 * under one io-stats `glustershd`. Other volumes are left out (glusterd skips them too). Throws Error
 * when no volume is shd-compatible (glusterd then runs no shd and writes no such graph).
 */
export function buildLegacyShdGraph(ls: readonly VolumeLayout[]): Graph {
  const xlators: Xlator[] = [];
  const top = new Xlator(GLUSTERSHD, IO_STATS_TYPE);
  top.options.set('log-level', 'INFO');
  const names = new Set<string>();
  for (const l of ls) {
    if (!isShdCompatible(l)) continue;
    if (names.has(l.name)) throw new Error(`volume ${l.name} given twice`);
    names.add(l.name);
    for (const xl of volumeSubtree(l)) {
      xlators.push(xl);
      if (xl.type === REPLICATE_TYPE || xl.type === DISPERSE_TYPE) top.link(xl);
    }
  }
  if (xlators.length === 0) throw new Error('no replicate or disperse volume given: the legacy shd has no graph to load');
  return new Graph([...xlators, top]);
}

/** Text of `<workdir>/vols/<vol>/<vol>-shd.vol`. Throws Error for plain distribute. */
export function generateShdVolfile(l: VolumeLayout): string {
  return writeVolfile(buildShdGraph(l));
}

/** Text of the legacy `<workdir>/glustershd/glustershd-server.vol` for these volumes. */
export function generateLegacyShdVolfile(ls: readonly VolumeLayout[]): string {
  return writeVolfile(buildLegacyShdGraph(ls));
}

/** A volume's clients and replicate/disperse xlators, linked, in file order. */
function volumeSubtree(l: VolumeLayout): Xlator[] {
  if (!isShdCompatible(l)) {
    throw new Error(`volume ${l.name} is plain distribute: it has no replicate or disperse xlator, so glusterd writes no shd volfile for it`);
  }
  const problems = layoutProblems(l);
  if (problems.length > 0) throw new Error(`impossible volume layout: ${problems.join('; ')}`);
  // The option lists are resolved once per volume (the user's options are per volume); the values
  // that differ per brick or per set are filled in below.
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
  const clusterType = l.kind === 'replicate' ? REPLICATE_TYPE : DISPERSE_TYPE;
  const out: Xlator[] = [];
  const sets = subvolumeCount(l);
  const size = l.bricks.length / sets;
  for (let s = 0; s < sets; s++) {
    const bricks = subvolumeBricks(l, s);
    const names: string[] = [];
    const cluster = new Xlator(subvolumeName(l, s), clusterType);
    for (let j = 0; j < bricks.length; j++) {
      const b = bricks[j]!;
      const c = new Xlator(clientName(l, s * size + j), CLIENT_TYPE);
      for (const [k, v] of clientOptions) c.options.set(k, v !== PER_BRICK ? v : k === 'remote-host' ? b.host : b.path);
      names.push(c.name);
      cluster.link(c);
      out.push(c);
    }
    for (const [k, v] of clusterOptions) cluster.options.set(k, v !== PER_SET ? v : names.join(','));
    out.push(cluster);
  }
  return out;
}

/** Placeholders for values resolve() cannot know: a brick's host or path, a set's client list. */
const PER_BRICK = '\0per-brick';
const PER_SET = '\0per-set';

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
