/**
 * A real interruption: the built `shdsim sweep` killed with SIGKILL part-way (no chance to clean up),
 * then the same command run again. Nothing is duplicated and the files are those of an uninterrupted
 * sweep.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeTempDirs, tempDir } from '../reports/tmp.js';
import { cli, filesOf, lines, ROOT, SCENARIO } from './helpers.js';

afterAll(removeTempDirs);

// Bigger runs (~0.2 s each) so the kill lands mid-sweep: 2 points × 2 modes × 2 seeds.
const ARGS = [SCENARIO, '--grid', 'volumes=1,2', '--seeds', '2', '--set', 'files=2000', '--set', 'rate=200'];

function dataRows(file: string): number {
  return existsSync(file) ? lines(readFileSync(file, 'utf8')).length - 1 : 0;
}

test('killed after a few runs (SIGKILL), the rerun completes it: every run once, the same bytes as an uninterrupted sweep', async () => {
  const ref = join(tempDir(), 'ref');
  expect((await cli('sweep', ...ARGS, '--workers', '1', '--out', ref)).code).toBe(0);

  const dir = join(tempDir(), 'killed');
  const child = spawn(process.execPath, [join(ROOT, 'dist/sim/cli.js'), 'sweep', ...ARGS, '--workers', '2', '--out', dir], { cwd: ROOT, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const csv = join(dir, 'sweep.csv');
  for (let waited = 0; dataRows(csv) < 3 && waited < 30_000; waited += 5) await new Promise((r) => setTimeout(r, 5));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');

  const kept = dataRows(csv);
  expect(kept).toBeGreaterThanOrEqual(3);
  expect(kept).toBeLessThan(8);
  expect(existsSync(join(dir, 'sweep.html'))).toBe(false); // killed before the end

  const r = await cli('sweep', ...ARGS, '--workers', '2', '--out', dir);
  expect(r.code).toBe(0);
  expect(r.err).toContain(`sweep: 8 runs (${kept} already in sweep.csv)`);
  expect(dataRows(csv)).toBe(8);
  expect(filesOf(dir)).toEqual(filesOf(ref));
});
