/**
 * Whole-file replacement inside a sweep directory: write a hidden temporary file beside the target,
 * then rename it over the target. A reader (or a sweep killed half-way) sees the old file or the new
 * one, never half of one. The sweep directory itself is never replaced, because a resumed sweep
 * appends to the sweep.csv in it.
 */
import { readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const TMP_MARK = '.tmp-';

export function writeFileAtomic(file: string, text: string): void {
  const tmp = join(dirname(file), `.${basename(file)}${TMP_MARK}${process.pid}`);
  try {
    writeFileSync(tmp, text, 'utf8');
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Removes the temporaries a killed sweep left: hidden `.NAME.tmp-…` files and directories (this
 * module's, and those of reports/output-dir.ts for --charts) in `dir` and, `depth` levels down, in
 * its subdirectories (charts/, runs/<point>/).
 */
export function removeStaleTemporaries(dir: string, depth = 0): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.name.startsWith('.') && e.name.includes(TMP_MARK)) rmSync(p, { recursive: true, force: true });
    else if (depth > 0 && e.isDirectory()) removeStaleTemporaries(p, depth - 1);
  }
}
