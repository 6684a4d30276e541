/**
 * The goldens of every library scenario but the longest (golden-churn.test.ts, so jest can run the two
 * files side by side). The scenarios run as child processes two at a time, all started before the
 * first comparison.
 */
import { compareGolden, libraryScenarios, renderGolden } from './golden.js';

const SLOW = 'mass-volume-churn';
const names = libraryScenarios().filter((s) => s !== SLOW);

/** Renders every scenario, at most two at a time (the machine has two cores). */
function renderAll(): Map<string, Promise<Map<string, string>>> {
  const out = new Map<string, Promise<Map<string, string>>>();
  let chain: [Promise<unknown>, Promise<unknown>] = [Promise.resolve(), Promise.resolve()];
  names.forEach((name, i) => {
    const slot = i % 2;
    const p = chain[slot]!.then(() => renderGolden(name));
    chain[slot] = p.catch(() => undefined);
    out.set(name, p);
  });
  return out;
}

let rendered: Map<string, Promise<Map<string, string>>>;
beforeAll(() => {
  rendered = renderAll();
});

describe('golden files of the scenario library (test/golden/<scenario>/)', () => {
  test.each(names)('%s: summary.csv, fingerprints and charts unchanged', async (name) => {
    expect(compareGolden(name, await rendered.get(name)!)).toEqual([]);
  }, 180_000);

  test('every library scenario has its goldens', () => {
    expect(libraryScenarios()).toContain(SLOW);
    expect(libraryScenarios().length).toBe(8);
  });
});
