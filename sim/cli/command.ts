/**
 * What every command shares — the handler's context, the command type, and the options several
 * commands take (`--mode`, `--seed`) — so that a command needs nothing from the registry that lists it
 * (as cac keeps its Command type apart from the CLI that holds the commands).
 */
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

export function checkSeed(seed: unknown): number {
  if (typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0) return seed;
  throw new UserError(`--seed ${String(seed)}: expected a whole number such as 1`);
}
