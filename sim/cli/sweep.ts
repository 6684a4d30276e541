/**
 * `shdsim sweep <scenario.yaml> --grid k=v1,v2 …`: a parameter sweep for capacity planning — every
 * grid point × mode × seed run once, in parallel on worker threads, into a resumable, shardable sweep
 * directory (sim/sweep/). Prints the path of sweep.html. Exit 0 when every run is in, 2 for bad input
 * (nothing is written then).
 */
import { availableParallelism } from 'node:os';
import { EXIT_OK } from '../errors.js';
import { setList } from '../scenario/load-many.js';
import { parseShard } from '../sweep/grid.js';
import { parseSlos } from '../sweep/slo.js';
import { runSweep } from '../sweep/sweep.js';
import { checkSeed, DEFAULT_SEED, modesOf, wholeNumber, type Command, type CommandContext } from './command.js';

interface SweepArgv {
  scenario: string;
  grid?: unknown;
  set?: unknown;
  mode: string;
  seeds: unknown;
  seed: unknown;
  workers: unknown;
  out?: string;
  shard?: string;
  charts: boolean;
  slo?: unknown;
}

export function sweepCommand(ctx: CommandContext): Command {
  return {
    command: 'sweep <scenario>',
    describe: 'run a scenario over a grid of params × modes × seeds, in parallel; CSV summaries and sweep.html',
    builder: (y) =>
      y
        .positional('scenario', { type: 'string', describe: 'scenario file (YAML)' })
        .option('grid', { type: 'string', demandOption: true, describe: 'KEY=V1,V2,… — a param or model.KEY and its values; repeat for several keys (their cross product)' })
        .option('mode', { type: 'string', default: 'both', choices: ['legacy', 'mux', 'both'], describe: 'shd mode(s) to run' })
        .option('seeds', { type: 'string', default: '1', describe: 'seeds per grid point and mode: base, base+1, …' })
        .option('seed', { type: 'string', default: String(DEFAULT_SEED), describe: 'base seed, a whole number (both modes of a point share each seed)' })
        .option('workers', { type: 'string', default: String(availableParallelism()), describe: 'worker threads (1: run in this thread)' })
        .option('out', { type: 'string', describe: 'sweep directory (default out/<scenario name>-sweep/); rerun to resume' })
        .option('shard', { type: 'string', describe: 'i/n: run only the i-th of n slices (run k goes to shard k mod n + 1); join with shdsim merge' })
        .option('set', { type: 'string', describe: 'fix a param (NAME=VALUE) or model setting (model.KEY=VALUE) for every run; repeat for several' })
        .option('charts', { type: 'boolean', default: false, describe: 'also write every run\'s full outputs (CSV, charts, report) under runs/<point>/<mode>-seed<N>/' })
        .option('slo', { type: 'string', describe: 'METRIC=VALUE: an objective drawn on sweep.html (e.g. heal_p99_s=600: heal p99 at most 600 s); repeat for several' })
        .example('$0 sweep churn.yaml --grid volumes=10,20,50,100 --seeds 5 --out out/churn-sweep', '4 points × 2 modes × 5 seeds = 40 runs; rerun the same command to resume')
        .example('$0 sweep churn.yaml --grid volumes=10,50 --grid model.detach=enotconn,drain --shard 2/4', 'the second of 4 shards; then: shdsim merge DIR1 DIR2 DIR3 DIR4 --out all')
        .example('$0 sweep churn.yaml --grid volumes=10,20,50,100 --seeds 5 --slo heal_p99_s=600', 'mark the first point whose heal p99 is at most 10 min'),
    handler: async (argv) => {
      const a = argv as unknown as SweepArgv;
      const slos = parseSlos(setList(a.slo));
      const outcome = await runSweep(
        {
          scenario: a.scenario,
          grid: setList(a.grid),
          set: setList(a.set),
          modes: modesOf(a.mode),
          seeds: wholeNumber('--seeds', a.seeds, 1, 'such as 5'),
          baseSeed: checkSeed(a.seed),
          workers: wholeNumber('--workers', a.workers, 1, 'such as 2'),
          ...(a.out !== undefined ? { out: a.out } : {}),
          shard: parseShard(a.shard),
          charts: a.charts,
          slos,
        },
        { line: (t) => ctx.io.err(t), ...(ctx.io.tty ? { tty: process.stderr } : {}) },
      );
      ctx.io.out(outcome.html);
      ctx.exitCode = EXIT_OK;
    },
  };
}
