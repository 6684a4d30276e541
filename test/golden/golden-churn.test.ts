/** The goldens of mass-volume-churn (the library's longest run: its own file so jest runs it beside the others). */
import { compareGolden, renderGolden } from './golden.js';

test('mass-volume-churn: summary.csv, fingerprints and charts unchanged', () => {
  expect(compareGolden('mass-volume-churn', renderGolden('mass-volume-churn'))).toEqual([]);
}, 180_000);
