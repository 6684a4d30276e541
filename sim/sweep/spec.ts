/**
 * sweep.json: what a sweep is — the scenario (by name, path and content hash), the grid, the fixed
 * `--set` overrides, modes, seeds, shard and program version. Two sweep directories hold comparable
 * rows exactly when their sweep.json agree, so a resume requires the same text and a merge the same
 * text up to the shard. Worker count, --out and --charts change no result and are not recorded.
 */
import { createHash } from 'node:crypto';
import { UserError } from '../errors.js';
import { MODES, type Mode } from '../scenario/ast.js';
import type { GridAxis, Shard } from './grid.js';

export const SWEEP_JSON = 'sweep.json';

export interface SweepSpec {
  readonly scenario: { readonly name: string; readonly file: string; readonly sha256: string };
  readonly grid: readonly GridAxis[];
  /** `--set` overrides, as given. */
  readonly set: readonly string[];
  readonly modes: readonly Mode[];
  readonly seeds: number;
  readonly base_seed: number;
  readonly shard: Shard | null;
  readonly version: string;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Pretty-printed JSON with a fixed key order and a final line end. */
export function sweepJsonText(spec: SweepSpec): string {
  const ordered = {
    scenario: { name: spec.scenario.name, file: spec.scenario.file, sha256: spec.scenario.sha256 },
    grid: spec.grid.map((a) => ({ key: a.key, values: [...a.values] })),
    set: [...spec.set],
    modes: [...spec.modes],
    seeds: spec.seeds,
    base_seed: spec.base_seed,
    shard: spec.shard ? { index: spec.shard.index, count: spec.shard.count } : null,
    version: spec.version,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Reads sweep.json back; throws a UserError naming the file when it is not one we wrote. */
export function parseSweepJson(text: string, where: string): SweepSpec {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new UserError(`not valid JSON: ${(err as Error).message}`, where);
  }
  const bad = (what: string): never => {
    throw new UserError(`not a sweep description: ${what}`, where);
  };
  const o = isObject(v) ? v : bad('expected an object');
  const sc = isObject(o.scenario) ? o.scenario : bad('scenario');
  if (typeof sc.name !== 'string' || typeof sc.file !== 'string' || typeof sc.sha256 !== 'string') bad('scenario.name, file, sha256');
  if (!Array.isArray(o.grid) || o.grid.length === 0) bad('grid');
  const grid = (o.grid as unknown[]).map((a): GridAxis => {
    if (!isObject(a) || typeof a.key !== 'string' || !isStringList(a.values) || a.values.length === 0) return bad('grid entry');
    return { key: a.key, values: a.values };
  });
  if (!isStringList(o.set)) bad('set');
  if (!isStringList(o.modes) || o.modes.length === 0 || !o.modes.every((m) => (MODES as readonly string[]).includes(m))) bad('modes');
  if (!isCount(o.seeds) || o.seeds < 1) bad('seeds');
  if (!isCount(o.base_seed)) bad('base_seed');
  let shard: Shard | null = null;
  if (o.shard !== null) {
    const s = isObject(o.shard) ? o.shard : bad('shard');
    if (!isCount(s.index) || !isCount(s.count) || s.index < 1 || s.index > s.count) bad('shard');
    shard = { index: s.index as number, count: s.count as number };
  }
  if (typeof o.version !== 'string') bad('version');
  return {
    scenario: { name: sc.name as string, file: sc.file as string, sha256: sc.sha256 as string },
    grid,
    set: o.set as string[],
    modes: o.modes as Mode[],
    seeds: o.seeds as number,
    base_seed: o.base_seed as number,
    shard,
    version: o.version as string,
  };
}

/**
 * The first field where two sweeps differ, as `field: A vs B`; null when they agree. `ignoreShard`
 * for merging shards of one sweep.
 */
export function specDifference(was: SweepSpec, now: SweepSpec, ignoreShard = false): { field: string; was: string; now: string } | null {
  const fields: [string, unknown, unknown][] = [
    ['scenario name', was.scenario.name, now.scenario.name],
    ['scenario file', was.scenario.file, now.scenario.file],
    ['scenario content (sha256)', was.scenario.sha256, now.scenario.sha256],
    ['grid', was.grid, now.grid],
    ['--set', was.set, now.set],
    ['modes', was.modes, now.modes],
    ['seeds', was.seeds, now.seeds],
    ['base seed', was.base_seed, now.base_seed],
    ['shard', ignoreShard ? null : was.shard, ignoreShard ? null : now.shard],
    ['version', was.version, now.version],
  ];
  for (const [name, a, b] of fields) {
    const ja = JSON.stringify(a);
    const jb = JSON.stringify(b);
    if (ja !== jb) return { field: name, was: ja, now: jb };
  }
  return null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}
