import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserError } from '../../sim/errors.js';
import { withOutputDir } from '../../reports/output-dir.js';
import { removeTempDirs, tempDir } from './tmp.js';

afterAll(removeTempDirs);

describe('withOutputDir', () => {
  test('writes into a temporary sibling, then renames it into place', async () => {
    const parent = tempDir();
    const final = join(parent, 'run1');
    let seen = '';
    await withOutputDir(final, (tmp) => {
      seen = tmp;
      expect(tmp).not.toBe(final);
      expect(join(tmp, '..')).toBe(parent);
      expect(existsSync(final)).toBe(false); // nothing at the final place while writing
      writeFileSync(join(tmp, 'run.json'), '{}');
    });
    expect(readdirSync(parent)).toEqual(['run1']);
    expect(readFileSync(join(final, 'run.json'), 'utf8')).toBe('{}');
    expect(existsSync(seen)).toBe(false);
  });

  test('replaces an older output directory when the write succeeds', async () => {
    const parent = tempDir();
    const final = join(parent, 'out');
    mkdirSync(final);
    writeFileSync(join(final, 'run.json'), 'old');
    writeFileSync(join(final, 'stale.csv'), 'old');
    await withOutputDir(final, async (tmp) => {
      await new Promise((r) => setTimeout(r, 5)); // an async writer
      writeFileSync(join(tmp, 'run.json'), 'new');
    });
    expect(readdirSync(final)).toEqual(['run.json']);
    expect(readFileSync(join(final, 'run.json'), 'utf8')).toBe('new');
    expect(readdirSync(parent)).toEqual(['out']);
  });

  test('leaves nothing behind when the writer throws, and the older directory untouched', async () => {
    const parent = tempDir();
    const fresh = join(parent, 'fresh');
    await expect(
      withOutputDir(fresh, (tmp) => {
        writeFileSync(join(tmp, 'summary.csv'), 'half');
        throw new Error('model blew up');
      }),
    ).rejects.toThrow('model blew up');
    expect(readdirSync(parent)).toEqual([]);

    const old = join(parent, 'old');
    mkdirSync(old);
    writeFileSync(join(old, 'run.json'), 'previous run');
    await expect(
      withOutputDir(old, async (tmp) => {
        writeFileSync(join(tmp, 'run.json'), 'half');
        throw new UserError('refused');
      }),
    ).rejects.toThrow('refused');
    expect(readdirSync(parent)).toEqual(['old']);
    expect(readFileSync(join(old, 'run.json'), 'utf8')).toBe('previous run');
  });

  test('creates missing parents, and removes them again on failure', async () => {
    const root = tempDir();
    await expect(withOutputDir(join(root, 'a', 'b', 'run'), () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(readdirSync(root)).toEqual([]);
    await withOutputDir(join(root, 'a', 'b', 'run'), (tmp) => writeFileSync(join(tmp, 'x'), ''));
    expect(readdirSync(join(root, 'a', 'b', 'run'))).toEqual(['x']);
  });

  test('refuses to replace a directory that is not an earlier output, before writing anything', async () => {
    const parent = tempDir();
    const home = join(parent, 'home');
    mkdirSync(home);
    writeFileSync(join(home, 'thesis.tex'), 'precious');
    let called = false;
    const err = await withOutputDir(home, () => {
      called = true;
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toBe(`${home}: exists and is not an shdsim output directory; refusing to replace it (choose another --out)`);
    expect(called).toBe(false);
    expect(readdirSync(home)).toEqual(['thesis.tex']);
    expect(readdirSync(parent)).toEqual(['home']);
  });

  test('an empty directory may be replaced; a file may not; the test for "an output" can be changed', async () => {
    const parent = tempDir();
    mkdirSync(join(parent, 'empty'));
    await withOutputDir(join(parent, 'empty'), (tmp) => writeFileSync(join(tmp, 'run.json'), ''));
    expect(readdirSync(join(parent, 'empty'))).toEqual(['run.json']);

    writeFileSync(join(parent, 'file'), '');
    await expect(withOutputDir(join(parent, 'file'), () => undefined)).rejects.toThrow('exists and is not a directory; refusing to replace it');

    mkdirSync(join(parent, 'sweep'));
    writeFileSync(join(parent, 'sweep', 'sweep.csv'), 'old');
    const isSweep = (d: string) => existsSync(join(d, 'sweep.csv'));
    await withOutputDir(join(parent, 'sweep'), (tmp) => writeFileSync(join(tmp, 'sweep.csv'), 'new'), { isOutputDir: isSweep });
    expect(readFileSync(join(parent, 'sweep', 'sweep.csv'), 'utf8')).toBe('new');
  });

  test('a run killed by SIGKILL leaves a temporary sibling; the next run removes it, not a live one', async () => {
    const parent = tempDir();
    const final = join(parent, 'out');
    // A real run killed half-way: its writer never returns, so the sibling stays behind.
    const lib = pathToFileURL(join(process.cwd(), 'dist/reports/output-dir.js')).href;
    const child = spawn(process.execPath, ['--input-type=module', '-e', `import { withOutputDir } from ${JSON.stringify(lib)}; await withOutputDir(${JSON.stringify(final)}, () => { console.log('writing'); return new Promise(() => setInterval(() => {}, 1000)); });`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(readdirSync(parent)).toEqual([`.out.tmp-${child.pid}-0`]);
    // A sibling of a process that still runs (this one's parent) is someone's run in progress.
    const live = `.out.tmp-${process.ppid}-0`;
    mkdirSync(join(parent, live));
    await withOutputDir(final, (tmp) => writeFileSync(join(tmp, 'run.json'), '{}'));
    expect(readdirSync(parent).sort()).toEqual([live, 'out']);
  });
});

