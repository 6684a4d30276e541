/**
 * Golden files, as Observable Plot keeps them for its marks: for each library scenario (scenarios/*.yaml,
 * seed 1, both modes) the committed summary.csv, the trajectory fingerprint of each mode and every
 * chart's SVG, under test/golden/<scenario>/. The test renders them again and compares byte for byte;
 * on a difference it writes the new bytes beside the golden as `<name>-changed.<ext>` (gitignored), so
 * `diff` shows what moved. `npm run golden:update` (GOLDEN_UPDATE=1) rewrites the goldens on purpose.
 *
 * The files are those `shdsim run` writes: the compiled program (dist/, which `npm test` builds first)
 * runs each scenario in a child process, so the runs use the machine's other core while jest works, and
 * run at the speed of the shipped code. They run without the invariant checks (`--no-invariants`: they
 * change no byte; `shdsim check scenarios/*.yaml` in CI runs the same scenarios with them).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const GOLDEN_DIR = join(ROOT, 'test', 'golden');
export const UPDATE = process.env['GOLDEN_UPDATE'] === '1';

/** Every library scenario, by name. */
export function libraryScenarios(): string[] {
  return readdirSync(join(ROOT, 'scenarios'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/**
 * The golden files of one scenario, freshly rendered by `shdsim run scenarios/<name>.yaml` (seed 1,
 * both modes): relative path → content.
 */
export async function renderGolden(name: string): Promise<Map<string, string>> {
  const tmp = mkdtempSync(join(tmpdir(), `shdsim-golden-${name}-`));
  try {
    const out = join(tmp, 'out');
    await promisify(execFile)(process.execPath, [join(ROOT, 'dist', 'sim', 'cli.js'), 'run', join('scenarios', `${name}.yaml`), '--out', out, '--seed', '1', '--no-invariants'], { cwd: ROOT });
    const files = new Map<string, string>();
    files.set('summary.csv', readFileSync(join(out, 'summary.csv'), 'utf8'));
    const info = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { fingerprints: Record<string, string> };
    files.set('fingerprints.txt', Object.entries(info.fingerprints).map(([mode, fp]) => `${mode} ${fp}\n`).join(''));
    for (const svg of readdirSync(join(out, 'charts')).sort()) files.set(`charts/${svg}`, readFileSync(join(out, 'charts', svg), 'utf8'));
    return files;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** `charts/x.svg` → `charts/x-changed.svg` */
export function changedName(file: string): string {
  const dot = file.lastIndexOf('.');
  return `${file.slice(0, dot)}-changed${file.slice(dot)}`;
}

function goldenFiles(dir: string, sub = ''): string[] {
  if (!existsSync(join(dir, sub))) return [];
  return readdirSync(join(dir, sub), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? goldenFiles(dir, join(sub, e.name)) : /-changed\.[a-z]+$/.test(e.name) ? [] : [join(sub, e.name)],
  );
}

/**
 * Compares the rendered files with the goldens of `name` (or rewrites them in update mode); returns
 * one line per difference, and leaves `-changed` files exactly for the files that differ.
 */
export function compareGolden(name: string, files: ReadonlyMap<string, string>, root = GOLDEN_DIR, update = UPDATE): string[] {
  const dir = join(root, name);
  const problems: string[] = [];
  if (update) rmSync(dir, { recursive: true, force: true });
  for (const [file, content] of files) {
    const golden = join(dir, file);
    const changed = join(dir, changedName(file));
    rmSync(changed, { force: true });
    if (update) {
      mkdirSync(dirname(golden), { recursive: true });
      writeFileSync(golden, content, 'utf8');
      continue;
    }
    if (!existsSync(golden)) {
      problems.push(`${name}/${file}: no golden file (npm run golden:update writes it)`);
      continue;
    }
    if (readFileSync(golden, 'utf8') === content) continue;
    mkdirSync(dirname(changed), { recursive: true });
    writeFileSync(changed, content, 'utf8');
    problems.push(`${name}/${file} differs: see ${name}/${changedName(file)} (npm run golden:update accepts it)`);
  }
  for (const file of goldenFiles(dir)) if (!files.has(file)) problems.push(`${name}/${file}: golden file no longer produced`);
  return problems;
}
