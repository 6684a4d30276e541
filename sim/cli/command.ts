/**
 * What every command shares — the handler's context, the command type, and the options several
 * commands take (`--mode`, `--seed`) — so that a command needs nothing from the registry that lists it
 * (as cac keeps its Command type apart from the CLI that holds the commands).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CommandModule } from 'yargs';
import { UserError } from '../errors.js';
import { MODES, type Mode } from '../mode.js';
import type { Io } from './io.js';

/** What a command handler can reach: where to write, and where to put its exit code. */
export interface CommandContext {
  readonly io: Io;
  exitCode: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Command = CommandModule<any, any>;

export const DEFAULT_SEED = 1;

/**
 * `--invariants` (default on; `--no-invariants` turns it off): check the model's invariants after every
 * event. A breach is a model bug: exit 70 with the line that reproduces it. Off only where speed is
 * measured (benchmarks) — it costs a few percent of a run's time.
 */
export const INVARIANTS_OPTION = {
  type: 'boolean',
  default: true,
  describe: 'check the model invariants after every event (--no-invariants: off, for timing)',
} as const;

/** `--mode legacy|mux|both` as the list of modes to run, in a fixed order. */
export function modesOf(option: string): Mode[] {
  if (option === 'both') return [...MODES];
  if ((MODES as readonly string[]).includes(option)) return [option as Mode];
  throw new UserError(`--mode '${option}': expected legacy, mux or both`);
}

/** `--seed`: a whole number ≥ 0, as typed (yargs would turn `abc` into NaN). */
export function checkSeed(seed: unknown): number {
  return wholeNumber('--seed', seed, 0, 'such as 1');
}

/** A whole-number flag value ≥ `min`, from what yargs gives (a string, or a number for a default). */
export function wholeNumber(flag: string, raw: unknown, min: number, example: string): number {
  const text = Array.isArray(raw) ? String(raw[raw.length - 1]) : String(raw);
  const n = typeof raw === 'number' ? raw : /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (Number.isSafeInteger(n) && n >= min) return n;
  throw new UserError(`${flag} '${text}': expected a whole number${min > 0 ? ` ≥ ${min}` : ''}, ${example}`);
}

/**
 * Checks that `file` can be written (its directory exists and is writable, and it is not a
 * directory) before anything runs, so a typo in --junit does not cost the whole suite's run time.
 */
export function checkWritableFile(flag: string, file: string): void {
  const dir = dirname(file);
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UserError(`${flag} ${file}: the directory ${dir} does not exist`);
  }
  if (!isDir) throw new UserError(`${flag} ${file}: ${dir} is not a directory`);
  try {
    if (statSync(file).isDirectory()) throw new UserError(`${flag} ${file}: is a directory (expected a file name)`);
  } catch (err) {
    if (err instanceof UserError) throw err; // a missing file is what we want
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UserError(`${flag} ${file}: cannot write in ${dir} (permission denied)`);
  }
}

