/**
 * The swarm's output directory, resumable like a sweep's (sim/sweep/sweep-dir.ts, whose primitives it
 * reuses):
 *
 * - `swarm.json`: what the batch is (seeds, modes, faults, limits, shard, version). A directory holding
 *   another batch's swarm.json is refused; any other non-empty directory too.
 * - `swarm.csv`: one row per finished case, appended in completion order (one write each), so a
 *   killed batch loses at most the cases in flight and the same command resumes it.
 * - `failures/seed-<S>-<mode>.yaml`: each failing case as generated, written (atomically) before its
 *   row, so a row never names a missing file; `seed-<S>-<mode>.shrunk.yaml`: the first case of each
 *   failure signature, shrunk once every case has run (a resumed batch shrinks what is missing).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseCsv } from '../../reports/csv.js';
import { removeDeadSiblings } from '../../reports/output-dir.js';
import { UserError } from '../errors.js';
import type { Mode } from '../scenario/ast.js';
import { removeStaleTemporaries } from '../sweep/atomic.js';
import { csvLine } from '../sweep/columns.js';
import type { Shard } from '../sweep/grid.js';

export const SWARM_JSON = 'swarm.json';
export const SWARM_CSV = 'swarm.csv';
export const FAILURES_DIR = 'failures';
export const SWARM_COLUMNS = ['seed', 'mode', 'profile', 'verdict', 'signature', 'steps', 'events', 'sim_seconds', 'file'] as const;

export interface SwarmSpec {
  readonly base_seed: number;
  readonly seeds: number;
  readonly modes: readonly Mode[];
  readonly faults: readonly string[];
  readonly max_events: number;
  readonly time_limit_s: number;
  readonly shard: Shard | null;
  readonly version: string;
}

export function swarmJsonText(spec: SwarmSpec): string {
  const ordered = {
    base_seed: spec.base_seed,
    seeds: spec.seeds,
    modes: [...spec.modes],
    faults: [...spec.faults],
    max_events: spec.max_events,
    time_limit_s: spec.time_limit_s,
    shard: spec.shard ? { index: spec.shard.index, count: spec.shard.count } : null,
    version: spec.version,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** A row of swarm.csv, as cells keyed by column. */
export type SwarmRow = Readonly<Record<(typeof SWARM_COLUMNS)[number], string>>;

export interface SwarmDirPlan {
  readonly dir: string;
  readonly fresh: boolean;
  readonly rows: readonly SwarmRow[];
  /** Bytes of swarm.csv up to its last complete line (null: no swarm.csv). */
  readonly completeBytes: number | null;
  readonly fileBytes: number;
}

/** Decides what to do with `out`, or throws a UserError; changes nothing. */
export function inspectSwarmDir(out: string, spec: SwarmSpec): SwarmDirPlan {
  const dir = resolve(out);
  const fresh = { dir, fresh: true, rows: [], completeBytes: null, fileBytes: 0 };
  let st;
  try {
    st = statSync(dir);
  } catch {
    return fresh;
  }
  if (!st.isDirectory()) throw new UserError(`${out}: exists and is not a directory`);
  const json = join(dir, SWARM_JSON);
  if (!existsSync(json)) {
    if (readdirSync(dir).length === 0) return fresh;
    throw new UserError(`${out}: exists and is not a swarm directory (no ${SWARM_JSON}); refusing to write into it (choose another --out)`);
  }
  const was = readFileSync(json, 'utf8');
  const now = swarmJsonText(spec);
  if (was !== now) throw new UserError(`${out} holds another swarm batch (its ${SWARM_JSON} differs: ${firstDifference(was, now)}); refusing to resume into it (use the arguments that made it, or another --out)`);
  const csv = join(dir, SWARM_CSV);
  if (!existsSync(csv)) return { dir, fresh: false, rows: [], completeBytes: null, fileBytes: 0 };
  const bytes = readFileSync(csv);
  const completeBytes = bytes.lastIndexOf(0x0a) + 1;
  return { dir, fresh: false, rows: readSwarmRows(bytes.toString('utf8', 0, completeBytes), join(out, SWARM_CSV)), completeBytes, fileBytes: bytes.length };
}

function firstDifference(was: string, now: string): string {
  const a = was.split('\n');
  const b = now.split('\n');
  const i = a.findIndex((l, k) => l !== b[k]);
  return `${(a[i] ?? '').trim() || '(end)'} there, ${(b[i] ?? '').trim() || '(end)'} now`;
}

export function readSwarmRows(text: string, where: string): SwarmRow[] {
  const parsed = parseCsv(text);
  if ('error' in parsed) throw new UserError(parsed.error, `${where}:${parsed.line}`);
  const [head, ...records] = parsed.records;
  if (!head || head.cells.join(',') !== SWARM_COLUMNS.join(',')) throw new UserError(`the header is not ${SWARM_COLUMNS.join(',')}`, `${where}:1`);
  return records.map((r) => {
    if (r.cells.length !== SWARM_COLUMNS.length) throw new UserError(`${r.cells.length} cells, expected ${SWARM_COLUMNS.length}`, `${where}:${r.line}`);
    return Object.fromEntries(SWARM_COLUMNS.map((c, i) => [c, r.cells[i]!])) as SwarmRow;
  });
}

/** Creates the directory (whole, through a renamed sibling), or repairs an interrupted one. */
export function prepareSwarmDir(plan: SwarmDirPlan, spec: SwarmSpec): void {
  const header = csvLine(SWARM_COLUMNS);
  if (plan.fresh) {
    const parent = dirname(plan.dir);
    mkdirSync(parent, { recursive: true });
    removeDeadSiblings(parent, basename(plan.dir));
    const tmp = join(parent, `.${basename(plan.dir)}.tmp-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    try {
      writeFileSync(join(tmp, SWARM_JSON), swarmJsonText(spec), 'utf8');
      writeFileSync(join(tmp, SWARM_CSV), header, 'utf8');
      renameSync(tmp, plan.dir);
    } catch (err) {
      rmSync(tmp, { recursive: true, force: true });
      throw err;
    }
    return;
  }
  removeStaleTemporaries(plan.dir, 1); // the directory and failures/
  const csv = join(plan.dir, SWARM_CSV);
  if (plan.completeBytes === null) writeFileSync(csv, header, 'utf8');
  else if (plan.completeBytes < plan.fileBytes) truncateSync(csv, plan.completeBytes);
}

/** A failing case as generated. */
export function failureFile(seed: number, mode: Mode): string {
  return join(FAILURES_DIR, `seed-${seed}-${mode}.yaml`);
}

/** The same case shrunk (the first case of each signature). */
export function shrunkFile(seed: number, mode: Mode): string {
  return join(FAILURES_DIR, `seed-${seed}-${mode}.shrunk.yaml`);
}
