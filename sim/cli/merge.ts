/**
 * `shdsim merge DIR… [--out DIR]`: joins the sweep directories of one sweep's shards into the
 * directory one unsharded sweep would have written (sim/sweep/merge.ts). Prints the path of
 * sweep.html. Exit 2 when the inputs are not shards of one sweep or some runs are missing.
 */
import { EXIT_OK } from '../errors.js';
import { setList } from '../scenario/load-many.js';
import { mergeSweeps } from '../sweep/merge.js';
import { parseSlos } from '../sweep/slo.js';
import type { Command, CommandContext } from './command.js';

export function mergeCommand(ctx: CommandContext): Command {
  return {
    command: 'merge <dirs..>',
    describe: 'join the shards of a sweep (shdsim sweep --shard i/n) into one sweep directory',
    builder: (y) =>
      y
        .positional('dirs', { type: 'string', describe: 'sweep directories, one per shard' })
        .option('out', { type: 'string', describe: 'merged sweep directory (default out/<scenario name>-sweep/)' })
        .option('slo', { type: 'string', describe: 'METRIC=VALUE: an objective drawn on sweep.html, as sweep --slo; repeat for several' })
        .example('$0 merge out/shard-1 out/shard-2 out/shard-3 --out out/churn-sweep', 'sweep.csv, sweep-summary.csv and sweep.html of the whole sweep'),
    handler: async (argv) => {
      const a = argv as unknown as { dirs: string[]; out?: string; slo?: unknown };
      const outcome = await mergeSweeps(a.dirs.map(String), a.out, parseSlos(setList(a.slo)));
      if (outcome.duplicates > 0) ctx.io.err(`merge: ${outcome.duplicates} row(s) found in more than one input, kept once`);
      ctx.io.err(`merge: ${outcome.runs} runs from ${a.dirs.length} director${a.dirs.length === 1 ? 'y' : 'ies'}`);
      ctx.io.out(outcome.html);
      ctx.exitCode = EXIT_OK;
    },
  };
}
