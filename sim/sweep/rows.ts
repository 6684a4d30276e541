/**
 * The rows of sweep.csv, read back: every record matched to its run (by grid values, mode and seed)
 * and its metric cells decoded. A sweep's summary, charts and sorted file are all computed from rows
 * read this way — never from in-memory results — so a resumed sweep, a merge of shards and an
 * uninterrupted sweep compute from the same bytes and write the same bytes.
 */
import { parseCsv } from '../../reports/csv.js';
import { decodeCell } from '../../reports/cells.js';
import { UserError } from '../errors.js';
import { SUMMARY_COLUMNS, sweepHeader } from './columns.js';
import type { GridAxis, Run } from './grid.js';

export interface SweepRow {
  readonly run: Run;
  /** The record's cells, exactly as in the file. */
  readonly cells: readonly string[];
  /** Every summary column decoded (numbers, null for an empty nullable cell, strings). */
  readonly values: Readonly<Record<string, number | string | boolean | null>>;
}

export interface ReadRows {
  readonly rows: SweepRow[];
  /** Records whose run was already seen (kept: the first). */
  readonly duplicates: number;
}

/** Finds a run by its identity in a file: grid values, mode, seed. */
export class RunLookup {
  private readonly byKey = new Map<string, Run>();

  constructor(runs: readonly Run[]) {
    for (const r of runs) this.byKey.set(RunLookup.key(r.point.values, r.mode, r.seed), r);
  }

  static key(values: readonly string[], mode: string, seed: number | string): string {
    return JSON.stringify([values, mode, String(seed)]);
  }

  find(values: readonly string[], mode: string, seed: string): Run | undefined {
    return this.byKey.get(RunLookup.key(values, mode, seed));
  }
}

/**
 * Parses sweep.csv text. `where` names the file in messages; `runs` are the runs this file may hold
 * (a shard's, or the whole sweep's). A last line without its line end is ignored: a sweep killed in
 * the middle of writing a row leaves one (a row is one write, but a write can be cut). Throws a
 * UserError (`FILE:LINE: …`) for a wrong header, a malformed record or a run that does not belong.
 */
export function readSweepRows(text: string, where: string, axes: readonly GridAxis[], runs: readonly Run[], what = 'this sweep'): ReadRows {
  const parsed = parseCsv(text.slice(0, text.lastIndexOf('\n') + 1));
  if ('error' in parsed) throw new UserError(parsed.error, `${where}:${parsed.line}`);
  const header = sweepHeader(axes);
  const first = parsed.records[0];
  if (!first) throw new UserError(`no header line (expected ${header.join(',')})`, where);
  if (first.cells.join('\u0000') !== header.join('\u0000')) {
    throw new UserError(`the header does not match this sweep's grid and version: it is\n  ${first.cells.join(',')}\nbut this sweep writes\n  ${header.join(',')}\n(use another --out, or the arguments that made it)`, `${where}:1`);
  }
  const lookup = new RunLookup(runs);
  const k = axes.length;
  const seen = new Set<number>();
  const rows: SweepRow[] = [];
  let duplicates = 0;
  for (const rec of parsed.records.slice(1)) {
    const at = `${where}:${rec.line}`;
    if (rec.cells.length !== header.length) throw new UserError(`${rec.cells.length} cells, expected ${header.length}`, at);
    const run = lookup.find(rec.cells.slice(0, k), rec.cells[k]!, rec.cells[k + 1]!);
    if (!run) throw new UserError(`this row (${rec.cells.slice(0, k + 2).join(', ')}) is not a run of ${what}`, at);
    const values: Record<string, number | string | boolean | null> = {};
    SUMMARY_COLUMNS.forEach((c, i) => {
      const d = decodeCell(rec.cells[k + i]!, c.type);
      if ('error' in d) throw new UserError(`column ${c.name}: ${d.error}`, at);
      values[c.name] = d.value as number | string | boolean | null;
    });
    if (seen.has(run.index)) {
      duplicates++;
      continue;
    }
    seen.add(run.index);
    rows.push({ run, cells: rec.cells, values });
  }
  return { rows, duplicates };
}

/** Rows in output order (grid position, then mode, then seed), one per run. */
export function sortRows(rows: readonly SweepRow[]): SweepRow[] {
  const byRun = new Map<number, SweepRow>();
  for (const r of rows) if (!byRun.has(r.run.index)) byRun.set(r.run.index, r);
  return [...byRun.values()].sort((a, b) => a.run.index - b.run.index);
}
