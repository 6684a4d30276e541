import { UserError } from '../../sim/errors.js';
import type { Scenario } from '../../sim/scenario/ast.js';
import type { CommandOutcome } from '../../sim/scenario/model-api.js';
import { runSteps } from '../../sim/scenario/run-steps.js';
import { FakeModel } from './fake-model.js';
import { load } from './helpers.js';

const S = 1_000_000;

describe('runner: commands and waits', () => {
  test('each command runs until the model answers it; wait moves the clock exactly', () => {
    const model = new FakeModel();
    const outcomes: [string, CommandOutcome, number, number][] = [];
    const run = runSteps(load(['gluster volume start v0', 'wait 2.5s', 'kill-node h1', 'gluster volume stop fail-me']), model, {
      onCommand: (step, outcome, startedAt) => outcomes.push([step.text, outcome, startedAt, model.sim.now]),
    });
    expect(model.executed.map((e) => [e.at, e.text])).toEqual([
      [0, 'gluster volume start v0'],
      [3.5 * S, 'kill-node h1'],
      [4.5 * S, 'gluster volume stop fail-me'],
    ]);
    expect(outcomes).toEqual([
      ['gluster volume start v0', { ok: true, message: 'gluster volume start v0: success' }, 0, S],
      ['kill-node h1', { ok: true, message: 'kill-node h1: success' }, 3.5 * S, 4.5 * S],
      ['gluster volume stop fail-me', { ok: false, message: 'gluster volume stop fail-me: failed' }, 4.5 * S, 5.5 * S],
    ]);
    expect(run.endTime).toBe(5.5 * S);
    expect(run.mode).toBe('legacy');
    expect(run.expectations).toEqual([]);
    expect(run.overruns).toEqual([]);
  });

  test('a command the model never answers is a model bug naming the step', () => {
    const model = new FakeModel();
    model.latency = null;
    expect(() => runSteps(load(['wait 1s', 'gluster volume start v0']), model)).toThrow(
      "s.yaml:6:5: model bug: 'gluster volume start v0' was never answered (the simulation stopped: idle, at t=1s)",
    );
  });
});

describe('runner: expect timing', () => {
  /** pending_heals(v0) drops to 0 at `changeAt`; the expectation starts at t=2s. */
  const runWithin = (within: string, changeAt: number) => {
    const model = new FakeModel();
    model.values.set('pending_heals(v0)', 7);
    model.setAt(changeAt, 'pending_heals(v0)', 0);
    return runSteps(load(['wait 2s', `expect pending_heals(v0) == 0 within ${within}`]), model);
  };

  test('passes at the instant it starts to hold', () => {
    expect(runWithin('45s', 12 * S).expectations).toEqual([
      { mode: 'legacy', where: 's.yaml:6', text: 'expect pending_heals(v0) == 0 within 45s', passed: true, observed: '0', at_s: 12 },
    ]);
  });

  test('holding exactly at the deadline passes; one microsecond later fails with the value at the deadline', () => {
    const atDeadline = runWithin('10s', 12 * S);
    expect(atDeadline.expectations[0]).toMatchObject({ passed: true, observed: '0', at_s: 12 });
    const late = runWithin('10s', 12 * S + 1);
    expect(late.expectations[0]).toMatchObject({ passed: false, observed: '7', at_s: 12 });
    expect(late.endTime).toBe(12 * S);
  });

  test('within 0s is the same as no within: it must hold now', () => {
    expect(runWithin('0s', 2 * S).expectations[0]).toMatchObject({ passed: true, at_s: 2 });
    expect(runWithin('0s', 2 * S + 1).expectations[0]).toMatchObject({ passed: false, at_s: 2 });
  });

  test('without within: evaluated at once, the run goes on after a failure', () => {
    const model = new FakeModel();
    model.setAt(3 * S, 'shd_count(h1)', 1);
    const run = runSteps(load(['expect shd_count(h1) == 1', 'wait 3s', 'expect shd_count(h1) == 1', 'expect shd_count(h1) > shd_count(h2)', 'expect shd_count(h1) < shd_count(h2)']), model);
    expect(run.expectations.map((e) => [e.passed, e.observed, e.at_s])).toEqual([
      [false, '0', 0],
      [true, '1', 3],
      [true, '1 vs 0', 3],
      [false, '1 vs 0', 3],
    ]);
  });

  test('a condition that already holds passes without moving the clock', () => {
    const model = new FakeModel();
    model.setAt(100 * S, 'shd_count(h1)', 5); // a later event must not be run
    const run = runSteps(load(['expect shd_count(h1) == 0 within 1m']), model);
    expect(run.expectations[0]).toMatchObject({ passed: true, at_s: 0 });
    expect(model.sim.now).toBe(0);
  });
});

describe('runner: let and $var', () => {
  test('let stores the value at that moment; $var is read when the expectation runs', () => {
    const model = new FakeModel();
    model.values.set('shd_pid(v0, h1)', 41);
    model.setAt(5 * S, 'shd_pid(v0, h1)', 57);
    const run = runSteps(
      load(['let pid0 = shd_pid(v0, h1)', 'let next = $pid0 * 2 - 1', 'wait 10s', 'expect shd_pid(v0, h1) == $pid0', 'expect $next == 81', 'let pid0 = shd_pid(v0, h1)', 'expect shd_pid(v0, h1) == $pid0', 'expect 7 / 2 + -7 % 3 == 2']),
      model,
    );
    expect(run.expectations.map((e) => [e.text, e.passed, e.observed])).toEqual([
      ['expect shd_pid(v0, h1) == $pid0', false, '57'],
      ['expect $next == 81', true, '81'],
      ['expect shd_pid(v0, h1) == $pid0', true, '57'],
      ['expect 7 / 2 + -7 % 3 == 2', true, '2'],
    ]);
  });

  test('a division by a zero observable is a user error at the step', () => {
    expect(() => runSteps(load(['expect 10 / shd_count(h1) == 1']), new FakeModel())).toThrow(UserError);
    expect(() => runSteps(load(['expect 10 / shd_count(h1) == 1']), new FakeModel())).toThrow('division by zero');
  });
});

describe('runner: modes', () => {
  const scenario = () =>
    load([
      'step: gluster volume start only-mux\n    modes: [mux]',
      'gluster volume start both',
      'step: expect shd_starts(h1) == 1\n    modes: [legacy]',
      'repeat: 2\n    as: i\n    modes: [mux]\n    steps:\n      - gluster volume create c${i} h1:/b/c${i}',
    ]);

  test('a step and a whole repeat are skipped in the other mode', () => {
    const legacy = new FakeModel('legacy');
    const mux = new FakeModel('mux');
    const rl = runSteps(scenario(), legacy);
    const rm = runSteps(scenario(), mux);
    expect(legacy.executed.map((e) => e.text)).toEqual(['gluster volume start both']);
    expect(mux.executed.map((e) => e.text)).toEqual(['gluster volume start only-mux', 'gluster volume start both', 'gluster volume create c1 h1:/b/c1', 'gluster volume create c2 h1:/b/c2']);
    expect(rl.expectations).toHaveLength(1);
    expect(rl.expectations[0]!.mode).toBe('legacy');
    expect(rm.expectations).toEqual([]);
  });
});

describe('runner: repeat with every', () => {
  test('iteration k starts at loopStart + k × every', () => {
    const model = new FakeModel();
    const s: Scenario = load(['wait 5s', 'repeat: 3\n    as: i\n    every: 1m\n    steps:\n      - gluster volume start c${i}']);
    const run = runSteps(s, model);
    expect(model.executed.map((e) => [e.text, e.at / S])).toEqual([
      ['gluster volume start c1', 65],
      ['gluster volume start c2', 125],
      ['gluster volume start c3', 185],
    ]);
    expect(run.overruns).toEqual([]);
    expect(run.endTime).toBe(186 * S);
  });

  test('an iteration that overruns its period makes the next start at once, and it is noted', () => {
    const model = new FakeModel();
    const s = load(['repeat: 3\n    as: i\n    every: 60s\n    steps:\n      - gluster volume start c${i}\n      - wait ${i*40}s']);
    const run = runSteps(s, model);
    // 1: starts 60, ends 60+1+40=101; 2: on time at 120, ends 120+1+80=201 > 180; 3: starts late at 201.
    expect(model.executed.map((e) => e.at / S)).toEqual([60, 120, 201]);
    expect(run.overruns).toEqual([{ where: 's.yaml:5', iteration: 3, scheduled: 180 * S, started: 201 * S }]);
    expect(run.endTime).toBe((201 + 1 + 120) * S);
  });

  test('without every, iterations run back to back', () => {
    const model = new FakeModel();
    runSteps(load(['repeat: 3\n    steps: [kill-node h1]']), model);
    expect(model.executed.map((e) => e.at / S)).toEqual([0, 1, 2]);
  });
});
