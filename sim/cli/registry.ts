import type { CommandModule } from 'yargs';
import type { Io } from './io.js';
import { makeModel } from '../scenario/execute.js';
import { checkCommand } from './check.js';
import { reportCommand } from './report.js';
import { mergeCommand } from './merge.js';
import { runCommand } from './run.js';
import { sweepCommand } from './sweep.js';
import { swarmCommand } from './swarm.js';
import { validateCommand } from './validate.js';
import { volfileCommand } from './volfile.js';

/** What a command handler can reach: where to write, and where to put its exit code. */
export interface CommandContext {
  readonly io: Io;
  exitCode: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Command = CommandModule<any, any>;

/** Every command, in the order `--help` lists them. */
export function commands(ctx: CommandContext): Command[] {
  return [runCommand(ctx), checkCommand(ctx, makeModel), validateCommand(ctx), sweepCommand(ctx), mergeCommand(ctx), swarmCommand(ctx), reportCommand(ctx), volfileCommand(ctx)];
}
