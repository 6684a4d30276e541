/**
 * Where runs execute: in this thread (`--workers 1`), or on a piscina pool of worker threads. Both
 * call the same task function, so they give the same rows byte for byte; only the completion order
 * differs, which the sorted sweep.csv hides. The batch engine of `sweep` (runs of a grid) and of
 * `swarm` (generated cases): each brings its task function and the worker module exporting it.
 *
 * Worker threads run compiled JavaScript: the pool loads `worker.js` from the built tree. When the
 * calling module itself runs from the TypeScript sources (jest), that is `dist/` under the package
 * root, which must have been built (`npm test` builds first).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { runTask, type RunOutcome, type RunTask } from './task.js';

/** A task carries its position in the batch's run list. */
export interface Indexed {
  readonly index: number;
}

export interface Executor<T extends Indexed = RunTask, R = RunOutcome> {
  /** How many runs it executes at once. */
  readonly concurrency: number;
  run(task: T): Promise<R>;
  close(): Promise<void>;
}

/** Runs each task in this thread with `fn` (by default a sweep run). */
export function inProcessExecutor<T extends Indexed = RunTask, R = RunOutcome>(fn: (task: T) => R | Promise<R> = runTask as unknown as (task: T) => Promise<R>): Executor<T, R> {
  return {
    concurrency: 1,
    async run(task) {
      // A run blocks this thread for its whole length: let timers (the progress line) and I/O in
      // between two runs.
      await new Promise<void>((resolve) => setImmediate(resolve));
      return fn(task);
    },
    close: async () => {},
  };
}

/** A pool of `threads` worker threads running the default export of `workerFile` (by default the sweep's). */
export function poolExecutor<T extends Indexed = RunTask, R = RunOutcome>(threads: number, workerFile: string = workerModulePath()): Executor<T, R> {
  const pool = new Piscina<T, R>({ filename: workerFile, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
  return {
    concurrency: threads,
    run: (task) => pool.run(task),
    close: () => pool.destroy(),
  };
}

/** The compiled worker module: next to this file when running from dist/, else under dist/. */
export function workerModulePath(moduleUrl: string = import.meta.url): string {
  const here = fileURLToPath(moduleUrl);
  if (here.endsWith('.js')) return join(dirname(here), 'worker.js');
  const root = packageRoot(dirname(here));
  const built = join(root, 'dist', relative(root, dirname(here)), 'worker.js');
  if (!existsSync(built)) throw new Error(`worker threads need the compiled code, and ${built} is missing: run 'npm run build' first (or use --workers 1)`);
  return built;
}

function packageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'shdsim') return dir;
    if (dirname(dir) === dir) throw new Error(`no shdsim package.json above ${start}`);
  }
}

export interface RunFailure<T extends Indexed = RunTask> {
  readonly task: T;
  readonly error: unknown;
}

/**
 * Runs `tasks` with `executor.concurrency` in flight, calling `onDone` as each finishes (in
 * completion order). After a run fails no new run starts; the ones in flight finish (their rows are
 * kept) and the failure is returned.
 */
export async function runAll<T extends Indexed, R>(tasks: readonly T[], executor: Executor<T, R>, onDone: (outcome: R) => void, onStart?: (task: T) => void): Promise<RunFailure<T> | null> {
  let next = 0;
  let failure: RunFailure<T> | null = null;
  const lane = async () => {
    while (failure === null && next < tasks.length) {
      const task = tasks[next++]!;
      onStart?.(task);
      try {
        onDone(await executor.run(task));
      } catch (error) {
        failure ??= { task, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(executor.concurrency, tasks.length) }, lane));
  return failure;
}
