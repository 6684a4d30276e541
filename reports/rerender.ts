/**
 * `shdsim report <dir>`'s work: read a run's CSV files and run.json back and draw report.html and
 * charts/*.svg again. Each is replaced whole (written beside, then renamed), so an interrupted
 * re-render leaves the previous report in place rather than half a file.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReport } from '../viz/report.js';
import { readRunOutputs } from './read-run.js';
import { CHARTS_DIR, REPORT_HTML, writeChartFiles } from './write-run.js';

/** Re-renders the report of the run in `dir`; returns the report's path. UserError on bad input. */
export function rerenderReport(dir: string): string {
  const result = readRunOutputs(dir);
  const html = renderReport(result);
  const tag = `${process.pid}`;

  const chartsTmp = join(dir, `.${CHARTS_DIR}.tmp-${tag}`);
  const chartsOld = join(dir, `.${CHARTS_DIR}.old-${tag}`);
  rmSync(chartsTmp, { recursive: true, force: true });
  try {
    writeChartFiles(chartsTmp, result);
    rmSync(chartsOld, { recursive: true, force: true });
    try {
      renameSync(join(dir, CHARTS_DIR), chartsOld);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err; // no charts/ yet is fine
    }
    renameSync(chartsTmp, join(dir, CHARTS_DIR));
    rmSync(chartsOld, { recursive: true, force: true });
  } finally {
    rmSync(chartsTmp, { recursive: true, force: true });
  }

  const reportPath = join(dir, REPORT_HTML);
  const reportTmp = join(dir, `.${REPORT_HTML}.tmp-${tag}`);
  try {
    writeFileSync(reportTmp, html, 'utf8');
    renameSync(reportTmp, reportPath);
  } finally {
    rmSync(reportTmp, { force: true });
  }
  return reportPath;
}
