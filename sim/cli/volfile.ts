/**
 * `shdsim volfile parse|dump|diff`: the volfile layer on the command line (spec §1).
 * Malformed files exit 2 with `file:line: message`; unreadable ones with `shdsim: cannot read …`.
 */
import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { UserError } from '../errors.js';
import { classifyVolfileChange } from '../gluster/graph/topology.js';
import { finalGraphDump } from '../gluster/volfile/dump.js';
import { parseVolfile } from '../gluster/volfile/parse.js';
import { graphJson, graphTree } from '../gluster/volfile/render.js';
import type { Command, CommandContext } from './command.js';

/** Reads a volfile as UTF-8; a missing or unreadable file is bad input, said as the shell would. */
export function readVolfile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read ${file}: ${describeFsError(err)}`);
  }
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'No such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'Permission denied';
    case 'EISDIR':
      return 'Is a directory';
    case 'ENOTDIR':
      return 'Not a directory';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** What yargs hands a handler (its typings for an untyped CommandModule are `any`). */
type Args = { readonly [key: string]: unknown };

export function volfileCommand(ctx: CommandContext): Command {
  const parse: Command = {
    command: 'parse <file>',
    describe: "parse a GlusterFS volfile and print its graph (a tree, or --json)",
    builder: (y: Argv) =>
      y
        .positional('file', { type: 'string', describe: 'the volfile', demandOption: true })
        .option('json', { type: 'boolean', default: false, describe: 'print { "top", "xlators": [...] } in file order' })
        .example('$0 volfile parse vols/r3/r3-shd.vol --json', "r3's shd graph as JSON"),
    handler: (argv: Args) => {
      const file = String(argv.file);
      const g = parseVolfile(readVolfile(file), file);
      ctx.io.out(argv.json === true ? graphJson(g) : graphTree(g));
    },
  };
  const dump: Command = {
    command: 'dump <file>',
    describe: 'print the "Final graph" block GlusterFS logs when it loads the volfile',
    builder: (y: Argv) =>
      y
        .positional('file', { type: 'string', describe: 'the volfile', demandOption: true })
        .example('$0 volfile dump vols/r3/r3-shd.vol', 'what glustershd.log shows when r3 is attached'),
    handler: (argv: Args) => {
      const file = String(argv.file);
      const g = parseVolfile(readVolfile(file), file);
      ctx.io.out(`${finalGraphDump(g).join('\n')}\n`);
    },
  };
  const diff: Command = {
    command: 'diff <a> <b>',
    describe: 'classify a volfile change as glusterd does: identical, options-only (with the changes) or topology-changed',
    builder: (y: Argv) =>
      y
        .positional('a', { type: 'string', describe: 'the old volfile', demandOption: true })
        .positional('b', { type: 'string', describe: 'the new volfile', demandOption: true })
        .example('$0 volfile diff old/r3-shd.vol r3-shd.vol', 'options-only: reconfigure in place; topology-changed: re-attach'),
    handler: (argv: Args) => {
      const a = String(argv.a);
      const b = String(argv.b);
      const change = classifyVolfileChange(readVolfile(a), readVolfile(b), a, b);
      const lines: string[] = [change.kind];
      if (change.kind === 'options-only') {
        for (const c of change.changes) lines.push(`${c.xlator}: ${c.key}: ${c.before ?? '(unset)'} -> ${c.after ?? '(unset)'}`);
      }
      ctx.io.out(`${lines.join('\n')}\n`);
    },
  };
  return {
    command: 'volfile',
    describe: 'parse, dump and compare GlusterFS volfiles',
    builder: (y: Argv) =>
      y
        .command(parse)
        .command(dump)
        .command(diff)
        .demandCommand(1, 'no volfile command given (parse, dump or diff)')
        .example('$0 volfile parse r3-shd.vol', 'print the graph as a tree')
        .example('$0 volfile diff old.vol new.vol', 'identical | options-only | topology-changed'),
    handler: () => {},
  };
}
