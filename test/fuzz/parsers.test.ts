/**
 * Parser fuzzing (issue 17): mutated library scenarios and volfiles go through the commands that read
 * them — `shdsim validate`, `shdsim volfile parse|dump|diff` — in this process, and every case must end
 * with exit 0 (it still parses) or exit 2 (a message), never an exception (exit 70) or a hang.
 *
 * Deterministic: the mutations come from named random streams, so a failure names its case number and
 * the mutation, and the same run reproduces it. The wall-clock bound per case is a hang detector (a
 * quadratic scan of a 20,000-character run took seconds before the parsers were fixed), generous
 * enough for a loaded CI machine: it is no speed target.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { captureIo } from '../../sim/cli/io.js';
import { main } from '../../sim/cli/main.js';
import { RandomStream } from '../../sim/engine/random.js';
import { generateLegacyShdVolfile, generateShdVolfile } from '../../sim/gluster/volfile/generate.js';
import { bricks, disperse, distribute, replicate } from '../gluster/volfile/helpers.js';
import { mutate } from './mutate.js';

const CASE_MS = 10_000;
const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'shdsim-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function readAll(folder: string, ext: string): string[] {
  return readdirSync(join(root, folder))
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => readFileSync(join(root, folder, f), 'utf8'));
}

async function exitCode(argv: string[]): Promise<{ code: number; ms: number }> {
  const t = performance.now();
  const code = await main(argv, captureIo());
  return { code, ms: performance.now() - t };
}

/** Runs `cases` mutations of `sources` through `run`; returns the cases that broke a rule. */
async function fuzz(name: string, sources: readonly string[], cases: number, run: (file: string, original: string) => Promise<{ code: number; ms: number }[]>): Promise<string[]> {
  const rng = new RandomStream(`fuzz/${name}`);
  const broken: string[] = [];
  for (let k = 0; k < cases; k++) {
    const i = rng.int(0, sources.length - 1);
    const m = mutate(sources[i]!, rng, sources);
    const file = join(dir, `${name}-${k}`);
    writeFileSync(file, m.text);
    let results;
    try {
      results = await run(file, sources[i]!);
    } catch (err) {
      broken.push(`case ${k} (source ${i}: ${m.what}): threw ${(err as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
      continue;
    }
    for (const r of results) {
      if (r.code !== 0 && r.code !== 2) broken.push(`case ${k} (source ${i}: ${m.what}): exit ${r.code}`);
      if (r.ms > CASE_MS) broken.push(`case ${k} (source ${i}: ${m.what}): ${Math.round(r.ms)} ms`);
    }
  }
  return broken;
}

describe('parser fuzzing: exit 0 or 2, never a crash or a hang', () => {
  test('400 mutated scenarios through shdsim validate', async () => {
    const sources = [...readAll('scenarios', '.yaml'), ...readAll('test/fixtures/scenarios', '.yaml')];
    expect(sources.length).toBeGreaterThan(10);
    const broken = await fuzz('scenario', sources, 400, async (file) => [await exitCode(['validate', file])]);
    expect(broken).toEqual([]);
  }, 240_000);

  test('150 mutated volfiles through shdsim volfile parse, parse --json, dump and diff', async () => {
    const hosts = ['h1', 'h2', 'h3'];
    const generated = [
      generateShdVolfile(replicate('r3', 3, bricks(6, (i) => `/b/r3-${i}`, hosts), [['cluster.heal-timeout', '30']])),
      generateShdVolfile(replicate('arb', 3, bricks(3, (i) => `/b/arb-${i}`, hosts), [], 1)),
      generateShdVolfile(disperse('ec', 6, 2, bricks(6, (i) => `/b/ec-${i}`, hosts))),
      generateLegacyShdVolfile([replicate('a', 2, bricks(4, (i) => `/b/a-${i}`, hosts)), disperse('b', 3, 1, bricks(3, (i) => `/b/b-${i}`, hosts)), replicate('c', 3, bricks(3, (i) => `/b/c-${i}`, hosts))]),
    ];
    expect(() => generateShdVolfile(distribute('d', bricks(2, (i) => `/b/d-${i}`)))).toThrow(); // no shd volfile for distribute
    const sources = [...readAll('test/fixtures/volfiles', '.vol'), ...readAll('test/fixtures/volfiles/expected', '.vol'), ...generated];
    const originals = sources.map((text, i) => {
      const f = join(dir, `original-${i}.vol`);
      writeFileSync(f, text);
      return f;
    });
    const broken = await fuzz('volfile', sources, 150, async (file, original) => [
      await exitCode(['volfile', 'parse', file]),
      await exitCode(['volfile', 'parse', '--json', file]),
      await exitCode(['volfile', 'dump', file]),
      await exitCode(['volfile', 'diff', originals[sources.indexOf(original)]!, file]),
    ]);
    expect(broken).toEqual([]);
  }, 240_000);
});
