/**
 * The files of a finished sweep, computed from its rows alone: sweep.csv in output order,
 * sweep-summary.csv, charts/<name>.svg and sweep.html. A sweep (into its own directory, file by file,
 * atomically) and a merge (into a fresh directory) both call this with the same rows, which is why
 * their files are byte-identical.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import { renderSweepCharts } from './charts.js';
import { csvText, sweepHeader } from './columns.js';
import { renderSweepHtml } from './html.js';
import { sortRows, type SweepRow } from './rows.js';
import type { Slo } from './slo.js';
import type { SweepSpec } from './spec.js';
import { groupRows, summaryCsv } from './summary.js';

export const SWEEP_CSV = 'sweep.csv';
export const SWEEP_SUMMARY_CSV = 'sweep-summary.csv';
export const SWEEP_HTML = 'sweep.html';
export const CHARTS_DIR = 'charts';

/** `slos`: objectives to draw on the page (`--slo`); they change the page, never the CSV files. */
export function writeSweepOutputs(dir: string, spec: SweepSpec, rows: readonly SweepRow[], slos: readonly Slo[] = []): void {
  const sorted = sortRows(rows);
  writeFileAtomic(join(dir, SWEEP_CSV), csvText(sweepHeader(spec.grid), sorted.map((r) => r.cells)));
  const groups = groupRows(sorted);
  writeFileAtomic(join(dir, SWEEP_SUMMARY_CSV), summaryCsv(spec.grid, groups));
  const charts = renderSweepCharts(spec, groups, slos);
  const chartsDir = join(dir, CHARTS_DIR);
  mkdirSync(chartsDir, { recursive: true });
  for (const c of charts) writeFileAtomic(join(chartsDir, `${c.name}.svg`), c.svg);
  writeFileAtomic(join(dir, SWEEP_HTML), renderSweepHtml(spec, groups, charts, slos));
}
