import { readFileSync, readdirSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../sim/errors.js';
import { quantizeRunResult } from '../../reports/quantize.js';
import { readRunOutputs } from '../../reports/read-run.js';
import { writeRunOutputs } from '../../reports/write-run.js';
import { renderCharts } from '../../viz/charts/index.js';
import { renderReport } from '../../viz/report.js';
import { churnRun } from '../fixtures/runs/churn.js';
import { smallRun } from '../fixtures/runs/small.js';
import { removeTempDirs, tempDir } from './tmp.js';

afterAll(removeTempDirs);

function allFiles(dir: string, sub = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
    const rel = join(sub, e.name);
    if (e.isDirectory()) for (const [k, v] of allFiles(dir, rel)) out.set(k, v);
    else out.set(rel, readFileSync(join(dir, rel), 'utf8'));
  }
  return out;
}

describe('write → read', () => {
  test('a result already at file precision reads back equal (two modes)', () => {
    const run = churnRun();
    const dir = tempDir();
    writeRunOutputs(dir, run);
    expect(readRunOutputs(dir)).toEqual(run);
  });

  test('a one-mode result reads back equal', () => {
    const run = churnRun({ modes: ['mux'] });
    const dir = tempDir();
    writeRunOutputs(dir, run);
    const back = readRunOutputs(dir);
    expect(back).toEqual(run);
    expect(back.results.map((r) => r.mode)).toEqual(['mux']);
  });

  test('finer values read back as the files hold them, types restored (null, boolean, \'\')', () => {
    const dir = tempDir();
    writeRunOutputs(dir, smallRun());
    const back = readRunOutputs(dir);
    expect(back).toEqual(quantizeRunResult(smallRun()));
    const legacy = back.results[0]!;
    expect(legacy.summary.sim_seconds).toBe(12.345679);
    expect(legacy.summary.peak_shd_rss_mib).toBe(30.123);
    expect(legacy.heals[1]!.brick).toBe('');
    expect(legacy.heals[1]!.healed_at_s).toBeNull();
    expect(legacy.expectations[0]!.passed).toBe(false);
    expect(legacy.expectations[0]!.observed).toBe('1\nafter 5s');
    expect(back.results[1]!.summary.heal_latency_p99_s).toBeNull();
    expect(back.results[1]!.heals).toEqual([]);
  });

  test('renderReport(readRunOutputs(dir)) is byte-identical to the report.html written by the run', () => {
    for (const run of [smallRun(), churnRun(), churnRun({ modes: ['legacy'] })]) {
      const dir = tempDir();
      writeRunOutputs(dir, run);
      const back = readRunOutputs(dir);
      expect(renderReport(back)).toBe(readFileSync(join(dir, 'report.html'), 'utf8'));
      for (const c of renderCharts(back)) expect(c.svg).toBe(readFileSync(join(dir, 'charts', `${c.name}.svg`), 'utf8'));
    }
  });

  test('two writes of the same result are byte-identical, whatever the time zone', () => {
    const a = tempDir();
    const b = tempDir();
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      writeRunOutputs(a, churnRun());
      process.env.TZ = 'Pacific/Chatham';
      writeRunOutputs(b, churnRun());
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    const fa = allFiles(a);
    const fb = allFiles(b);
    expect([...fa.keys()].sort()).toEqual([...fb.keys()].sort());
    expect(fa.size).toBe(19); // 8 CSV files, run.json, report.html, 9 charts
    for (const [k, v] of fa) expect(fb.get(k)).toBe(v);
  });
});

describe('reading a bad directory is a UserError naming the file and what is wrong', () => {
  function written(): string {
    const dir = tempDir();
    writeRunOutputs(dir, smallRun());
    return dir;
  }
  function errorOf(dir: string): UserError {
    try {
      readRunOutputs(dir);
    } catch (err) {
      if (err instanceof UserError) return err;
      throw err;
    }
    throw new Error('expected a UserError');
  }
  const edit = (dir: string, file: string, f: (s: string) => string) => writeFileSync(join(dir, file), f(readFileSync(join(dir, file), 'utf8')));

  test('no such directory', () => {
    const dir = join(tempDir(), 'nope');
    expect(errorOf(dir).report).toBe(`${dir}: no such directory`);
  });

  test('a missing file', () => {
    const dir = written();
    unlinkSync(join(dir, 'heals.csv'));
    expect(errorOf(dir).report).toBe(`${join(dir, 'heals.csv')}: missing (is this the output directory of a run?)`);
    unlinkSync(join(dir, 'run.json'));
    expect(errorOf(dir).report).toBe(`${join(dir, 'run.json')}: missing (is this the output directory of a run?)`);
  });

  test('a bad cell, with its line and column', () => {
    const dir = written();
    edit(dir, 'heals.csv', (s) => s.replace(',2.000000,', ',soon,'));
    expect(errorOf(dir).report).toBe(`${join(dir, 'heals.csv')}:2: column healable_at_s: "soon" is not a decimal number`);
  });

  test('an integer column with a fraction, an unknown enum value, an empty required cell', () => {
    let dir = written();
    edit(dir, 'nodes.csv', (s) => s.replace(',2101,', ',2101.5,'));
    expect(errorOf(dir).report).toBe(`${join(dir, 'nodes.csv')}:2: column shd_pid: "2101.5" is not an integer`);
    dir = written();
    edit(dir, 'events.csv', (s) => s.replace(',attach,', ',attached,'));
    expect(errorOf(dir).message).toContain('column kind: "attached" is not one of shd-start, shd-exit');
    dir = written();
    edit(dir, 'ops.csv', (s) => s.replace(',0.020500,', ',,'));
    expect(errorOf(dir).report).toBe(`${join(dir, 'ops.csv')}:2: column latency_s: empty, expected a number`);
  });

  test('a wrong header', () => {
    const dir = written();
    edit(dir, 'logs.csv', (s) => s.replace('msgid,level', 'level,msgid'));
    expect(errorOf(dir).report).toBe(
      `${join(dir, 'logs.csv')}:1: header does not match logs.csv's columns (columns out of order); expected: mode,node,process,msgid,level,lines,bytes`,
    );
    edit(dir, 'logs.csv', (s) => s.replace('level,msgid', 'level,msg'));
    expect(errorOf(dir).message).toContain('(missing msgid; unknown msg)');
  });

  test('a row with too few cells, an empty file, broken quoting', () => {
    let dir = written();
    edit(dir, 'timeseries.csv', (s) => s.replace('\nmux,10.000000,0,0,0,10,1000,1,1,0,2,1,28.000', '\nmux,10.000000'));
    expect(errorOf(dir).report).toBe(`${join(dir, 'timeseries.csv')}:5: 2 cells, expected 13`);
    dir = written();
    edit(dir, 'ops.csv', () => '');
    expect(errorOf(dir).message).toContain('ops.csv: empty file, expected the header line: mode,at_s,host,command,result,latency_s,message');
    dir = written();
    edit(dir, 'ops.csv', (s) => s.replace('try force"', 'try force'));
    expect(errorOf(dir).report).toBe(`${join(dir, 'ops.csv')}:2: a quoted cell is not closed before the end of the file`);
  });

  test('rows of a mode run.json does not list, a mode without its summary row, a second summary row', () => {
    let dir = written();
    edit(dir, 'run.json', (s) => s.replace('"modes": [\n    "legacy",\n    "mux"\n  ]', '"modes": [\n    "legacy"\n  ]'));
    expect(errorOf(dir).report).toBe(`${join(dir, 'summary.csv')}:3: mode 'mux' is not among run.json's modes (legacy)`);
    dir = written();
    edit(dir, 'summary.csv', (s) => s.split('\n').filter((l) => !l.startsWith('mux,')).join('\n'));
    expect(errorOf(dir).report).toBe(`${join(dir, 'summary.csv')}: no row for mode 'mux' (run.json lists it)`);
    dir = written();
    edit(dir, 'summary.csv', (s) => s + s.split('\n')[1] + '\n');
    expect(errorOf(dir).report).toBe(`${join(dir, 'summary.csv')}:4: a second summary row for mode 'legacy'`);
  });

  test('run.json that is not JSON, or lacks fields', () => {
    let dir = written();
    edit(dir, 'run.json', (s) => s.slice(0, 20));
    expect(errorOf(dir).report).toMatch(new RegExp(`^${join(dir, 'run.json').replace(/[.]/g, '\\.')}: not valid JSON \\(`));
    dir = written();
    edit(dir, 'run.json', () => '{"seed": 1.5, "modes": ["classic"], "scenario": {"name": 3}}');
    expect(errorOf(dir).report).toBe(
      `${join(dir, 'run.json')}: scenario.name must be a string; scenario.description must be a string; scenario.file must be a string; version must be a string; model must be an object; seed must be an integer; params must be an object; modes must be a non-empty list of legacy, mux; sample_interval_s must be a positive number; fingerprints must be an object`,
    );
  });
});
