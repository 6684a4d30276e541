/**
 * `shdsim check <scenario.yaml …>`: the regression suite for CI. Runs each scenario in each mode and
 * evaluates its `expect` steps; prints one line per failed expectation and a closing
 * `N passed, N failed` line, and writes JUnit XML on request. Exit 0 when all held, 1 when some
 * failed, 2 for bad input (nothing runs unless every file is valid), 70 for a model bug (the
 * invariants are checked after every event unless --no-invariants) with the line that reproduces it.
 *
 * The model is a parameter: this module is the command's whole logic, and the program wires the
 * GlusterFS model in where it registers the command.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, UserError } from '../errors.js';
import type { Mode, Scenario } from '../scenario/ast.js';
import { closingLine, failureLines, fileResultLine, junitXml, tally, type CheckRun } from '../scenario/check-report.js';
import { loadScenarios, setList } from '../scenario/load-many.js';
import type { ScenarioModel } from '../scenario/model-api.js';
import { runOrReport } from '../scenario/execute.js';
import { formatDuration, toSeconds } from '../engine/time.js';
import { checkSeed, checkWritableFile, DEFAULT_SEED, INVARIANTS_OPTION, modesOf, type Command, type CommandContext } from './command.js';
import { runProgress } from './progress.js';
import { failureWarnings, StepFailures } from './run-summary.js';

/** Builds a fresh model for one run of `scenario` in `mode` (same seed in both modes). */
export type ModelFactory = (mode: Mode, scenario: Scenario, seed: number, options: { checkInvariants: boolean }) => ScenarioModel;

interface CheckArgs {
  scenarios: string[];
  mode: string;
  seed: unknown;
  set?: unknown;
  junit?: string;
  invariants: boolean;
}

export function checkCommand(ctx: CommandContext, makeModel: ModelFactory): Command {
  return {
    command: 'check <scenarios..>',
    describe: 'run scenarios and evaluate their expect steps (the regression suite for CI)',
    builder: (y) =>
      y
        .positional('scenarios', { type: 'string', describe: 'scenario files (YAML)' })
        .option('mode', { type: 'string', default: 'both', choices: ['legacy', 'mux', 'both'], describe: 'shd mode(s) to run' })
        .option('seed', { type: 'string', default: String(DEFAULT_SEED), describe: 'random seed, a whole number (both modes use the same one)' })
        .option('set', { type: 'string', describe: 'override a param (NAME=VALUE) or a model setting (model.KEY=VALUE); repeat for several' })
        .option('junit', { type: 'string', describe: 'also write the results as JUnit XML to this file' })
        .option('invariants', INVARIANTS_OPTION)
        .example('$0 check scenarios/*.yaml --junit check.xml', 'both modes; exit 1 if an expect failed')
        .example('$0 check churn.yaml --mode mux --set volumes=50', 'one mode, with an override'),
    handler: (argv) => {
      ctx.exitCode = runCheck(ctx, makeModel, argv as unknown as CheckArgs);
    },
  };
}

function runCheck(ctx: CommandContext, makeModel: ModelFactory, argv: CheckArgs): number {
  const modes = modesOf(argv.mode);
  const seed = checkSeed(argv.seed);
  if (argv.junit !== undefined) checkWritableFile('--junit', argv.junit);
  const loaded = loadScenarios(argv.scenarios, setList(argv.set));
  const bad = loaded.filter((l) => !l.ok);
  if (bad.length > 0) {
    for (const l of bad) if (!l.ok) ctx.io.err(l.error.report);
    return EXIT_BAD_INPUT;
  }
  const progress = runProgress(ctx.io.tty ? ctx.io.status?.bind(ctx.io) : undefined);
  const runs: CheckRun[] = [];
  const sets = setList(argv.set);
  for (const l of loaded) {
    if (!l.ok) continue;
    // Each file's outcome as soon as its modes have run: a long suite shows where it is.
    const mine: CheckRun[] = [];
    const failures = new StepFailures();
    for (const mode of modes) {
      const model = makeModel(mode, l.scenario, seed, { checkInvariants: argv.invariants });
      progress.watch(`[${mode}] ${l.file}`, model.sim);
      const waits: number[] = [];
      let result;
      try {
        result = runOrReport(l.scenario, model, seed, mode, sets, {
          onCommand: (step, outcome, at) => failures.record(mode, step, outcome, at),
          onExpectation: (_row, _step, startedAt) => waits.push(toSeconds(model.sim.now - startedAt)),
        });
      } finally {
        progress.clear();
      }
      mine.push({ file: l.file, scenario: l.scenario.name, mode, expectations: result.expectations, simSeconds: toSeconds(result.endTime), waits });
      for (const o of result.overruns) {
        ctx.io.err(`${o.where}: [${mode}] note: iteration ${o.iteration} started ${formatDuration(o.started - o.scheduled)} late (the one before overran its period)`);
      }
    }
    for (const w of failureWarnings(failures.list, modes)) ctx.io.err(w);
    for (const line of failureLines(mine)) ctx.io.out(line);
    ctx.io.out(fileResultLine(l.file, mine));
    runs.push(...mine);
  }
  ctx.io.out(closingLine(runs));
  if (argv.junit !== undefined) writeAtomically(argv.junit, junitXml(runs));
  return tally(runs).failed > 0 ? EXIT_FAILED : EXIT_OK;
}

/** Writes next to the target and renames into place, so a reader never sees half a file. */
function writeAtomically(file: string, text: string): void {
  let tmpDir: string;
  try {
    tmpDir = mkdtempSync(join(dirname(file), `.${basename(file)}.`));
  } catch (err) {
    throw new UserError(`--junit ${file}: cannot write there: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    const tmp = join(tmpDir, basename(file));
    writeFileSync(tmp, text, 'utf8');
    renameSync(tmp, file);
  } catch (err) {
    throw new UserError(`--junit ${file}: cannot write: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
}
