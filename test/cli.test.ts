import { main } from '../sim/cli/main.js';
import { captureIo } from '../sim/cli/io.js';
import { VERSION } from '../sim/version.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { reproduceLine } from '../sim/errors.js';
import { MuxShdProcess } from '../sim/gluster/shd/mux-process.js';
import { removeTempDirs, tempDir } from './reports/tmp.js';

afterAll(removeTempDirs);

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.stdout.join(''), err: io.stderr.join('') };
}

describe('shdsim command line', () => {
  test('--help lists usage and exits 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('shdsim <command> [options]');
    expect(r.err).toBe('');
  });

  test('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    const r = await cli('--version');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(pkg.version);
  });

  test('an unknown command is refused with exit 2 and a clear message', async () => {
    const r = await cli('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toContain("shdsim: unknown command 'frobnicate'");
    expect(r.err).toContain("Run 'shdsim --help' for usage.");
    expect(r.out).toBe('');
  });

  test('an unknown flag is refused with exit 2', async () => {
    const r = await cli('--frob');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/shdsim: (unknown argument: frob|no command given)/);
  });

  test('no command at all is refused with exit 2', async () => {
    const r = await cli();
    expect(r.code).toBe(2);
    expect(r.err).toContain('no command given');
  });
});

describe('model bugs: invariants on by default, exit 70 with the line that reproduces the run', () => {
  const demo = 'test/fixtures/scenarios/shd-mux-demo.yaml';

  test('a breached invariant in `check` exits 70 naming the invariant, the time and the reproduction line', async () => {
    const spy = jest.spyOn(MuxShdProcess.prototype, 'check').mockReturnValue('scripted breach');
    try {
      const r = await cli('check', demo, '--mode', 'mux', '--seed', '3', '--set', 'files=5');
      expect(r.code).toBe(70);
      expect(r.err).toMatch(/^shdsim: model bug: invariant "model state" violated after event #\d+ \(.*\) at t=\S+ \(\d+us\): shd graphs consistent: scripted breach; reproduce with --seed 3\n/);
      expect(r.err).toContain(`\nreproduce: shdsim run ${demo} --seed 3 --mode mux --set files=5\n`);
      expect(r.out).toBe('');
    } finally {
      spy.mockRestore();
    }
  });

  test('`run` exits 70 the same way and leaves no output directory', async () => {
    const spy = jest.spyOn(MuxShdProcess.prototype, 'check').mockReturnValue('scripted breach');
    const out = join(tempDir(), 'run');
    try {
      const r = await cli('run', demo, '--out', out);
      expect(r.code).toBe(70);
      expect(r.err).toContain(`reproduce: shdsim run ${demo} --seed 1 --mode mux`);
      expect(existsSync(out)).toBe(false);
    } finally {
      spy.mockRestore();
    }
  });

  test('--no-invariants does not check them (for timing runs)', async () => {
    const spy = jest.spyOn(MuxShdProcess.prototype, 'check').mockReturnValue('scripted breach');
    try {
      const r = await cli('check', demo, '--mode', 'mux', '--no-invariants');
      // The run goes through (the demo's one failing expectation is its own: exit 1, not 70).
      expect(r.out).toContain('3 passed, 1 failed');
      expect(r.code).toBe(1);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  test('the reproduction line quotes what a shell would split', () => {
    expect(reproduceLine('my dir/a.yaml', 2, 'legacy', ['volumes=3', "model.faults=a b"])).toBe("shdsim run 'my dir/a.yaml' --seed 2 --mode legacy --set volumes=3 --set 'model.faults=a b'");
  });
});
