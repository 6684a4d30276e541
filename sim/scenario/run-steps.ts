/**
 * Runs a loaded scenario's steps against a model, in one mode, in simulated time. The runner drives
 * the simulation from outside its event loop: it runs the clock until a command is answered, a wait
 * is over or an expectation holds, then moves to the next step. Everything is synchronous, like the
 * simulation itself.
 */
import type { ExpectationRow } from '../../reports/types.js';
import { formatDuration, toSeconds, type Micros } from '../engine/time.js';
import type { CompareOp, Mode, Scenario, Step } from './ast.js';
import { evaluate, readsModel, type Vars } from './evaluate.js';
import type { CommandOutcome, ScenarioModel } from './model-api.js';
import { formatLine, formatPos } from './source.js';

/** An iteration of a `repeat … every` that started late because the one before it overran. */
export interface Overrun {
  readonly where: string; // file:line of the repeat
  readonly iteration: number; // 1-based
  readonly scheduled: Micros; // when it should have started
  readonly started: Micros; // when it did
}

export interface ScenarioRun {
  readonly mode: Mode;
  readonly expectations: ExpectationRow[];
  /** The simulated time when the last step was over. */
  readonly endTime: Micros;
  readonly overruns: Overrun[];
}

/** Optional observers, for logs and traces; none of them can change the run. */
export interface RunHooks {
  /** A command step was answered (`startedAt` is when it was issued; the clock is now at its end). */
  onCommand?(step: Step, outcome: CommandOutcome, startedAt: Micros): void;
  /** An expectation was decided (`startedAt`: when its step began, so its wait is `now − startedAt`). */
  onExpectation?(row: ExpectationRow, step: Step, startedAt: Micros): void;
}

/** Runs every step of `scenario` that applies to `model.mode`. */
export function runSteps(scenario: Scenario, model: ScenarioModel, hooks: RunHooks = {}): ScenarioRun {
  const runner = new Runner(model, hooks);
  runner.steps(scenario.steps);
  return { mode: model.mode, expectations: runner.expectations, endTime: model.sim.now, overruns: runner.overruns };
}

class Runner {
  readonly expectations: ExpectationRow[] = [];
  readonly overruns: Overrun[] = [];
  private readonly vars = new Map<string, number>();

  constructor(
    private readonly model: ScenarioModel,
    private readonly hooks: RunHooks,
  ) {}

  private get sim() {
    return this.model.sim;
  }

  steps(steps: readonly Step[]): void {
    for (const step of steps) {
      if (step.modes !== undefined && !step.modes.includes(this.model.mode)) continue;
      this.step(step);
    }
  }

  private step(step: Step): void {
    switch (step.kind) {
      case 'command': {
        const startedAt = this.sim.now;
        const f = this.model.execute(step.command, step.text);
        const why = this.sim.run({ stopWhen: () => f.done });
        if (!f.done) {
          throw new Error(
            `${formatPos(step.pos)}: model bug: '${step.text}' was never answered (the simulation stopped: ${why}, at t=${formatDuration(this.sim.now)})`,
          );
        }
        this.hooks.onCommand?.(step, f.value!, startedAt);
        return;
      }
      case 'wait':
        this.sim.run({ until: this.sim.now + step.duration });
        return;
      case 'let':
        this.vars.set(step.name, evaluate(step.expr, this.model, this.vars, step.pos));
        return;
      case 'expect':
        this.expect(step);
        return;
      case 'repeat':
        this.repeat(step);
        return;
    }
  }

  /**
   * Without `within`, the expectation must hold now. With it, the clock runs until it holds, up to
   * and including the instant now + within (every event at that instant counts); it fails with the
   * value observed at that deadline.
   */
  private expect(step: Extract<Step, { kind: 'expect' }>): void {
    const vars: Vars = this.vars;
    const startedAt = this.sim.now;
    const left = () => evaluate(step.left, this.model, vars, step.pos);
    const right = () => evaluate(step.right, this.model, vars, step.pos);
    const holds = () => compare(left(), step.op, right());
    let passed: boolean;
    if (step.within === undefined) passed = holds();
    else {
      const why = this.sim.run({ until: this.sim.now + step.within, stopWhen: holds });
      // 'until': the clock stands at the deadline; a model whose answer depends on the clock alone
      // (no event at the deadline) gets one last look.
      passed = why === 'predicate' || holds();
    }
    const l = left();
    const observed = readsModel(step.right) ? `${l} vs ${right()}` : String(l);
    const row: ExpectationRow = {
      mode: this.model.mode,
      where: formatLine(step.pos),
      text: step.text,
      passed,
      observed,
      at_s: toSeconds(this.sim.now),
    };
    this.expectations.push(row);
    this.hooks.onExpectation?.(row, step, startedAt);
  }

  /**
   * Iteration k (1-based) of a loop with `every` starts at loopStart + k × every: the clock runs to
   * that instant, or, when the iteration before overran it, the iteration starts at once and the
   * overrun is noted.
   */
  private repeat(step: Extract<Step, { kind: 'repeat' }>): void {
    const loopStart = this.sim.now;
    step.iterations.forEach((body, index) => {
      const k = index + 1;
      if (step.every !== undefined) {
        const at = loopStart + k * step.every;
        if (this.sim.now < at) this.sim.run({ until: at });
        else if (this.sim.now > at) this.overruns.push({ where: formatLine(step.pos), iteration: k, scheduled: at, started: this.sim.now });
      }
      this.steps(body);
    });
  }
}

export function compare(l: number, op: CompareOp, r: number): boolean {
  switch (op) {
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    case '>=':
      return l >= r;
  }
}
