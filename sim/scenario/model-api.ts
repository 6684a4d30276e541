/**
 * What the scenario runner needs from a model: the contract between sim/scenario/ (which drives
 * simulated time from outside the event loop) and sim/gluster/ (which implements it). Tests drive the
 * runner with small fakes of this interface.
 */
import type { Simulation } from '../engine/simulation.js';
import type { Future } from '../engine/signal.js';
import type { Mode, ModelCommand, Observable } from './ast.js';

/** How a command ended, as the real CLI would answer it. */
export interface CommandOutcome {
  readonly ok: boolean;
  /** The CLI's answer, e.g. `volume start: v0: success` or `volume delete: v0: failed: …`. */
  readonly message: string;
}

export interface ScenarioModel {
  readonly sim: Simulation;
  readonly mode: Mode;
  /**
   * Starts `command` at the current simulated time. The future resolves when the command is over
   * (for `gluster …`, when glusterd answers the CLI; for `write`, at once: the workload runs in the
   * background). The runner runs the simulation until it resolves.
   */
  execute(command: ModelCommand, text: string): Future<CommandOutcome>;
  /** The current value of an observable (always an integer). */
  observe(observable: Observable): number;
}
