/** Shards and `shdsim merge`: the joined shards are byte for byte the unsharded sweep. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeTempDirs, tempDir } from '../reports/tmp.js';
import { cli, filesOf, lines, SCENARIO } from './helpers.js';

afterAll(removeTempDirs);

// 4 points × 2 modes × 2 seeds = 16 runs; a second key, so there are small multiples.
const ARGS = [SCENARIO, '--grid', 'volumes=1,2', '--grid', 'model.detach=enotconn,drain', '--mode', 'both', '--seeds', '2'];

let whole: Record<string, string>;
let shards: string[];

beforeAll(async () => {
  const root = tempDir();
  const w = await cli('sweep', ...ARGS, '--workers', '2', '--out', join(root, 'whole'));
  expect(w.code).toBe(0);
  whole = filesOf(join(root, 'whole'));
  shards = [];
  for (const i of [1, 2, 3]) {
    const dir = join(root, `shard-${i}`);
    const r = await cli('sweep', ...ARGS, '--workers', i === 2 ? '2' : '1', '--shard', `${i}/3`, '--out', dir);
    expect(r.code).toBe(0);
    shards.push(dir);
  }
});

describe('shards', () => {
  test('a shard directory is a normal sweep directory holding only its runs (run k → shard k mod 3 + 1)', () => {
    const json = JSON.parse(readFileSync(join(shards[1]!, 'sweep.json'), 'utf8')) as { shard: unknown };
    expect(json.shard).toEqual({ index: 2, count: 3 });
    const all = lines(whole['sweep.csv']!);
    const mine = lines(readFileSync(join(shards[1]!, 'sweep.csv'), 'utf8'));
    expect(mine[0]).toBe(all[0]);
    // Runs 1, 4, 7, … of the whole list (data rows start at line 1).
    expect(mine.slice(1)).toEqual(all.slice(1).filter((_, k) => k % 3 === 1));
    expect(existsSync(join(shards[1]!, 'sweep.html'))).toBe(true);
  });

  test('the small multiples: one chart per metric per value of the second key, and a heatmap per metric', () => {
    expect(Object.keys(whole).filter((f) => f.startsWith('charts/'))).toEqual([
      'charts/heal-p99--heatmap.svg',
      'charts/heal-p99--model.detach=drain.svg',
      'charts/heal-p99--model.detach=enotconn.svg',
      'charts/log-bytes-per-hour--heatmap.svg',
      'charts/log-bytes-per-hour--model.detach=drain.svg',
      'charts/log-bytes-per-hour--model.detach=enotconn.svg',
      'charts/peak-shd-rss--heatmap.svg',
      'charts/peak-shd-rss--model.detach=drain.svg',
      'charts/peak-shd-rss--model.detach=enotconn.svg',
      'charts/shd-starts--heatmap.svg',
      'charts/shd-starts--model.detach=drain.svg',
      'charts/shd-starts--model.detach=enotconn.svg',
    ]);
  });
});

describe('shdsim merge', () => {
  test('shards merged (in any order) are byte-identical to the unsharded sweep', async () => {
    const out = join(tempDir(), 'merged');
    const r = await cli('merge', shards[2]!, shards[0]!, shards[1]!, '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${join(out, 'sweep.html')}\n`);
    expect(filesOf(out)).toEqual(whole);
  });

  test('rows found twice (a shard given twice, or overlapping copies) are kept once', async () => {
    const out = join(tempDir(), 'merged');
    const r = await cli('merge', ...shards, shards[0]!, '--out', out);
    expect(r.code).toBe(0);
    expect(r.err).toContain('merge: 6 row(s) found in more than one input, kept once');
    expect(filesOf(out)).toEqual(whole);
  });

  test('a missing shard: exit 2, and no output directory', async () => {
    const out = join(tempDir(), 'merged');
    const r = await cli('merge', shards[0]!, shards[2]!, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toBe('shdsim: merge: 5 of 16 runs are missing (the first: volumes=1, model.detach=enotconn, legacy, seed 2); is a shard missing or unfinished? Rerun it with its --shard, then merge again\n');
    expect(existsSync(out)).toBe(false);
  });

  test('directories of different sweeps are refused', async () => {
    const other = join(tempDir(), 'other');
    expect((await cli('sweep', SCENARIO, '--grid', 'volumes=1,2', '--mode', 'mux', '--workers', '1', '--out', other)).code).toBe(0);
    const out = join(tempDir(), 'merged');
    const r = await cli('merge', shards[0]!, other, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`merge: ${other} is not a shard of the same sweep as ${shards[0]} (grid:`);
    expect(existsSync(out)).toBe(false);
  });

  test('not a sweep directory; --out one of the inputs', async () => {
    const empty = tempDir();
    expect((await cli('merge', empty)).err).toBe(`shdsim: merge: ${empty}: not a sweep directory (no sweep.json)\n`);
    const r = await cli('merge', ...shards, '--out', shards[0]!);
    expect(r.code).toBe(2);
    expect(r.err).toContain('is one of the inputs; choose another directory');
  });

  test('--help shows an example', async () => {
    const r = await cli('merge', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Examples:');
    expect(r.out).toContain('shdsim merge out/shard-1 out/shard-2 out/shard-3');
  });
});
