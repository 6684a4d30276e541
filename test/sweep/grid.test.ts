import { UserError } from '../../sim/errors.js';
import { expandPoints, expandRuns, parseGrid, parseShard, pointDirName, pointLabel, pointOverrides, shardRuns } from '../../sim/sweep/grid.js';
import { RESERVED_KEYS } from '../../sim/sweep/summary.js';

const none = new Set<string>();

describe('--grid parsing', () => {
  test('KEY=V1,V2: values split at commas and trimmed, keys in the order given', () => {
    expect(parseGrid(['volumes=10, 20,50', 'model.detach=enotconn,drain'], RESERVED_KEYS, none)).toEqual([
      { key: 'volumes', values: ['10', '20', '50'] },
      { key: 'model.detach', values: ['enotconn', 'drain'] },
    ]);
  });

  test.each([
    [['volumes'], "--grid 'volumes': expected KEY=V1,V2,…"],
    [['=1,2'], "--grid '=1,2': expected KEY=V1,V2,…"],
    [['volumes=1,,2'], "--grid 'volumes=1,,2': an empty value"],
    [['volumes=1,2,1'], "--grid 'volumes=1,2,1': value '1' is given twice"],
    [['volumes=1', 'volumes=2'], '--grid volumes: the key is given twice'],
    [['seed=1,2'], "--grid seed: sweep.csv already has a column 'seed'"],
    [['log_bytes=1'], "--grid log_bytes: sweep.csv already has a column 'log_bytes'"],
    [['runs=1'], "--grid runs: sweep.csv already has a column 'runs'"],
    [[], '--grid: give at least one'],
  ])('%j is refused', (raw, message) => {
    expect(() => parseGrid(raw, RESERVED_KEYS, none)).toThrow(UserError);
    expect(() => parseGrid(raw, RESERVED_KEYS, none)).toThrow(message);
  });

  test('a key fixed with --set cannot be swept too', () => {
    expect(() => parseGrid(['volumes=1,2'], RESERVED_KEYS, new Set(['volumes']))).toThrow('--grid volumes: the key is also given with --set');
  });
});

describe('grid expansion', () => {
  const axes = parseGrid(['volumes=10,20,50', 'model.detach=enotconn,drain'], RESERVED_KEYS, none);

  test('points are the cross product, the first key varying slowest', () => {
    expect(expandPoints(axes).map((p) => [p.index, ...p.values])).toEqual([
      [0, '10', 'enotconn'],
      [1, '10', 'drain'],
      [2, '20', 'enotconn'],
      [3, '20', 'drain'],
      [4, '50', 'enotconn'],
      [5, '50', 'drain'],
    ]);
  });

  test('a point is its overrides, a label and a directory name that sorts in grid order', () => {
    const points = expandPoints(axes);
    expect(pointOverrides(axes, points[3]!)).toEqual([
      { key: 'volumes', value: '20' },
      { key: 'model.detach', value: 'drain' },
    ]);
    expect(pointLabel(axes, points[3]!)).toBe('volumes=20, model.detach=drain');
    expect(pointDirName(axes, points[3]!, 6)).toBe('4-volumes=20,model.detach=drain');
    const many = parseGrid(['faults=a b/c,x'], RESERVED_KEYS, none);
    expect(pointDirName(many, expandPoints(many)[0]!, 12)).toBe('01-faults=a_b_c');
  });

  test('runs: point, then mode, then seed = base + replica; both modes of a point share the seeds', () => {
    const runs = expandRuns(expandPoints(axes).slice(0, 2), ['legacy', 'mux'], 3, 7);
    expect(runs.map((r) => `${r.index}:${r.point.values.join('/')}:${r.mode}:${r.seed}`)).toEqual([
      '0:10/enotconn:legacy:7',
      '1:10/enotconn:legacy:8',
      '2:10/enotconn:legacy:9',
      '3:10/enotconn:mux:7',
      '4:10/enotconn:mux:8',
      '5:10/enotconn:mux:9',
      '6:10/drain:legacy:7',
      '7:10/drain:legacy:8',
      '8:10/drain:legacy:9',
      '9:10/drain:mux:7',
      '10:10/drain:mux:8',
      '11:10/drain:mux:9',
    ]);
    expect(runs.map((r) => r.replica)).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]);
  });

  test('one mode only', () => {
    const runs = expandRuns(expandPoints(axes), ['mux'], 1, 1);
    expect(runs.map((r) => `${r.point.index}:${r.mode}:${r.seed}`)).toEqual(['0:mux:1', '1:mux:1', '2:mux:1', '3:mux:1', '4:mux:1', '5:mux:1']);
  });
});

describe('shards', () => {
  const axes = parseGrid(['volumes=1,2,3', 'files=5,6'], RESERVED_KEYS, none);
  const runs = expandRuns(expandPoints(axes), ['legacy', 'mux'], 2, 1); // 24 runs

  test('--shard i/n: run k goes to shard (k mod n) + 1', () => {
    expect(shardRuns(runs, { index: 1, count: 5 }).map((r) => r.index)).toEqual([0, 5, 10, 15, 20]);
    expect(shardRuns(runs, { index: 5, count: 5 }).map((r) => r.index)).toEqual([4, 9, 14, 19]);
    expect(shardRuns(runs, null)).toHaveLength(24);
  });

  test('the shards are disjoint and together are the whole sweep', () => {
    for (const n of [1, 2, 3, 7, 24, 30]) {
      const all = Array.from({ length: n }, (_, i) => shardRuns(runs, { index: i + 1, count: n }).map((r) => r.index)).flat();
      expect(all.sort((a, b) => a - b)).toEqual(runs.map((r) => r.index));
    }
  });

  test('parsing i/n', () => {
    expect(parseShard(undefined)).toBeNull();
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '1/0', '1', 'a/b', '1/2/3', '-1/2']) expect(() => parseShard(bad)).toThrow(`--shard '${bad}': expected i/n with 1 ≤ i ≤ n`);
  });
});
