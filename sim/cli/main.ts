import yargs, { type Argv } from 'yargs';
import { EXIT_BAD_INPUT, EXIT_MODEL_BUG, ModelBug, UserError, UserErrors } from '../errors.js';
import { VERSION } from '../version.js';
import type { Io } from './io.js';
import type { Command, CommandContext } from './command.js';
import { commands } from './registry.js';

class UsageError extends Error {}

/**
 * Runs the command line `argv` (without node and the script) and returns the exit code.
 * Usage mistakes and UserErrors exit 2 with a one-paragraph message; anything else is a bug and
 * propagates with its stack.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const ctx: CommandContext = { io, exitCode: 0 };
  let parser: Argv = yargs()
    .scriptName('shdsim')
    .usage('$0 <command> [options]\n\nDeterministic simulator of the GlusterFS self-heal daemon, legacy and multiplexed.')
    .version(VERSION)
    .strict()
    .demandCommand(1, 'no command given')
    .recommendCommands()
    .wrap(100)
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    });
  const list = commands(ctx);
  for (const c of list) parser = parser.command(c);
  let output = '';
  try {
    // yargs lets an unknown first word through when it has no command by that name to compare with.
    const first = argv[0];
    if (first !== undefined && !first.startsWith('-') && !list.some((c) => commandName(c) === first)) {
      throw new UsageError(`Unknown argument: ${first}`);
    }
    await parser.parseAsync([...argv], {}, (_err, _args, out) => {
      if (out) output = out;
    });
  } catch (err) {
    if (err instanceof UserError) {
      // Positioned errors are printed as `file:line[:col]: message`, as compilers do, so editors and
      // CI annotators can jump to them; others get the program name in front.
      io.err(err.where || err instanceof UserErrors ? err.report : `shdsim: ${err.report}`);
      return EXIT_BAD_INPUT;
    }
    if (err instanceof ModelBug) {
      // Not the user's fault: the message, the line that reproduces it, and where in the model it broke.
      io.err(`shdsim: ${err.message}\n${err.bug.stack?.split('\n').slice(1).join('\n') ?? ''}`);
      return EXIT_MODEL_BUG;
    }
    if (err instanceof UsageError) {
      io.err(`shdsim: ${explainUsage(err.message, argv)}\nRun 'shdsim --help' for usage.`);
      return EXIT_BAD_INPUT;
    }
    throw err;
  }
  if (output) io.out(output);
  return ctx.exitCode;
}

function commandName(c: Command): string {
  const spec = Array.isArray(c.command) ? c.command[0] : c.command;
  return String(spec ?? '').split(/\s+/)[0]!;
}

/** Rewords yargs' "Unknown argument: x" for a first word that is no command. */
function explainUsage(message: string, argv: readonly string[]): string {
  const first = argv[0];
  if (first !== undefined && !first.startsWith('-') && message === `Unknown argument: ${first}`) {
    return `unknown command '${first}'`;
  }
  return message.replace(/^Unknown arguments?:/, (m) => m.toLowerCase());
}
