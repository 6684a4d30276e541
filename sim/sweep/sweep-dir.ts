/**
 * The sweep's output directory, which a sweep resumes in place (a run's directory, by contrast, is
 * replaced whole). The life of one:
 *
 * 1. Inspect, with no side effect: a directory that is absent or empty is new; one that holds a
 *    sweep.json must describe the same sweep (same sweep.json) and its sweep.csv must have this
 *    sweep's header and rows of this sweep's runs; anything else is refused (exit 2) and left as is.
 * 2. Prepare: a new directory is built as a hidden sibling holding sweep.json and sweep.csv's header,
 *    then renamed into place — it appears whole or not at all. An existing one loses any half-written
 *    last line of sweep.csv (a sweep killed mid-write) and any temporary files a killed sweep left.
 * 3. Runs append one line each to sweep.csv (one write call per row, in completion order).
 * 4. Once every run is in, the final files are written from sweep.csv's rows, each replaced
 *    atomically (temporary file + rename): sweep.csv sorted, sweep-summary.csv, charts, sweep.html.
 *
 * Two sweeps must not write into one directory at the same time.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { removeDeadSiblings } from '../../reports/output-dir.js';
import { UserError } from '../errors.js';
import { removeStaleTemporaries } from './atomic.js';
import { csvLine, sweepHeader } from './columns.js';
import { SWEEP_CSV } from './finish.js';
import type { Run } from './grid.js';
import { readSweepRows, type SweepRow } from './rows.js';
import { parseSweepJson, specDifference, SWEEP_JSON, sweepJsonText, type SweepSpec } from './spec.js';

export interface SweepDirPlan {
  readonly dir: string;
  /** The directory must be created (it is absent or empty). */
  readonly fresh: boolean;
  /** Rows already in sweep.csv (one per run). */
  readonly rows: readonly SweepRow[];
  /** Byte length of sweep.csv up to its last complete line; null when there is no sweep.csv. */
  readonly completeBytes: number | null;
  readonly fileBytes: number;
}

/** Step 1: decides what to do with `out`, or throws a UserError; changes nothing. */
export function inspectSweepDir(out: string, spec: SweepSpec, runs: readonly Run[]): SweepDirPlan {
  const dir = resolve(out);
  let st;
  try {
    st = statSync(dir);
  } catch {
    return { dir, fresh: true, rows: [], completeBytes: null, fileBytes: 0 };
  }
  if (!st.isDirectory()) throw new UserError(`${out}: exists and is not a directory`);
  const jsonFile = join(dir, SWEEP_JSON);
  if (!existsSync(jsonFile)) {
    if (readdirSync(dir).length === 0) return { dir, fresh: true, rows: [], completeBytes: null, fileBytes: 0 };
    throw new UserError(`${out}: exists and is not a sweep directory (no ${SWEEP_JSON}); refusing to write into it (choose another --out)`);
  }
  const was = parseSweepJson(readFileSync(jsonFile, 'utf8'), jsonFile);
  const diff = specDifference(was, spec);
  if (diff !== null) {
    throw new UserError(`${out} holds a different sweep (${diff.field}: ${diff.was} there, ${diff.now} now); refusing to resume into it (use the arguments that made it, or another --out)`);
  }
  const csvFile = join(dir, SWEEP_CSV);
  if (!existsSync(csvFile)) return { dir, fresh: false, rows: [], completeBytes: null, fileBytes: 0 };
  const bytes = readFileSync(csvFile);
  const completeBytes = bytes.lastIndexOf(0x0a) + 1;
  const { rows } = readSweepRows(bytes.toString('utf8', 0, completeBytes), join(out, SWEEP_CSV), spec.grid, runs, spec.shard ? `shard ${spec.shard.index}/${spec.shard.count} of this sweep` : 'this sweep');
  return { dir, fresh: false, rows, completeBytes, fileBytes: bytes.length };
}

/** Step 2: creates the directory, or repairs the tail of an interrupted one. */
export function prepareSweepDir(plan: SweepDirPlan, spec: SweepSpec): void {
  const header = csvLine(sweepHeader(spec.grid));
  if (plan.fresh) {
    const parent = dirname(plan.dir);
    mkdirSync(parent, { recursive: true });
    removeDeadSiblings(parent, basename(plan.dir));
    const tmp = join(parent, `.${basename(plan.dir)}.tmp-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    try {
      writeFileSync(join(tmp, SWEEP_JSON), sweepJsonText(spec), 'utf8');
      writeFileSync(join(tmp, SWEEP_CSV), header, 'utf8');
      renameSync(tmp, plan.dir); // replaces an empty directory
    } catch (err) {
      rmSync(tmp, { recursive: true, force: true });
      throw err;
    }
    return;
  }
  removeStaleTemporaries(plan.dir, 2); // the directory, charts/, runs/ and runs/<point>/
  const csvFile = join(plan.dir, SWEEP_CSV);
  if (plan.completeBytes === null) writeFileSync(csvFile, header, 'utf8');
  else if (plan.completeBytes < plan.fileBytes) truncateSync(csvFile, plan.completeBytes);
}

/** Step 3: appends rows to sweep.csv (or another CSV file of a batch directory), one write call each. */
export class RowAppender {
  private readonly fd: number;

  constructor(dir: string, file = SWEEP_CSV) {
    this.fd = openSync(join(dir, file), 'a');
  }

  append(cells: readonly string[]): void {
    writeSync(this.fd, csvLine(cells));
  }

  close(): void {
    closeSync(this.fd);
  }
}
