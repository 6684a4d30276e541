/** The goldens of mass-volume-churn (the library's longest run: its own file so jest runs it beside the others). */
import { compareGolden, renderGolden } from './golden.js';

test('mass-volume-churn: summary.csv, fingerprints and charts unchanged', async () => {
  expect(compareGolden('mass-volume-churn', await renderGolden('mass-volume-churn'))).toEqual([]);
}, 300_000);
