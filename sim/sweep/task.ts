/**
 * One run of a sweep — one grid point, one mode, one seed — as a plain-data task, so it can cross to
 * a worker thread. It takes the same path as `shdsim run`: load the scenario with the point's
 * overrides, `executeScenario`, and (with --charts) `writeRunOutputs`. The scenario's text travels
 * with the task, so every run reads the file as it was when the sweep was validated.
 */
import type { Mode } from '../scenario/ast.js';
import { executeScenario } from '../scenario/execute.js';
import { loadScenarioText } from '../scenario/load.js';
import type { Override } from '../scenario/overrides.js';
import { summaryCells } from './columns.js';

export interface RunTask {
  /** Position in the sweep's run list (echoed back). */
  readonly index: number;
  readonly file: string;
  readonly text: string;
  /** `--set` overrides, then the point's grid values. */
  readonly overrides: readonly Override[];
  readonly mode: Mode;
  readonly seed: number;
  /** With --charts: where this run's outputs go (runs/<point>/<mode>-seed<N>/). */
  readonly runDir: string | null;
}

export interface RunOutcome {
  readonly index: number;
  /** The run's summary.csv cells, mode and seed first. */
  readonly cells: string[];
}

export async function runTask(task: RunTask): Promise<RunOutcome> {
  const scenario = loadScenarioText(task.file, task.text, { overrides: task.overrides });
  const { result } = executeScenario(scenario, { modes: [task.mode], seed: task.seed });
  if (task.runDir !== null) {
    // Loaded only with --charts: the report and chart modules (d3) would add ~70 ms to every worker's
    // start-up for nothing.
    const [{ withOutputDir }, { writeRunOutputs }] = await Promise.all([import('../../reports/output-dir.js'), import('../../reports/write-run.js')]);
    await withOutputDir(task.runDir, (tmp) => writeRunOutputs(tmp, result));
  }
  return { index: task.index, cells: summaryCells(result.results[0]!.summary) };
}
