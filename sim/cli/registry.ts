/** The command list: every command of `shdsim`, in the order `--help` lists them (add one line per new command). */
import { makeModel } from '../scenario/execute.js';
import { checkCommand } from './check.js';
import { reportCommand } from './report.js';
import { mergeCommand } from './merge.js';
import { runCommand } from './run.js';
import { sweepCommand } from './sweep.js';
import { swarmCommand } from './swarm.js';
import { validateCommand } from './validate.js';
import { volfileCommand } from './volfile.js';
import type { Command, CommandContext } from './command.js';

/** Every command, in the order `--help` lists them. */
export function commands(ctx: CommandContext): Command[] {
  return [runCommand(ctx), checkCommand(ctx, makeModel), validateCommand(ctx), sweepCommand(ctx), mergeCommand(ctx), swarmCommand(ctx), reportCommand(ctx), volfileCommand(ctx)];
}
