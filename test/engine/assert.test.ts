import { jest } from '@jest/globals';
import { AssertionError, check, removeFrom } from '../../sim/engine/assert.js';
import { Simulation, SimulationError } from '../../sim/engine/simulation.js';
import { seconds } from '../../sim/engine/time.js';

describe('model assertions', () => {
  test('a failed check throws with the simulated time and the seed', () => {
    const sim = new Simulation({ seed: 77 });
    sim.schedule(seconds(2), () => check(sim, 1 + 1 === 3, 'arithmetic holds'), 'breaks');
    let err: unknown;
    try {
      sim.run();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AssertionError);
    expect(err).toBeInstanceOf(SimulationError);
    expect((err as AssertionError).message).toBe('assertion failed at t=2s (2000000us): arithmetic holds; reproduce with --seed 77');
    expect((err as AssertionError).time).toBe(seconds(2));
    expect((err as AssertionError).seed).toBe(77);
  });

  test('a passing check does nothing and builds no message', () => {
    const sim = new Simulation({ seed: 1 });
    const what = jest.fn(() => 'never built');
    check(sim, true, what);
    expect(what).not.toHaveBeenCalled();
  });

  test('removeFrom removes the one item and refuses a missing one (instead of dropping the last)', () => {
    const sim = new Simulation({ seed: 1 });
    const list = ['a', 'b', 'c'];
    removeFrom(sim, list, 'b', 'letters');
    expect(list).toEqual(['a', 'c']);
    expect(() => removeFrom(sim, list, 'x', 'letters')).toThrow('assertion failed at t=0s (0us): letters: not in the list; reproduce with --seed 1');
    expect(list).toEqual(['a', 'c']);
  });
});
