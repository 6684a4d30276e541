/** Step and expectation counts of a loaded scenario, for `validate`'s one-line summary. */
import type { Scenario, Step } from './ast.js';

export interface StepCounts {
  /** Steps after unrolling every repeat (the repeat itself is not counted), in any mode. */
  readonly steps: number;
  /** `expect` steps among them. */
  readonly expectations: number;
}

export function countSteps(scenario: Scenario): StepCounts {
  let steps = 0;
  let expectations = 0;
  const walk = (list: readonly Step[]): void => {
    for (const s of list) {
      if (s.kind === 'repeat') s.iterations.forEach(walk);
      else {
        steps++;
        if (s.kind === 'expect') expectations++;
      }
    }
  };
  walk(scenario.steps);
  return { steps, expectations };
}
