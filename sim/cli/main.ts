import yargs, { type Argv } from 'yargs';
import { EXIT_BAD_INPUT, EXIT_MODEL_BUG, ModelBug, UserError, UserErrors } from '../errors.js';
import { didYouMean } from '../suggest.js';
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
      io.err(`shdsim: ${explainUsage(err.message, argv, list)}\nRun 'shdsim --help' for usage.`);
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

/**
 * Rewords yargs' usage errors: "Unknown argument: x" for a first word that is no command becomes
 * "unknown command 'x'", and mistyped commands, flags and choices get a "did you mean".
 */
function explainUsage(message: string, argv: readonly string[], list: readonly Command[]): string {
  const first = argv[0];
  const names = list.map(commandName);
  if (first !== undefined && !first.startsWith('-') && message === `Unknown argument: ${first}`) {
    const hint = didYouMean(first, names);
    return `unknown command '${first}'${hint ? ` (${hint})` : ''}`;
  }
  const unknown = /^Unknown arguments?: (.*)$/s.exec(message);
  if (unknown) {
    const command = list.find((c) => commandName(c) === first);
    const flags = command ? optionNames(command).options : ['help', 'version'];
    const subs = command ? optionNames(command).subcommands : [];
    const second = argv[1];
    if (subs.length && second !== undefined && unknown[1] === second) {
      const hint = didYouMean(second, subs);
      return `unknown ${first} command '${second}'${hint ? `; ${hint}` : ''} (expected ${subs.join(', ')})`;
    }
    // yargs lists a mistyped --trace-formt twice, also as traceFormt
    const words = unknown[1]!.split(', ').filter((w, _i, all) => !(/[A-Z]/.test(w) && all.includes(w.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`))));
    return words
      .map((w) => {
        const asFlag = argv.some((a) => a === `--${w}` || a.startsWith(`--${w}=`) || a === `-${w}`);
        const hint = asFlag ? didYouMean(w, flags, (f) => `--${f}`) : '';
        return asFlag ? `unknown option --${w}${hint ? ` (${hint})` : ''}` : `unexpected argument '${w}'`;
      })
      .join('; ');
  }
  const yargsHint = /^Did you mean (\S+)\?$/.exec(message.trim());
  const parent = list.find((c) => commandName(c) === first);
  if (yargsHint && parent && argv[1] !== undefined) {
    // yargs' own suggestion for a mistyped subcommand, in our words
    return `unknown ${first} command '${argv[1]}'; did you mean '${yargsHint[1]}'? (expected ${optionNames(parent).subcommands.join(', ')})`;
  }
  const invalid = /^Invalid values:\s*Argument: (\S+), Given: "([^"]*)", Choices: (.*)$/s.exec(message);
  if (invalid) {
    const choices = [...invalid[3]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    const hint = didYouMean(invalid[2]!, choices);
    return `--${invalid[1]} '${invalid[2]}': expected one of ${choices.join(', ')}${hint ? ` (${hint})` : ''}`;
  }
  return message.replace(/^Unknown arguments?:/, (m) => m.toLowerCase());
}

/**
 * The flags a command accepts and its subcommands (its builder applied to a scratch parser), without
 * positionals.
 */
function optionNames(c: Command): { options: string[]; subcommands: string[] } {
  const spec = String(Array.isArray(c.command) ? c.command[0] : c.command);
  const positionals = new Set([...spec.matchAll(/[<[]([^>\]. ]+)/g)].map((m) => m[1]!));
  let y: Argv = yargs();
  if (typeof c.builder === 'function') y = (c.builder(y) as Argv | undefined) ?? y;
  const scratch = y as unknown as { getOptions(): { key: Record<string, unknown> }; getInternalMethods(): { getCommandInstance(): { getCommands(): string[] } } };
  const keys = Object.keys(scratch.getOptions().key);
  return { options: keys.filter((k) => !positionals.has(k)), subcommands: scratch.getInternalMethods().getCommandInstance().getCommands() };
}
