/**
 * Everything a run writes, from the in-memory RunResult: the CSV files, run.json, the charts as
 * standalone SVG files and report.html. The result is first quantized to what the files can hold,
 * so the report drawn here is the one `shdsim report` draws again from the files.
 *
 * Writes into `dir` as it is; callers that must not leave a half-written directory wrap this in
 * `withOutputDir` (reports/output-dir.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCharts } from '../viz/charts/index.js';
import { renderReport } from '../viz/report.js';
import { tableCsv } from './csv.js';
import { quantizeRunResult } from './quantize.js';
import { RUN_JSON, runJsonText } from './run-json.js';
import { TABLES } from './tables.js';
import type { RunResult } from './types.js';

export interface WriteRunOptions {
  /** Write charts/<name>.svg (default true). */
  charts?: boolean;
  /** Write report.html (default true). */
  report?: boolean;
}

export const REPORT_HTML = 'report.html';
export const CHARTS_DIR = 'charts';

export function writeRunOutputs(dir: string, result: RunResult, options: WriteRunOptions = {}): void {
  const q = quantizeRunResult(result);
  mkdirSync(dir, { recursive: true });
  for (const spec of TABLES) writeFileSync(join(dir, spec.file), tableCsv(spec, q.results), 'utf8');
  writeFileSync(join(dir, RUN_JSON), runJsonText(q.info), 'utf8');
  if (options.charts ?? true) writeChartFiles(join(dir, CHARTS_DIR), q);
  if (options.report ?? true) writeFileSync(join(dir, REPORT_HTML), renderReport(q), 'utf8');
}

/** charts/<name>.svg for every chart of the report, into `chartsDir` (created). */
export function writeChartFiles(chartsDir: string, result: RunResult): string[] {
  mkdirSync(chartsDir, { recursive: true });
  const names: string[] = [];
  for (const chart of renderCharts(result)) {
    writeFileSync(join(chartsDir, `${chart.name}.svg`), chart.svg, 'utf8');
    names.push(chart.name);
  }
  return names;
}
