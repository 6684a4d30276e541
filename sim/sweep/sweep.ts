/**
 * A sweep, end to end: validate everything (the grid, every grid point loaded with its overrides,
 * the output directory) before touching the disk; then run what sweep.csv does not hold yet — in
 * this thread or on worker threads — appending a row per finished run; then write the final files
 * from sweep.csv's rows. Interrupted, it leaves sweep.csv with every finished run, and the same
 * command resumes it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError, UserErrors } from '../errors.js';
import type { Mode } from '../scenario/ast.js';
import { loadScenarioText } from '../scenario/load.js';
import { parseOverrides, type Override } from '../scenario/overrides.js';
import { VERSION } from '../version.js';
import { inProcessExecutor, poolExecutor, runAll, type Executor, type RunFailure } from './executor.js';
import { SWEEP_CSV, SWEEP_HTML, writeSweepOutputs } from './finish.js';
import { expandPoints, expandRuns, parseGrid, pointDirName, pointLabel, pointOverrides, shardRuns, type GridAxis, type GridPoint, type Run, type Shard } from './grid.js';
import { startProgress, type ProgressOptions } from '../cli/progress.js';
import { readSweepRows } from './rows.js';
import type { Slo } from './slo.js';
import { sha256, type SweepSpec } from './spec.js';
import { inspectSweepDir, prepareSweepDir, RowAppender } from './sweep-dir.js';
import { RESERVED_KEYS } from './summary.js';
import type { RunTask } from './task.js';

export interface SweepArgs {
  readonly scenario: string;
  /** `--grid KEY=V1,V2` items. */
  readonly grid: readonly string[];
  /** `--set KEY=VALUE` items. */
  readonly set: readonly string[];
  readonly modes: readonly Mode[];
  readonly seeds: number;
  readonly baseSeed: number;
  readonly workers: number;
  readonly out?: string;
  readonly shard: Shard | null;
  readonly charts: boolean;
  /** `--slo` objectives, parsed (page only). */
  readonly slos?: readonly Slo[];
}

export interface SweepEnv {
  /** Progress lines (stderr). */
  readonly line: (text: string) => void;
  /** A terminal to draw the progress bar on. */
  readonly tty?: NodeJS.WritableStream;
  readonly progress?: Pick<ProgressOptions, 'intervalMs' | 'now'>;
}

export interface SweepOutcome {
  readonly dir: string;
  readonly html: string;
  /** Runs of this sweep (or shard). */
  readonly runs: number;
  /** Of which run now (the rest were in sweep.csv already). */
  readonly ran: number;
}

/** What a sweep is, once its arguments and scenario are validated. */
export interface PlannedSweep {
  readonly spec: SweepSpec;
  readonly text: string;
  readonly fixed: readonly Override[];
  readonly points: readonly GridPoint[];
  /** The whole sweep's runs, in output order. */
  readonly runs: readonly Run[];
  /** This shard's. */
  readonly mine: readonly Run[];
}

/** Parses and validates the arguments and every grid point; throws UserError(s); writes nothing. */
export function planSweep(args: SweepArgs): PlannedSweep {
  if (!Number.isSafeInteger(args.seeds) || args.seeds < 1) throw new UserError(`--seeds ${args.seeds}: expected a whole number ≥ 1`);
  if (!Number.isSafeInteger(args.workers) || args.workers < 1) throw new UserError(`--workers ${args.workers}: expected a whole number ≥ 1`);
  if (!Number.isSafeInteger(args.baseSeed + args.seeds - 1)) throw new UserError(`--seed ${args.baseSeed}: too large for ${args.seeds} seeds`);
  const fixed = parseOverrides(args.set);
  const grid = parseGrid(args.grid, RESERVED_KEYS, new Set(fixed.map((o) => o.key)));
  const text = readScenario(args.scenario);
  const points = expandPoints(grid);
  const name = validatePoints(args.scenario, text, fixed, grid, points);
  const spec: SweepSpec = {
    scenario: { name, file: args.scenario, sha256: sha256(text) },
    grid,
    set: [...args.set],
    modes: [...args.modes],
    seeds: args.seeds,
    base_seed: args.baseSeed,
    shard: args.shard,
    version: VERSION,
  };
  const runs = expandRuns(points, args.modes, args.seeds, args.baseSeed);
  return { spec, text, fixed, points, runs, mine: shardRuns(runs, args.shard) };
}

export function defaultOut(spec: SweepSpec): string {
  return join('out', `${spec.scenario.name}-sweep`);
}

export async function runSweep(args: SweepArgs, env: SweepEnv): Promise<SweepOutcome> {
  const plan = planSweep(args);
  const { spec } = plan;
  const out = args.out ?? defaultOut(spec);
  const dirPlan = inspectSweepDir(out, spec, plan.mine);
  // Everything is valid: from here on the disk changes.
  prepareSweepDir(dirPlan, spec);
  const dir = dirPlan.dir;
  const done = new Set(dirPlan.rows.map((r) => r.run.index));
  const todo = plan.mine.filter((r) => !done.has(r.index));
  const tasks = todo.map((run) => taskOf(plan, run, args.charts ? dir : null));
  const threads = Math.min(args.workers, todo.length);
  env.line(
    todo.length === 0
      ? `sweep: all ${plan.mine.length} runs are in ${SWEEP_CSV} already; writing the summary files`
      : `sweep: ${plan.mine.length} runs${done.size ? ` (${done.size} already in ${SWEEP_CSV})` : ''}, ${threads === 1 ? 'in this thread' : `${threads} worker threads`}`,
  );
  if (todo.length > 0) {
    const failure = await executeRuns(plan, todo, tasks, threads, dir, env);
    if (failure) {
      const run = failure.run;
      const err = failure.error instanceof Error ? failure.error : new Error(String(failure.error));
      throw new Error(`sweep: the run ${pointLabel(spec.grid, run.point)}, ${run.mode}, seed ${run.seed} failed (the runs that finished are in ${join(out, SWEEP_CSV)}; the same command resumes): ${err.stack ?? err.message}`);
    }
  }
  // The final files come from sweep.csv as written, exactly as a merge computes them.
  const { rows } = readSweepRows(readFileSync(join(dir, SWEEP_CSV), 'utf8'), join(out, SWEEP_CSV), spec.grid, plan.mine);
  writeSweepOutputs(dir, spec, rows, args.slos ?? []);
  return { dir, html: join(out, SWEEP_HTML), runs: plan.mine.length, ran: todo.length };
}

/** Runs `todo`, appending a row to sweep.csv as each finishes; returns the failed run, if any. */
async function executeRuns(plan: PlannedSweep, todo: readonly Run[], tasks: readonly RunTask[], threads: number, dir: string, env: SweepEnv): Promise<{ run: Run; error: unknown } | null> {
  const byIndex = new Map(todo.map((r) => [r.index, r]));
  const pending = todo.map((r) => ({ index: r.index, group: `${r.point.index}/${r.mode}`, size: pointSize(r.point) }));
  const progress = startProgress({ total: plan.mine.length, done: plan.mine.length - todo.length, pending, concurrency: threads, line: env.line, ...(env.tty ? { tty: env.tty } : {}), ...env.progress });
  const appender = new RowAppender(dir);
  let executor: Executor | undefined;
  let failure: RunFailure | null = null;
  let allDone = false;
  try {
    executor = threads > 1 ? poolExecutor(threads) : inProcessExecutor();
    failure = await runAll(
      tasks,
      executor,
      (outcome) => {
        appender.append([...byIndex.get(outcome.index)!.point.values, ...outcome.cells]);
        progress.tick(outcome.index);
      },
      (task) => progress.started(task.index),
    );
    allDone = failure === null;
  } finally {
    appender.close();
    await executor?.close();
    if (allDone) progress.finish();
    else progress.stop(); // no "done" line for a sweep that did not finish
  }
  return failure ? { run: byIndex.get(failure.task.index)!, error: failure.error } : null;
}

/** How big a point is, for predicting run lengths: the product of its numeric grid values. */
export function pointSize(point: GridPoint): number {
  let size = 1;
  for (const v of point.values) if (/^\d+(\.\d+)?$/.test(v) && Number(v) > 0) size *= Number(v);
  return size;
}

function taskOf(plan: PlannedSweep, run: Run, chartsRoot: string | null): RunTask {
  const { spec } = plan;
  return {
    index: run.index,
    file: spec.scenario.file,
    text: plan.text,
    overrides: [...plan.fixed, ...pointOverrides(spec.grid, run.point)],
    mode: run.mode,
    seed: run.seed,
    runDir: chartsRoot === null ? null : join(chartsRoot, 'runs', pointDirName(spec.grid, run.point, plan.points.length), `${run.mode}-seed${run.seed}`),
  };
}

function readScenario(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read scenario: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message}`, file);
  }
}

const MAX_ERRORS = 50;

/**
 * Loads the scenario once per grid point, as `run --set` would with that point's values, and returns
 * its name. Every error is the loader's; an override's `--set K=V` becomes `--grid K=V` for a grid
 * key, and an error that only some points have names the first of them.
 */
function validatePoints(file: string, text: string, fixed: readonly Override[], grid: readonly GridAxis[], points: readonly GridPoint[]): string {
  let name = '';
  const found = new Map<string, { error: UserError; points: GridPoint[] }>();
  for (const point of points) {
    try {
      name = loadScenarioText(file, text, { overrides: [...fixed, ...pointOverrides(grid, point)] }).name;
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      for (const e of err instanceof UserErrors ? err.errors : [err]) {
        // An unknown key is wrong whatever its value: name the key alone, so it is reported once.
        const message = grid.reduce((m, a, i) => {
          const set = `--set ${a.key}=${point.values[i]}:`;
          if (m.startsWith(`${set} unknown param`) || m.startsWith(`${set} unknown model setting`)) return `--grid ${a.key}:${m.slice(set.length)}`;
          return m.split(set).join(`--grid ${a.key}=${point.values[i]}:`);
        }, e.message);
        const key = `${e.where ?? ''}\u0000${message}`;
        const entry = found.get(key) ?? { error: new UserError(message, e.where), points: [] };
        entry.points.push(point);
        found.set(key, entry);
      }
    }
  }
  if (found.size === 0) return name;
  const errors = [...found.values()].slice(0, MAX_ERRORS).map(({ error, points: at }) => {
    if (at.length === points.length || error.message.includes('--grid ')) return error;
    const more = at.length > 1 ? ` and ${at.length - 1} more` : '';
    return new UserError(`${error.message} (at grid point ${pointLabel(grid, at[0]!)}${more})`, error.where);
  });
  if (found.size > MAX_ERRORS) errors.push(new UserError(`… and ${found.size - MAX_ERRORS} more errors`));
  throw new UserErrors(errors);
}
