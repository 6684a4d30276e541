/**
 * Assertions for model code: a path that can only be reached through a bug (a count going negative, a
 * lookup that must find, a state that must hold) fails at once with the simulated time and the seed,
 * instead of going on with corrupt state. A failed assertion is a model bug: the commands exit 70 with
 * the line that reproduces the run.
 */
import { SimulationError, type Simulation } from './simulation.js';
import { formatDuration } from './time.js';

export class AssertionError extends SimulationError {
  constructor(message: string, time: number, seed: number) {
    super(message, time, seed);
    this.name = 'AssertionError';
  }
}

/**
 * Throws an AssertionError unless `condition` holds. `what` says what should have held; pass a
 * function when building the text costs something (it is only called on failure).
 */
export function check(sim: Simulation, condition: boolean, what: string | (() => string)): asserts condition {
  if (condition) return;
  throw new AssertionError(
    `assertion failed at t=${formatDuration(sim.now)} (${sim.now}us): ${typeof what === 'string' ? what : what()}; reproduce with --seed ${sim.seed}`,
    sim.now,
    sim.seed,
  );
}

/** `list.splice(list.indexOf(item), 1)`, asserting that the item is there (a miss would drop the last one). */
export function removeFrom<T>(sim: Simulation, list: T[], item: T, what: string): void {
  const i = list.indexOf(item);
  check(sim, i >= 0, () => `${what}: not in the list`);
  list.splice(i, 1);
}
