/**
 * Golden files, as Observable Plot keeps them for its marks: for each library scenario (scenarios/*.yaml,
 * seed 1, both modes) the committed summary.csv, the trajectory fingerprint of each mode and every
 * chart's SVG, under test/golden/<scenario>/. The test renders them again and compares byte for byte;
 * on a difference it writes the new bytes beside the golden as `<name>-changed.<ext>` (gitignored), so
 * `diff` shows what moved. `npm run golden:update` (GOLDEN_UPDATE=1) rewrites the goldens on purpose.
 *
 * Runs without the invariant checks (they change no byte; `shdsim check scenarios/*.yaml` in CI runs
 * the same scenarios with them).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tableCsv } from '../../reports/csv.js';
import { quantizeRunResult } from '../../reports/quantize.js';
import { TABLES } from '../../reports/tables.js';
import { MODES } from '../../sim/mode.js';
import { executeScenario } from '../../sim/scenario/execute.js';
import { loadScenarioFile } from '../../sim/scenario/load.js';
import { renderCharts } from '../../viz/charts/index.js';

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

/** The golden files of one scenario, freshly rendered: relative path → content. */
export function renderGolden(name: string): Map<string, string> {
  const scenario = loadScenarioFile(join('scenarios', `${name}.yaml`));
  const q = quantizeRunResult(executeScenario(scenario, { modes: MODES, seed: 1 }).result);
  const files = new Map<string, string>();
  const summary = TABLES.find((t) => t.file === 'summary.csv')!;
  files.set('summary.csv', tableCsv(summary, q.results));
  files.set('fingerprints.txt', q.results.map((r) => `${r.mode} ${r.summary.fingerprint}\n`).join(''));
  for (const c of renderCharts(q)) files.set(`charts/${c.name}.svg`, c.svg);
  return files;
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
