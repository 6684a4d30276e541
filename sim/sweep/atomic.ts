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

/** Removes temporaries that a killed sweep left in `dir` (hidden files named by writeFileAtomic). */
export function removeStaleTemporaries(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.') && name.includes(TMP_MARK)) rmSync(join(dir, name), { recursive: true, force: true });
  }
}
