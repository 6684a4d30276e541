import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runAll, workerModulePath, type Executor } from '../../sim/sweep/executor.js';
import type { RunOutcome, RunTask } from '../../sim/sweep/task.js';
import { ROOT } from './helpers.js';

const task = (index: number): RunTask => ({ index, file: 'x.yaml', text: '', overrides: [], mode: 'mux', seed: 1, runDir: null });

/** Finishes tasks after `delay(index)` ms; fails the ones in `failing`. */
function fakeExecutor(concurrency: number, delay: (i: number) => number, failing: Set<number>, started: number[]): Executor {
  return {
    concurrency,
    run: (t) => {
      started.push(t.index);
      return new Promise<RunOutcome>((resolve, reject) =>
        setTimeout(() => (failing.has(t.index) ? reject(new Error(`boom ${t.index}`)) : resolve({ index: t.index, cells: [String(t.index)] })), delay(t.index)),
      );
    },
    close: async () => {},
  };
}

describe('running the tasks', () => {
  test('at most `concurrency` in flight; rows reported in completion order', async () => {
    const started: number[] = [];
    const done: number[] = [];
    // Task 0 is slow: 1, 2, 3 finish before it.
    const failure = await runAll([0, 1, 2, 3].map(task), fakeExecutor(2, (i) => (i === 0 ? 60 : 5), new Set(), started), (o) => done.push(o.index));
    expect(failure).toBeNull();
    expect(started).toEqual([0, 1, 2, 3]);
    expect(done).toEqual([1, 2, 3, 0]);
  });

  test('after a failure no new run starts; runs in flight finish and keep their rows', async () => {
    const started: number[] = [];
    const done: number[] = [];
    const failure = await runAll([0, 1, 2, 3, 4, 5].map(task), fakeExecutor(2, (i) => (i === 0 ? 40 : 5), new Set([1]), started), (o) => done.push(o.index));
    expect(failure?.task.index).toBe(1);
    expect((failure?.error as Error).message).toBe('boom 1');
    expect(started).toEqual([0, 1]); // 2… never started
    expect(done).toEqual([0]);
  });
});

describe('the worker module', () => {
  test('from the built tree: worker.js beside this module', () => {
    expect(workerModulePath(pathToFileURL(join(ROOT, 'dist/sim/sweep/executor.js')).href)).toBe(join(ROOT, 'dist/sim/sweep/worker.js'));
  });

  test('from the TypeScript sources (jest): the built copy under dist/', () => {
    const p = workerModulePath(pathToFileURL(join(ROOT, 'sim/sweep/executor.ts')).href);
    expect(p).toBe(join(ROOT, 'dist/sim/sweep/worker.js'));
    expect(existsSync(p)).toBe(true); // npm test builds first
  });
});
