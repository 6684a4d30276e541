/**
 * The run list of a sweep: `--grid` axes expanded into grid points (their cross product), each point
 * run in every mode on every seed, and `--shard i/n` slicing that list.
 *
 * Order is the contract every output relies on (sweep.csv, sweep-summary.csv, the charts, shard
 * slicing): points in cross-product order with the FIRST `--grid` key varying slowest and each key's
 * values in the order given; within a point, modes in `--mode` order (legacy, mux); within a mode,
 * seeds base, base+1, …. A run's position in that list is its `index`.
 */
import { UserError } from '../errors.js';
import type { Mode } from '../scenario/ast.js';
import type { Override } from '../scenario/overrides.js';

export interface GridAxis {
  /** A param name or `model.KEY`, as given. */
  readonly key: string;
  /** The values as given (trimmed), in order. */
  readonly values: readonly string[];
}

export interface GridPoint {
  /** 0-based position in cross-product order. */
  readonly index: number;
  /** One value per axis, in axis order. */
  readonly values: readonly string[];
}

export interface Run {
  /** 0-based position in the whole sweep's run list. */
  readonly index: number;
  readonly point: GridPoint;
  readonly mode: Mode;
  readonly modeIndex: number;
  readonly seed: number;
  /** 0-based replica: seed − base seed. */
  readonly replica: number;
}

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/**
 * Parses the `--grid KEY=V1,V2,…` options. Values are split at commas and trimmed; a key may appear
 * once; `reserved` are column names a key may not take (sweep.csv would have two columns by that
 * name), `fixed` the keys already given with `--set`.
 */
export function parseGrid(raw: readonly string[], reserved: ReadonlySet<string>, fixed: ReadonlySet<string>): GridAxis[] {
  if (raw.length === 0) throw new UserError('--grid: give at least one, such as --grid volumes=10,20,50');
  const axes: GridAxis[] = [];
  for (const item of raw) {
    const eq = item.indexOf('=');
    const key = eq > 0 ? item.slice(0, eq).trim() : '';
    if (key === '') throw new UserError(`--grid '${item}': expected KEY=V1,V2,…, such as volumes=10,20,50 or model.detach=enotconn,drain`);
    const values = item
      .slice(eq + 1)
      .split(',')
      .map((v) => v.trim());
    if (values.some((v) => v === '')) throw new UserError(`--grid '${item}': an empty value (expected values separated by single commas)`);
    if (values.some((v) => /[\r\n]/.test(v))) throw new UserError(`--grid '${key}=…': a value holds a line break`);
    const dup = values.find((v, i) => values.indexOf(v) !== i);
    if (dup !== undefined) throw new UserError(`--grid '${item}': value '${dup}' is given twice`);
    if (axes.some((a) => a.key === key)) throw new UserError(`--grid ${key}: the key is given twice (put all its values in one --grid ${key}=…)`);
    if (fixed.has(key)) throw new UserError(`--grid ${key}: the key is also given with --set (a key is either fixed or swept)`);
    if (reserved.has(key)) throw new UserError(`--grid ${key}: sweep.csv already has a column '${key}'; this key cannot be swept by that name`);
    axes.push({ key, values });
  }
  return axes;
}

/** Every grid point: the cross product of the axes, the first axis varying slowest. */
export function expandPoints(axes: readonly GridAxis[]): GridPoint[] {
  let combos: string[][] = [[]];
  for (const axis of axes) combos = combos.flatMap((c) => axis.values.map((v) => [...c, v]));
  return combos.map((values, index) => ({ index, values }));
}

/** The whole sweep's run list, in output order (point, then mode, then seed). */
export function expandRuns(points: readonly GridPoint[], modes: readonly Mode[], seeds: number, baseSeed: number): Run[] {
  const runs: Run[] = [];
  for (const point of points) {
    modes.forEach((mode, modeIndex) => {
      for (let replica = 0; replica < seeds; replica++) {
        runs.push({ index: runs.length, point, mode, modeIndex, seed: baseSeed + replica, replica });
      }
    });
  }
  return runs;
}

/**
 * The runs of shard i/n: run k (0-based, in output order) belongs to shard (k mod n) + 1. Round-robin
 * rather than contiguous blocks, so each shard gets a share of every grid point (points that take
 * longer — more volumes, more files — do not all land on the last shard).
 */
export function shardRuns<T extends { readonly index: number }>(runs: readonly T[], shard: Shard | null): T[] {
  if (!shard) return [...runs];
  return runs.filter((r) => r.index % shard.count === shard.index - 1);
}

/** `--shard i/n` (1 ≤ i ≤ n). */
export function parseShard(text: string | undefined): Shard | null {
  if (text === undefined) return null;
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new UserError(`--shard '${text}': expected i/n with 1 ≤ i ≤ n, such as 1/4`);
  }
  return { index, count };
}

/** The overrides that make one grid point: the grid keys set to the point's values. */
export function pointOverrides(axes: readonly GridAxis[], point: GridPoint): Override[] {
  return axes.map((a, i) => ({ key: a.key, value: point.values[i]! }));
}

/** `volumes=4, model.detach=drain`: a point for people (messages, the HTML table). */
export function pointLabel(axes: readonly GridAxis[], point: GridPoint): string {
  return axes.map((a, i) => `${a.key}=${point.values[i]}`).join(', ');
}

/**
 * A directory name for a point (`runs/<point>/` with --charts): its 1-based position, zero-padded so
 * names sort in grid order, then `key=value` pairs with anything unusual in a file name replaced by
 * `_`. The position keeps names unique even when two values differ only in such characters.
 */
export function pointDirName(axes: readonly GridAxis[], point: GridPoint, pointCount: number): string {
  const width = String(pointCount).length;
  const pairs = axes.map((a, i) => `${a.key}=${point.values[i]}`).join(',');
  return `${String(point.index + 1).padStart(width, '0')}-${pairs.replace(/[^A-Za-z0-9._=,+-]/g, '_')}`;
}
