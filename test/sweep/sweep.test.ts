/**
 * `shdsim sweep` end to end, in-process through the command line (main), on a scenario whose runs take
 * ~50 ms. The worker-thread runs load dist/ (npm test builds first).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeTempDirs, tempDir } from '../reports/tmp.js';
import { cli, filesOf, lines, SCENARIO } from './helpers.js';

afterAll(removeTempDirs);

// 2 points × 2 modes × 2 seeds = 8 runs.
const GRID = ['--grid', 'volumes=1,2', '--seeds', '2'];

let reference: Record<string, string>;
let referenceErr: string;

beforeAll(async () => {
  const dir = join(tempDir(), 'ref');
  const r = await cli('sweep', SCENARIO, ...GRID, '--workers', '1', '--out', dir);
  expect(r.code).toBe(0);
  reference = filesOf(dir);
  referenceErr = r.err;
});

describe('a sweep', () => {
  test('writes sweep.json, sweep.csv, sweep-summary.csv, sweep.html and a chart per headline metric', () => {
    expect(Object.keys(reference)).toEqual([
      'charts/heal-p99.svg',
      'charts/log-bytes-per-hour.svg',
      'charts/peak-shd-rss.svg',
      'charts/shd-starts.svg',
      'sweep-summary.csv',
      'sweep.csv',
      'sweep.html',
      'sweep.json',
    ]);
    expect(JSON.parse(reference['sweep.json']!)).toEqual({
      scenario: { name: 'sweep-churn', file: SCENARIO, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      grid: [{ key: 'volumes', values: ['1', '2'] }],
      set: [],
      modes: ['legacy', 'mux'],
      seeds: 2,
      base_seed: 1,
      shard: null,
      version: expect.any(String),
    });
  });

  test('sweep.csv: grid columns, mode, seed, then summary.csv columns; one row per run in grid, mode, seed order', () => {
    const rows = lines(reference['sweep.csv']!);
    expect(rows[0]!.startsWith('volumes,mode,seed,sim_seconds,heals_completed,heal_latency_p50_s,')).toBe(true);
    expect(rows[0]!.endsWith(',expectations_failed,fingerprint')).toBe(true);
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 3).join(','))).toEqual([
      '1,legacy,1',
      '1,legacy,2',
      '1,mux,1',
      '1,mux,2',
      '2,legacy,1',
      '2,legacy,2',
      '2,mux,1',
      '2,mux,2',
    ]);
  });

  test('each row is exactly the summary.csv row that `shdsim run` writes for that point and seed', async () => {
    const dir = join(tempDir(), 'run');
    const r = await cli('run', SCENARIO, '--set', 'volumes=2', '--seed', '2', '--out', dir);
    expect(r.code).toBe(0);
    const summary = lines(readFileSync(join(dir, 'summary.csv'), 'utf8'));
    const sweep = lines(reference['sweep.csv']!);
    expect(sweep[0]).toBe(`volumes,${summary[0]}`);
    expect(sweep[6]).toBe(`2,${summary[1]}`); // 2, legacy, seed 2
    expect(sweep[8]).toBe(`2,${summary[2]}`); // 2, mux, seed 2
  });

  test('--workers 1 and --workers 2 write byte-identical files', async () => {
    const dir = join(tempDir(), 'two');
    const r = await cli('sweep', SCENARIO, ...GRID, '--workers', '2', '--out', dir);
    expect(r.code).toBe(0);
    expect(r.err).toContain('sweep: 8 runs, 2 worker threads');
    expect(filesOf(dir)).toEqual(reference);
  });

  test('progress off a terminal: plain lines, the last one with the count, rate and time; the page path on stdout', () => {
    const err = lines(referenceErr);
    expect(err[0]).toBe('sweep: 8 runs, in this thread');
    expect(err[err.length - 1]).toMatch(/^sweep: 8\/8 runs, \d+\.\d runs\/s, done in \d+s$/);
    expect(referenceErr).not.toMatch(/\x1b\[/); // no terminal escapes
  });

  test('sweep.html is self-contained: no script, nothing fetched, UTF-8, every chart inline', () => {
    const html = reference['sweep.html']!;
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:/);
    expect(html.match(/<figure /g)).toHaveLength(4);
    for (const name of ['heal-p99', 'log-bytes-per-hour', 'shd-starts', 'peak-shd-rss']) {
      expect(html).toContain(reference[`charts/${name}.svg`]!.trimEnd());
    }
    // The table: one row per point and mode.
    expect(html.match(/<tr title="volumes=\d">/g)).toHaveLength(4);
  });

  test('--charts: every run\'s own outputs under runs/<point>/<mode>-seed<N>/, its summary row the same as sweep.csv\'s', async () => {
    const dir = join(tempDir(), 'charts');
    const r = await cli('sweep', SCENARIO, '--grid', 'volumes=1,2', '--mode', 'mux', '--seed', '5', '--workers', '2', '--charts', '--out', dir);
    expect(r.code).toBe(0);
    const run = join(dir, 'runs', '2-volumes=2', 'mux-seed5');
    for (const f of ['summary.csv', 'run.json', 'report.html', 'charts/heal-latency-cdf.svg']) expect(existsSync(join(run, f))).toBe(true);
    expect(existsSync(join(dir, 'runs', '1-volumes=1', 'mux-seed5', 'summary.csv'))).toBe(true);
    const summary = lines(readFileSync(join(run, 'summary.csv'), 'utf8'));
    expect(lines(readFileSync(join(dir, 'sweep.csv'), 'utf8'))[2]).toBe(`2,${summary[1]}`);
    // In this thread, the very same files, per-run outputs included.
    const here = join(tempDir(), 'charts-here');
    expect((await cli('sweep', SCENARIO, '--grid', 'volumes=1,2', '--mode', 'mux', '--seed', '5', '--workers', '1', '--charts', '--out', here)).code).toBe(0);
    expect(filesOf(here)).toEqual(filesOf(dir));
  });

  test('a grid key with one value: a chart with one point per mode', async () => {
    const dir = join(tempDir(), 'one');
    const r = await cli('sweep', SCENARIO, '--grid', 'files=10', '--workers', '1', '--out', dir);
    expect(r.code).toBe(0);
    const svg = readFileSync(join(dir, 'charts', 'shd-starts.svg'), 'utf8');
    expect(svg.match(/data-series="(legacy|mux)"/g)).toEqual(['data-series="legacy"', 'data-series="mux"']);
    expect(svg).toContain('one seed per point (no confidence band)');
  });
});

describe('resuming', () => {
  test('a sweep cut short — rows in completion order, half a row at the end — finishes every run once, with the same bytes', async () => {
    const dir = join(tempDir(), 'cut');
    expect((await cli('sweep', SCENARIO, ...GRID, '--workers', '2', '--out', dir)).code).toBe(0);
    // What a kill leaves: the header, the rows that finished (in completion order), half of the row
    // being written, and no final files.
    const rows = lines(reference['sweep.csv']!);
    writeFileSync(join(dir, 'sweep.csv'), [rows[0], rows[6], rows[1], rows[3]].join('\n') + '\n' + rows[5]!.slice(0, 25));
    for (const f of ['sweep-summary.csv', 'sweep.html']) rmSync(join(dir, f));
    rmSync(join(dir, 'charts'), { recursive: true });
    writeFileSync(join(dir, '.sweep.csv.tmp-99999'), 'left by a killed sweep');
    mkdirSync(join(dir, 'charts'));
    writeFileSync(join(dir, 'charts', '.heal-p99.svg.tmp-99999'), '<svg');

    const r = await cli('sweep', SCENARIO, ...GRID, '--workers', '2', '--out', dir);
    expect(r.code).toBe(0);
    expect(r.err).toContain('sweep: 8 runs (3 already in sweep.csv), 2 worker threads');
    expect(filesOf(dir)).toEqual(reference);
  });

  test('a finished sweep run again runs nothing and writes the same bytes', async () => {
    const dir = join(tempDir(), 'again');
    expect((await cli('sweep', SCENARIO, ...GRID, '--workers', '1', '--out', dir)).code).toBe(0);
    const r = await cli('sweep', SCENARIO, ...GRID, '--workers', '2', '--out', dir);
    expect(r.code).toBe(0);
    expect(r.err).toBe('sweep: all 8 runs are in sweep.csv already; writing the summary files\n');
    expect(filesOf(dir)).toEqual(reference);
  });

  test('a different sweep is refused (exit 2) and the directory is left as it was', async () => {
    const dir = join(tempDir(), 'other');
    expect((await cli('sweep', SCENARIO, ...GRID, '--workers', '1', '--out', dir)).code).toBe(0);
    const r = await cli('sweep', SCENARIO, '--grid', 'volumes=1,2', '--seeds', '3', '--out', dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('holds a different sweep (seeds: 2 there, 3 now); refusing to resume into it');
    expect(filesOf(dir)).toEqual(reference);
    const s = await cli('sweep', SCENARIO, '--grid', 'volumes=1,2', '--seeds', '2', '--set', 'files=30', '--out', dir);
    expect(s.code).toBe(2);
    expect(s.err).toContain('(--set: [] there, ["files=30"] now)');
  });

  test('a sweep.csv whose header does not match the grid is refused (exit 2), untouched', async () => {
    const dir = join(tempDir(), 'header');
    expect((await cli('sweep', SCENARIO, ...GRID, '--workers', '1', '--out', dir)).code).toBe(0);
    const edited = reference['sweep.csv']!.replace(/^volumes,/, 'vols,');
    writeFileSync(join(dir, 'sweep.csv'), edited);
    const r = await cli('sweep', SCENARIO, ...GRID, '--out', dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${dir}/sweep.csv:1: the header does not match this sweep's grid and version`);
    expect(readFileSync(join(dir, 'sweep.csv'), 'utf8')).toBe(edited);
  });

  test('a directory that is not a sweep directory is refused', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const r = await cli('sweep', SCENARIO, ...GRID, '--out', dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('exists and is not a sweep directory (no sweep.json)');
    expect(filesOf(dir)).toEqual({ 'notes.txt': 'mine' });
  });
});

describe('bad input: exit 2, before anything is written', () => {
  test('an unknown grid key: reported once (whatever its values), with the nearest name, and no output directory', async () => {
    const dir = join(tempDir(), 'nested', 'out');
    const r = await cli('sweep', SCENARIO, '--grid', 'nodes=3,5', '--out', dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${SCENARIO}: --grid nodes: unknown param 'nodes' (expected one of volumes, files, rate, or model.KEY)\n`);
    const typo = await cli('sweep', SCENARIO, '--grid', 'volumez=1,2', '--grid', 'model.detch=drain', '--out', dir);
    expect(lines(typo.err)).toEqual([
      `${SCENARIO}: --grid volumez: unknown param 'volumez'; did you mean 'volumes'? (expected one of volumes, files, rate, or model.KEY)`,
      `${SCENARIO}: --grid model.detch: unknown model setting 'detch'; did you mean 'model.detach'? (expected one of version, detach, drain_timeout, glusterd_restart, faults, inode_table, sample_interval, net_rtt, net_bandwidth, brick_bandwidth, brick_latency, glusterd_op_time, process_start_time, graph_init_time_per_xlator, shd_exit_time, glusterd_start_time)`,
    ]);
    expect(existsSync(join(dir, '..'))).toBe(false);
  });

  test('numbers that are not numbers: --seeds, --seed and --workers say so instead of NaN', async () => {
    const dir = join(tempDir(), 'out');
    expect((await cli('sweep', SCENARIO, '--grid', 'volumes=1', '--seeds', 'abc', '--out', dir)).err).toBe("shdsim: --seeds 'abc': expected a whole number ≥ 1, such as 5\n");
    expect((await cli('sweep', SCENARIO, '--grid', 'volumes=1', '--seed', 'x', '--out', dir)).err).toBe("shdsim: --seed 'x': expected a whole number, such as 1\n");
    expect((await cli('sweep', SCENARIO, '--grid', 'volumes=1', '--workers', '0', '--out', dir)).err).toBe("shdsim: --workers '0': expected a whole number ≥ 1, such as 2\n");
    expect(existsSync(dir)).toBe(false);
  });

  test('bad values: each reported as the loader reports it, with the grid point it came from', async () => {
    const dir = join(tempDir(), 'out');
    const r = await cli('sweep', SCENARIO, '--grid', 'volumes=1,-2', '--grid', 'model.detach=drain,sometimes', '--out', dir);
    expect(r.code).toBe(2);
    expect(lines(r.err)).toEqual([
      `${SCENARIO}: --grid model.detach=sometimes: bad value "sometimes" for model.detach (expected one of enotconn, drain)`,
      // the grid value broke the step, not the file's line: the value is blamed, with where the file uses it
      `${SCENARIO}: --grid volumes=-2: bad repeat count '-2' (expected a whole number of iterations, such as 10 or \${volumes}), where the file uses \${volumes} (line:col 17:13)`,
    ]);
    expect(existsSync(dir)).toBe(false);
  });

  test('a missing scenario, a bad shard, a grid key also fixed with --set', async () => {
    const dir = join(tempDir(), 'out');
    expect((await cli('sweep', 'nope.yaml', '--grid', 'volumes=1', '--out', dir)).err).toBe('nope.yaml: cannot read scenario: no such file\n');
    expect((await cli('sweep', SCENARIO, '--grid', 'volumes=1', '--shard', '0/2', '--out', dir)).err).toContain("--shard '0/2': expected i/n");
    const r = await cli('sweep', SCENARIO, '--grid', 'volumes=1', '--set', 'volumes=3', '--out', dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--grid volumes: the key is also given with --set');
    expect(existsSync(dir)).toBe(false);
  });

  test('--help shows the options and an example', async () => {
    const r = await cli('sweep', '--help');
    expect(r.code).toBe(0);
    for (const s of ['--grid', '--seeds', '--workers', '--shard', '--charts', 'Examples:', 'shdsim sweep churn.yaml --grid', '--shard 2/4']) expect(r.out).toContain(s);
  });
});
