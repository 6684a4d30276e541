/**
 * `shdsim run <scenario.yaml>`: runs the scenario once per mode on the same seed, writes every output
 * (CSV, run.json, charts, report.html; the log files with --logs, the event trace with --trace) into a
 * temporary directory renamed into place, and prints the report's path. Exit 0 when it ran (a failed
 * expectation is reported, not an error), 2 for bad input, 70 for a model bug (an invariant checked
 * after every event unless --no-invariants, or an assertion) — neither leaves an output directory.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { withOutputDir } from '../../reports/output-dir.js';
import { ChromeTraceWriter, JsonlTraceWriter, TRACE_FORMATS, traceFormats, traceSinks, type TraceSink } from '../../reports/trace.js';
import { writeRunOutputs } from '../../reports/write-run.js';
import { formatDuration } from '../engine/time.js';
import { EXIT_OK } from '../errors.js';
import type { ClusterModel } from '../gluster/model.js';
import type { Mode } from '../scenario/ast.js';
import { executeScenario } from '../scenario/execute.js';
import { loadScenarioFile } from '../scenario/load.js';
import { setList } from '../scenario/load-many.js';
import { parseOverrides } from '../scenario/overrides.js';
import { VERSION } from '../version.js';
import { checkSeed, DEFAULT_SEED, INVARIANTS_OPTION, modesOf, type Command, type CommandContext } from './command.js';
import { runProgress } from './progress.js';
import { failureWarnings, StepFailures, summaryLines } from './run-summary.js';

interface RunArgs {
  scenario: string;
  mode: string;
  seed: unknown;
  out?: string;
  set?: unknown;
  logs: boolean;
  trace: boolean;
  invariants: boolean;
  'trace-format'?: string;
}

export function runCommand(ctx: CommandContext): Command {
  return {
    command: 'run <scenario>',
    describe: 'run a scenario in each mode and write CSV files, charts and an HTML report',
    builder: (y) =>
      y
        .positional('scenario', { type: 'string', describe: 'scenario file (YAML)' })
        .option('mode', { type: 'string', default: 'both', choices: ['legacy', 'mux', 'both'], describe: 'shd mode(s) to run' })
        .option('seed', { type: 'string', default: String(DEFAULT_SEED), describe: 'random seed, a whole number (both modes use the same one)' })
        .option('out', { type: 'string', describe: 'output directory (default out/<scenario name>/)' })
        .option('set', { type: 'string', describe: 'override a param (NAME=VALUE) or a model setting (model.KEY=VALUE); repeat for several' })
        .option('logs', { type: 'boolean', default: false, describe: 'also write logs/<mode>/<host>/glustershd.log and glusterd.log' })
        .option('trace', { type: 'boolean', default: false, describe: 'also write every model event (and every glusterd-shd rpc) to trace-<mode>.jsonl' })
        .option('trace-format', {
          type: 'string',
          choices: TRACE_FORMATS as string[],
          describe: 'with --trace: jsonl (trace-<mode>.jsonl, the default), chrome (trace.json for Perfetto or chrome://tracing) or both; implies --trace',
        })
        .option('invariants', INVARIANTS_OPTION)
        .example('$0 run scenarios/mass-volume-churn.yaml', 'both modes, default seed, out/mass-volume-churn/')
        .example('$0 run scenarios/mass-volume-churn.yaml --mode mux --seed 7 --set volumes=20 --set model.detach=drain --logs', 'one mode, overrides, log files')
        .example('$0 run scenarios/node-reboot.yaml --trace-format chrome', 'trace.json: open it in ui.perfetto.dev'),
    handler: async (argv) => {
      ctx.exitCode = await runScenarioCommand(ctx, argv as unknown as RunArgs);
    },
  };
}

async function runScenarioCommand(ctx: CommandContext, argv: RunArgs): Promise<number> {
  const modes = modesOf(argv.mode);
  const seed = checkSeed(argv.seed);
  const sets = setList(argv.set);
  const scenario = loadScenarioFile(argv.scenario, { overrides: parseOverrides(sets) });
  const out = argv.out ?? join('out', scenario.name);
  const formats = argv['trace-format'] !== undefined ? traceFormats(argv['trace-format']) : argv.trace ? traceFormats('jsonl') : [];
  const started = process.hrtime.bigint();
  const progress = runProgress(ctx.io.tty ? ctx.io.status?.bind(ctx.io) : undefined);
  const failures = new StepFailures();
  let summary: string[] = [];
  await withOutputDir(out, (tmp) => {
    const sinks: TraceSink[] = formats.map((f) =>
      f === 'jsonl' ? new JsonlTraceWriter(tmp) : new ChromeTraceWriter(tmp, new Set(scenario.nodes), { scenario: scenario.name, seed, version: VERSION, time_unit: 'simulated microseconds' }),
    );
    const trace = sinks.length ? traceSinks(sinks) : undefined;
    let execution;
    try {
      execution = executeScenario(scenario, {
        modes,
        seed,
        captureLogs: argv.logs,
        checkInvariants: argv.invariants,
        sets,
        ...(trace ? { onTrace: (mode: Mode, e) => trace.write(mode, e) } : {}),
        onModel: (mode, model) => progress.watch(`[${mode}] ${scenario.name}`, model.sim),
        onCommand: (mode, step, outcome, at) => failures.record(mode, step, outcome, at),
      });
    } finally {
      progress.clear();
    }
    trace?.close();
    writeRunOutputs(tmp, execution.result);
    if (argv.logs) writeLogs(tmp, execution.models);
    for (const [mode, overruns] of execution.overruns) {
      for (const o of overruns) ctx.io.err(`${o.where}: [${mode}] note: iteration ${o.iteration} started ${formatDuration(o.started - o.scheduled)} late (the one before overran its period)`);
    }
    for (const w of failureWarnings(failures.list, modes)) ctx.io.err(w);
    summary = summaryLines(execution.result, failures.list);
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  for (const line of summary) ctx.io.err(line);
  ctx.io.err(`ran ${scenario.name} (${modes.join(', ')}; seed ${seed}) in ${seconds.toFixed(1)} s of wall time`);
  // Last, alone on stdout: the report's path (npm start's contract; scripts open "$(shdsim run …)").
  ctx.io.out(join(out, 'report.html'));
  return EXIT_OK;
}

/** logs/<mode>/<host>/glustershd.log and glusterd.log, in GlusterFS's format. */
function writeLogs(dir: string, models: ReadonlyMap<Mode, ClusterModel>): void {
  for (const [mode, model] of models) {
    for (const host of model.cluster.nodes.keys()) {
      const hostDir = join(dir, 'logs', mode, host);
      mkdirSync(hostDir, { recursive: true });
      for (const process of ['glustershd', 'glusterd'] as const) writeLines(join(hostDir, `${process}.log`), model.cluster.logs.file(host, process));
    }
  }
}

function writeLines(file: string, lines: readonly string[]): void {
  const fd = openSync(file, 'w');
  try {
    const CHUNK = 4096;
    for (let i = 0; i < lines.length; i += CHUNK) writeSync(fd, lines.slice(i, i + CHUNK).join('\n') + '\n');
  } finally {
    closeSync(fd);
  }
}
