import { main } from '../sim/cli/main.js';
import { captureIo } from '../sim/cli/io.js';
import { VERSION } from '../sim/version.js';
import { readFileSync } from 'node:fs';

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
