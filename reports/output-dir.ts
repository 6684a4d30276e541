/**
 * All-or-nothing output directories: a run (or a sweep) writes into a fresh temporary sibling of its
 * output directory, and only when that succeeded is the sibling renamed into place, replacing an
 * older output directory. A failed or refused run leaves no half-written directory behind, and the
 * previous run's outputs stay untouched until the new ones are complete.
 *
 * An existing directory is replaced only if it looks like an earlier output (by default: it is empty
 * or holds a run.json), so `--out ~` cannot wipe a home directory.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../sim/errors.js';

export interface OutputDirOptions {
  /** May this existing, non-empty directory be replaced? Default: it holds a `run.json`. */
  isOutputDir?: (dir: string) => boolean;
}

const holdsRunJson = (dir: string): boolean => existsSync(join(dir, 'run.json'));

export async function withOutputDir(
  finalDir: string,
  write: (tmpDir: string) => void | Promise<void>,
  options: OutputDirOptions = {},
): Promise<void> {
  const target = resolve(finalDir);
  const parent = dirname(target);
  const base = basename(target);
  checkReplaceable(target, finalDir, options.isOutputDir ?? holdsRunJson);

  const created = makeParents(parent);
  removeDeadSiblings(parent, base);
  const tmp = freshSibling(parent, `.${base}.tmp`);
  try {
    await write(tmp);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    removeIfEmpty(created, parent);
    throw err;
  }

  // Swap: move the old directory aside, move the new one in, then delete the old one. If the second
  // rename fails, the old directory goes back where it was.
  let old: string | undefined;
  if (existsSync(target)) {
    old = freshSibling(parent, `.${base}.old`);
    rmdirSync(old); // freshSibling reserved the name; rename needs it absent
    renameSync(target, old);
  }
  try {
    renameSync(tmp, target);
  } catch (err) {
    if (old) renameSync(old, target);
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  if (old) rmSync(old, { recursive: true, force: true });
}

function checkReplaceable(target: string, shown: string, isOutputDir: (dir: string) => boolean): void {
  let st;
  try {
    st = statSync(target);
  } catch {
    return; // nothing there yet
  }
  if (!st.isDirectory()) throw new UserError(`${shown}: exists and is not a directory; refusing to replace it`);
  if (readdirSync(target).length > 0 && !isOutputDir(target)) {
    throw new UserError(`${shown}: exists and is not an shdsim output directory; refusing to replace it (choose another --out)`);
  }
}

/** mkdir -p; returns the topmost directory it created (to remove on failure), if any. */
function makeParents(dir: string): string | undefined {
  let top: string | undefined;
  for (let d = dir; !existsSync(d); d = dirname(d)) top = d;
  mkdirSync(dir, { recursive: true });
  return top;
}

/** Removes the directories makeParents created, from `dir` up to `top`, while they are empty. */
function removeIfEmpty(top: string | undefined, dir: string): void {
  if (!top) return;
  for (let d = dir; ; d = dirname(d)) {
    try {
      rmdirSync(d); // fails (harmlessly) when not empty
    } catch {
      return;
    }
    if (d === top) return;
  }
}

/**
 * Removes the temporary siblings of `base` in `parent` — `.<base>.tmp-<pid>-<n>` and
 * `.<base>.old-<pid>-<n>` (and the sweep's `.<base>.tmp-<pid>`) — left by a process that no longer
 * runs: a run killed by SIGKILL (or the machine going down) between creating its temporary directory
 * and renaming it into place. A sibling whose process still runs (a run in progress) is left alone;
 * so is one whose pid now belongs to an unrelated process, which only costs a leftover.
 */
export function removeDeadSiblings(parent: string, base: string): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  const prefix = `.${base}.`;
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(?:tmp|old)-(\d+)(?:-\d+)?$/.exec(name.slice(prefix.length));
    if (m && !processRuns(Number(m[1]))) rmSync(join(parent, name), { recursive: true, force: true });
  }
}

/** kill(pid, 0): ESRCH means no such process; EPERM means one runs under another user. */
function processRuns(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates and returns a new directory `<prefix>-<pid>-<n>` in `parent` that did not exist before. */
function freshSibling(parent: string, prefix: string): string {
  for (let n = 0; ; n++) {
    const p = join(parent, `${prefix}-${process.pid}-${n}`);
    try {
      mkdirSync(p);
      return p;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}
