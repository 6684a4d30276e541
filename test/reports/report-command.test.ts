import { readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../sim/cli/main.js';
import { captureIo } from '../../sim/cli/io.js';
import { writeRunOutputs } from '../../reports/write-run.js';
import { churnRun } from '../fixtures/runs/churn.js';
import { removeTempDirs, tempDir } from './tmp.js';

afterAll(removeTempDirs);

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.stdout.join(''), err: io.stderr.join('') };
}

describe('shdsim report <out-dir>', () => {
  test('redraws report.html and charts/*.svg byte-identical from the files, prints the path', async () => {
    const dir = tempDir();
    writeRunOutputs(dir, churnRun());
    const report = readFileSync(join(dir, 'report.html'), 'utf8');
    const cdf = readFileSync(join(dir, 'charts', 'heal-latency-cdf.svg'), 'utf8');
    rmSync(join(dir, 'report.html'));
    rmSync(join(dir, 'charts'), { recursive: true });
    writeFileSync(join(dir, 'stale'), ''); // not ours: left alone

    const r = await cli('report', dir);
    expect(r).toEqual({ code: 0, out: join(dir, 'report.html'), err: '' });
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(report);
    expect(readFileSync(join(dir, 'charts', 'heal-latency-cdf.svg'), 'utf8')).toBe(cdf);
    expect(readdirSync(join(dir, 'charts'))).toHaveLength(9);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]); // no temporary files left
  });

  test('replaces the charts directory whole (a stale chart goes)', async () => {
    const dir = tempDir();
    writeRunOutputs(dir, churnRun({ modes: ['mux'] }));
    writeFileSync(join(dir, 'charts', 'old-chart.svg'), '<svg/>');
    expect((await cli('report', dir)).code).toBe(0);
    expect(readdirSync(join(dir, 'charts'))).not.toContain('old-chart.svg');
  });

  test('a missing directory exits 2 with one line', async () => {
    const dir = join(tempDir(), 'missing');
    expect(await cli('report', dir)).toEqual({ code: 2, out: '', err: `shdsim: ${dir}: no such directory` });
  });

  test('a malformed file exits 2 with file:line: message, and the old report stays', async () => {
    const dir = tempDir();
    writeRunOutputs(dir, churnRun());
    const before = readFileSync(join(dir, 'report.html'), 'utf8');
    const csv = readFileSync(join(dir, 'summary.csv'), 'utf8');
    writeFileSync(join(dir, 'summary.csv'), csv.replace('legacy,1,900.000000', 'legacy,one,900.000000'));
    const r = await cli('report', dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${join(dir, 'summary.csv')}:2: column seed: "one" is not an integer`);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(before);
  });

  test('a directory that is not a run exits 2', async () => {
    const dir = tempDir();
    const r = await cli('report', dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`shdsim: ${join(dir, 'run.json')}: missing (is this the output directory of a run?)`);
  });

  test('without a directory: exit 2', async () => {
    const r = await cli('report');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Not enough non-option arguments');
  });

  test('--help shows an example, and the command is listed in shdsim --help', async () => {
    const r = await cli('report', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('shdsim report <out-dir>');
    expect(r.out).toContain('Examples:');
    expect(r.out).toContain('shdsim report out/shd-mux-demo');
    expect((await cli('--help')).out).toContain('shdsim report <out-dir>');
  });
});
