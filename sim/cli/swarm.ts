/**
 * `shdsim swarm`: generated random scenarios, each run with the model's invariants after every event
 * and a liveness phase; failures saved as shrunk scenario files (sim/swarm/). Exit 0 when no case
 * failed (failures on the --known list do not count), 1 when some did, 2 for bad input.
 *
 * `shdsim swarm --replay FILE --seed S --mode M` runs a saved case again with the same checks.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseDuration } from '../engine/time.js';
import { EXIT_FAILED, EXIT_OK, UserError } from '../errors.js';
import { setList } from '../scenario/load-many.js';
import { parseShard } from '../sweep/grid.js';
import { parseFaults, reportLines, runSwarm } from '../swarm/batch.js';
import { readKnownFile } from '../swarm/known.js';
import { DEFAULT_LIMITS, replayText, type CaseLimits } from '../swarm/runner.js';
import { DEFAULT_SHRINK_RUNS } from '../swarm/shrinker.js';
import { checkSeed, modesOf, type Command, type CommandContext } from './command.js';

interface SwarmArgv {
  seeds?: number;
  seed?: unknown;
  mode: string;
  'time-limit': string;
  'max-events': number;
  out: string;
  faults?: unknown;
  workers: number;
  shard?: string;
  known?: string;
  shrink: boolean;
  'shrink-runs': number;
  replay?: string;
}

const DEFAULT_SEEDS = 100;

export function swarmCommand(ctx: CommandContext): Command {
  return {
    command: 'swarm',
    describe: 'generated random scenarios with invariants on every event and a liveness phase; failures saved as shrunk scenario files',
    builder: (y) =>
      y
        .option('seeds', { type: 'number', describe: `seeds to run: base, base+1, … (default ${DEFAULT_SEEDS}, or 1 with --seed alone)` })
        .option('seed', { type: 'number', describe: 'the base seed (default 1); alone, that one seed' })
        .option('mode', { type: 'string', default: 'both', choices: ['legacy', 'mux', 'both'], describe: 'shd mode(s): each seed runs once per mode' })
        .option('time-limit', { type: 'string', default: `${DEFAULT_LIMITS.timeLimitMs / 1000}s`, describe: 'wall-clock limit per case (0: none); a case over it fails as a timeout' })
        .option('max-events', { type: 'number', default: DEFAULT_LIMITS.maxEvents, describe: 'simulation events per case; a case reaching it fails as a hang' })
        .option('out', { type: 'string', default: 'out/swarm', describe: 'batch directory (swarm.json, swarm.csv, failures/); rerun to resume' })
        .option('faults', { type: 'string', describe: 'GlusterFS 7 faults the seeds may switch on: F3, F4, F6 (comma-separated or repeated); none by default' })
        .option('workers', { type: 'number', default: availableParallelism(), describe: 'worker threads (1: run in this thread)' })
        .option('shard', { type: 'string', describe: 'i/n: run only the i-th of n slices of the cases (case k goes to shard k mod n + 1)' })
        .option('known', { type: 'string', describe: 'known-failures list (YAML): failures it names are reported as known and do not fail the batch' })
        .option('shrink', { type: 'boolean', default: true, describe: 'shrink each failure not on the known list (--no-shrink: save it as generated)' })
        .option('shrink-runs', { type: 'number', default: DEFAULT_SHRINK_RUNS, describe: 'runs one shrink may take' })
        .option('replay', { type: 'string', describe: 'run this saved case (with --seed and --mode) under the swarm\'s checks, instead of a batch' })
        .example('$0 swarm --seeds 1000 --out out/swarm', '1,000 seeds × 2 modes; failures in out/swarm/failures/')
        .example('$0 swarm --seed 4242 --mode mux', 'one seed, one mode')
        .example('$0 swarm --seeds 5000 --shard 2/4 --out out/swarm-2', 'the second of 4 shards')
        .example('$0 swarm --replay out/swarm/failures/seed-17-mux.yaml --seed 17 --mode mux', 'replay a saved failure'),
    handler: async (argv) => {
      const a = argv as unknown as SwarmArgv;
      ctx.exitCode = a.replay !== undefined ? replay(ctx, a) : await batch(ctx, a);
    },
  };
}

function limitsOf(a: SwarmArgv): CaseLimits {
  const limit = a['time-limit'] === '0' ? 0 : parseDuration(a['time-limit']);
  if (limit === null) throw new UserError(`--time-limit '${a['time-limit']}': expected a duration such as 60s or 5m, or 0 for none`);
  const maxEvents = a['max-events'];
  if (!Number.isSafeInteger(maxEvents) || maxEvents < 1) throw new UserError(`--max-events ${maxEvents}: expected a whole number ≥ 1`);
  return { maxEvents, timeLimitMs: Math.round(limit / 1000) };
}

async function batch(ctx: CommandContext, a: SwarmArgv): Promise<number> {
  const baseSeed = a.seed === undefined ? 1 : checkSeed(a.seed);
  const seeds = a.seeds ?? (a.seed === undefined ? DEFAULT_SEEDS : 1);
  const shrinkRuns = a.shrink ? a['shrink-runs'] : 0;
  if (!Number.isSafeInteger(shrinkRuns) || shrinkRuns < 0) throw new UserError(`--shrink-runs ${shrinkRuns}: expected a whole number ≥ 0`);
  const known = a.known === undefined ? [] : readKnownFile(a.known);
  const r = await runSwarm(
    {
      baseSeed,
      seeds,
      modes: modesOf(a.mode),
      faults: parseFaults(setList(a.faults)),
      limits: limitsOf(a),
      shrinkRuns,
      workers: a.workers,
      out: a.out,
      shard: parseShard(a.shard),
      known,
    },
    { line: (t) => ctx.io.err(t), ...(ctx.io.tty ? { tty: process.stderr } : {}) },
  );
  for (const line of reportLines(r, a.out)) ctx.io.out(line);
  return r.failed > 0 ? EXIT_FAILED : EXIT_OK;
}

function replay(ctx: CommandContext, a: SwarmArgv): number {
  const file = a.replay!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read the case: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`, file);
  }
  const seed = a.seed === undefined ? 1 : checkSeed(a.seed);
  let failed = 0;
  for (const mode of modesOf(a.mode)) {
    const o = replayText(file, text, seed, mode, limitsOf(a));
    if (o.failure) {
      failed++;
      ctx.io.out(`[${mode}] FAILED ${o.failure.signature}`);
      for (const l of o.failure.message.split('\n')) ctx.io.out(`  ${l.trim()}`);
    } else ctx.io.out(`[${mode}] passed (${o.events} events, ${(o.simTime / 1e6).toFixed(1)} s simulated)`);
  }
  return failed > 0 ? EXIT_FAILED : EXIT_OK;
}
