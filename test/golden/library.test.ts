/** The goldens of every library scenario but the longest (golden-churn.test.ts, so jest runs the two in parallel). */
import { compareGolden, libraryScenarios, renderGolden } from './golden.js';

const SLOW = 'mass-volume-churn';

describe('golden files of the scenario library (test/golden/<scenario>/)', () => {
  test.each(libraryScenarios().filter((s) => s !== SLOW))('%s: summary.csv, fingerprints and charts unchanged', (name) => {
    expect(compareGolden(name, renderGolden(name))).toEqual([]);
  });

  test('every library scenario has its goldens', () => {
    expect(libraryScenarios()).toContain(SLOW);
    expect(libraryScenarios().length).toBe(8);
  });
});
