/**
 * `shdsim merge`: joins the directories of one sweep's shards (or any partial copies of one sweep)
 * into one sweep directory. Every input's sweep.json must describe the same sweep up to its shard;
 * rows are joined, de-duplicated by run and sorted, every run of the sweep must be present, and the
 * result — sweep.json without a shard, sweep.csv, sweep-summary.csv, charts, sweep.html — is what one
 * unsharded sweep writes, byte for byte, because it is computed by the same code from the same rows.
 *
 * The output directory is built beside its final place and renamed into it (reports/output-dir.ts);
 * it may replace an older sweep directory but never one of the inputs.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { withOutputDir } from '../../reports/output-dir.js';
import { UserError } from '../errors.js';
import { SWEEP_CSV, SWEEP_HTML, writeSweepOutputs } from './finish.js';
import { expandPoints, expandRuns, pointLabel } from './grid.js';
import { readSweepRows, type SweepRow } from './rows.js';
import type { Slo } from './slo.js';
import { parseSweepJson, specDifference, SWEEP_JSON, sweepJsonText, type SweepSpec } from './spec.js';
import { defaultOut } from './sweep.js';

export interface MergeOutcome {
  readonly dir: string;
  readonly html: string;
  readonly runs: number;
  /** Rows found in more than one input (kept once). */
  readonly duplicates: number;
}

export async function mergeSweeps(dirs: readonly string[], out?: string, slos: readonly Slo[] = []): Promise<MergeOutcome> {
  if (dirs.length === 0) throw new UserError('merge: give the sweep directories to merge');
  const inputs = dirs.map((d) => ({ dir: d, spec: readSpec(d) }));
  const first = inputs[0]!;
  for (const other of inputs.slice(1)) {
    const diff = specDifference(first.spec, other.spec, true);
    if (diff !== null) throw new UserError(`merge: ${other.dir} is not a shard of the same sweep as ${first.dir} (${diff.field}: ${diff.was} vs ${diff.now})`);
  }
  const spec: SweepSpec = { ...first.spec, shard: null };
  const runs = expandRuns(expandPoints(spec.grid), spec.modes, spec.seeds, spec.base_seed);
  const byRun = new Map<number, SweepRow>();
  let duplicates = 0;
  for (const input of inputs) {
    const file = join(input.dir, SWEEP_CSV);
    if (!existsSync(file)) continue; // a shard that never got to start: its runs are reported missing
    // A shard killed mid-write may end with half a row: readSweepRows counts complete lines only.
    const read = readSweepRows(readFileSync(file, 'utf8'), file, spec.grid, runs);
    duplicates += read.duplicates;
    for (const row of read.rows) {
      if (byRun.has(row.run.index)) duplicates++;
      else byRun.set(row.run.index, row);
    }
  }
  const missing = runs.filter((r) => !byRun.has(r.index));
  if (missing.length > 0) {
    const m = missing[0]!;
    throw new UserError(
      `merge: ${missing.length} of ${runs.length} runs are missing (the first: ${pointLabel(spec.grid, m.point)}, ${m.mode}, seed ${m.seed}); is a shard missing or unfinished? Rerun it with its --shard, then merge again`,
    );
  }
  const target = out ?? defaultOut(spec);
  for (const input of inputs) {
    if (resolve(input.dir) === resolve(target)) throw new UserError(`merge: --out ${target} is one of the inputs; choose another directory`);
  }
  await withOutputDir(
    target,
    (tmp) => {
      writeFileSync(join(tmp, SWEEP_JSON), sweepJsonText(spec), 'utf8');
      writeSweepOutputs(tmp, spec, [...byRun.values()], slos);
    },
    { isOutputDir: (d) => existsSync(join(d, SWEEP_JSON)) },
  );
  return { dir: resolve(target), html: join(target, SWEEP_HTML), runs: runs.length, duplicates };
}

function readSpec(dir: string): SweepSpec {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UserError(`merge: ${dir}: no such directory`);
  }
  if (!isDir) throw new UserError(`merge: ${dir}: not a directory`);
  const file = join(dir, SWEEP_JSON);
  if (!existsSync(file)) throw new UserError(`merge: ${dir}: not a sweep directory (no ${SWEEP_JSON})`);
  return parseSweepJson(readFileSync(file, 'utf8'), file);
}
