/**
 * Runs a loaded scenario once per mode on the same seed — common random numbers: both modes draw the
 * same workload and the same uuids — and gathers what the reports need. The same function serves
 * `run`, `check` and `sweep`.
 */
import type { RunInfo, RunResult, ModeResult } from '../../reports/types.js';
import { SimulationError, type TraceEvent } from '../engine/simulation.js';
import { ModelBug, reproduceLine } from '../errors.js';
import { toSeconds, type Micros } from '../engine/time.js';
import { ClusterModel } from '../gluster/model.js';
import { describeModelConfig, resolveModelConfig } from '../gluster/model-config.js';
import { VERSION } from '../version.js';
import type { Mode, Scenario, Step } from './ast.js';
import type { CommandOutcome, ScenarioModel } from './model-api.js';
import { runSteps, type Overrun, type RunHooks } from './run-steps.js';

export interface ExecuteOptions {
  readonly modes: readonly Mode[];
  readonly seed: number;
  /** Keep every log line, to write the log files (`--logs`). */
  readonly captureLogs?: boolean;
  /** Check the model's invariants after every event (`run` and `check` do unless --no-invariants). */
  readonly checkInvariants?: boolean;
  /** The `--set` arguments of the command, for the line that reproduces a model bug. */
  readonly sets?: readonly string[];
  /** Every traced model event (`--trace`). */
  readonly onTrace?: (mode: Mode, e: TraceEvent) => void;
  /** A mode's model, built and about to run (the CLI watches its clock for a progress line). */
  readonly onModel?: (mode: Mode, model: ClusterModel) => void;
  /** Every command step, answered (`startedAt`: when it was issued). Observers cannot change the run. */
  readonly onCommand?: (mode: Mode, step: Step, outcome: CommandOutcome, startedAt: Micros) => void;
}

export interface Execution {
  readonly result: RunResult;
  /** The finished models, by mode (their logs, for `--logs`). */
  readonly models: ReadonlyMap<Mode, ClusterModel>;
  readonly overruns: ReadonlyMap<Mode, readonly Overrun[]>;
}

/** The factory `check` uses: a fresh model of the scenario's cluster in `mode`. */
export function makeModel(mode: Mode, scenario: Scenario, seed: number, options: { captureLogs?: boolean; checkInvariants?: boolean } = {}): ClusterModel {
  return new ClusterModel(mode, scenario, seed, options);
}

/**
 * Runs the steps; a model bug (an invariant breach, a failed assertion, the event limit) becomes a
 * ModelBug carrying the command line that reproduces it.
 */
export function runOrReport(scenario: Scenario, model: ScenarioModel, seed: number, mode: Mode, sets: readonly string[] = [], hooks: RunHooks = {}): ReturnType<typeof runSteps> {
  try {
    return runSteps(scenario, model, hooks);
  } catch (err) {
    if (err instanceof SimulationError) throw new ModelBug(err, reproduceLine(scenario.file, seed, mode, sets));
    throw err;
  }
}

export function executeScenario(scenario: Scenario, options: ExecuteOptions): Execution {
  const results: ModeResult[] = [];
  const models = new Map<Mode, ClusterModel>();
  const overruns = new Map<Mode, readonly Overrun[]>();
  for (const mode of options.modes) {
    const model = makeModel(mode, scenario, options.seed, { captureLogs: options.captureLogs ?? false, checkInvariants: options.checkInvariants ?? false });
    const trace = options.onTrace;
    if (trace) model.sim.onTrace((e) => trace(mode, e));
    options.onModel?.(mode, model);
    const onCommand = options.onCommand;
    const run = runOrReport(scenario, model, options.seed, mode, options.sets, onCommand ? { onCommand: (step, outcome, startedAt) => onCommand(mode, step, outcome, startedAt) } : {});
    results.push(model.finish(run.expectations));
    models.set(mode, model);
    overruns.set(mode, run.overruns);
  }
  const config = resolveModelConfig(scenario.model);
  const info: RunInfo = {
    scenario: { name: scenario.name, description: scenario.description, file: scenario.file },
    seed: options.seed,
    version: VERSION,
    params: { ...scenario.params },
    model: describeModelConfig(config),
    modes: [...options.modes],
    sample_interval_s: toSeconds(config.sample_interval),
    fingerprints: Object.fromEntries(results.map((r) => [r.mode, r.summary.fingerprint])),
  };
  return { result: { info, results }, models, overruns };
}
