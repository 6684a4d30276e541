import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeTempDirs, tempDir } from '../reports/tmp.js';
import { changedName, compareGolden } from './golden.js';

afterAll(removeTempDirs);

test('a changed file is written beside its golden with -changed before the extension', () => {
  expect(changedName('summary.csv')).toBe('summary-changed.csv');
  expect(changedName('charts/op-latency.svg')).toBe('charts/op-latency-changed.svg');
  expect(changedName('fingerprints.txt')).toBe('fingerprints-changed.txt');
});

test('one changed byte fails with a -changed file beside the golden; the same bytes again clear it', () => {
  const root = tempDir();
  const files = new Map([
    ['summary.csv', 'mode,seed\nlegacy,1\n'],
    ['charts/a.svg', '<svg>a</svg>'],
  ]);
  expect(compareGolden('s', files, root, true)).toEqual([]); // golden:update
  expect(readFileSync(join(root, 's', 'charts', 'a.svg'), 'utf8')).toBe('<svg>a</svg>');
  expect(compareGolden('s', files, root, false)).toEqual([]);

  const changed = new Map(files).set('charts/a.svg', '<svg>b</svg>');
  expect(compareGolden('s', changed, root, false)).toEqual(['s/charts/a.svg differs: see s/charts/a-changed.svg (npm run golden:update accepts it)']);
  expect(readFileSync(join(root, 's', 'charts', 'a-changed.svg'), 'utf8')).toBe('<svg>b</svg>');
  expect(readFileSync(join(root, 's', 'charts', 'a.svg'), 'utf8')).toBe('<svg>a</svg>');

  expect(compareGolden('s', files, root, false)).toEqual([]);
  expect(existsSync(join(root, 's', 'charts', 'a-changed.svg'))).toBe(false);
});

test('a golden no longer produced, and a new file without a golden, are differences', () => {
  const root = tempDir();
  compareGolden('s', new Map([['a.csv', 'x\n'], ['b.csv', 'y\n']]), root, true);
  expect(compareGolden('s', new Map([['a.csv', 'x\n'], ['c.csv', 'z\n']]), root, false)).toEqual([
    's/c.csv: no golden file (npm run golden:update writes it)',
    's/b.csv: golden file no longer produced',
  ]);
});
