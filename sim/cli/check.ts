/**
 * `shdsim check <scenario.yaml …>`: the regression suite for CI. Runs each scenario in each mode and
 * evaluates its `expect` steps; prints one line per failed expectation and a closing
 * `N passed, N failed` line, and writes JUnit XML on request. Exit 0 when all held, 1 when some
 * failed, 2 for bad input (nothing runs unless every file is valid).
 *
 * The model is a parameter: this module is the command's whole logic, and the program wires the
 * GlusterFS model in where it registers the command.
 */
import { accessSync, constants, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, UserError } from '../errors.js';
import { MODES, type Mode, type Scenario } from '../scenario/ast.js';
import { closingLine, failureLines, fileResultLine, junitXml, tally, type CheckRun } from '../scenario/check-report.js';
import { loadScenarios, setList } from '../scenario/load-many.js';
import type { ScenarioModel } from '../scenario/model-api.js';
import { runSteps } from '../scenario/run-steps.js';
import { formatDuration, toSeconds } from '../engine/time.js';
import { runProgress } from './progress.js';
import type { Command, CommandContext } from './registry.js';
import { failureWarnings, StepFailures } from './run-summary.js';

/** Builds a fresh model for one run of `scenario` in `mode` (same seed in both modes). */
export type ModelFactory = (mode: Mode, scenario: Scenario, seed: number) => ScenarioModel;

export const DEFAULT_SEED = 1;

/** `--mode legacy|mux|both` as the list of modes to run, in a fixed order. */
export function modesOf(option: string): Mode[] {
  if (option === 'both') return [...MODES];
  if ((MODES as readonly string[]).includes(option)) return [option as Mode];
  throw new UserError(`--mode '${option}': expected legacy, mux or both`);
}

/** `--seed`: a whole number ≥ 0, as typed (yargs would turn `abc` into NaN). */
export function checkSeed(seed: unknown): number {
  return wholeNumber('--seed', seed, 0, 'such as 1');
}

/** A whole-number flag value ≥ `min`, from what yargs gives (a string, or a number for a default). */
export function wholeNumber(flag: string, raw: unknown, min: number, example: string): number {
  const text = Array.isArray(raw) ? String(raw[raw.length - 1]) : String(raw);
  const n = typeof raw === 'number' ? raw : /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (Number.isSafeInteger(n) && n >= min) return n;
  throw new UserError(`${flag} '${text}': expected a whole number${min > 0 ? ` ≥ ${min}` : ''}, ${example}`);
}

/**
 * Checks that `file` can be written (its directory exists and is writable, and it is not a
 * directory) before anything runs, so a typo in --junit does not cost the whole suite's run time.
 */
export function checkWritableFile(flag: string, file: string): void {
  const dir = dirname(file);
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UserError(`${flag} ${file}: the directory ${dir} does not exist`);
  }
  if (!isDir) throw new UserError(`${flag} ${file}: ${dir} is not a directory`);
  try {
    if (statSync(file).isDirectory()) throw new UserError(`${flag} ${file}: is a directory (expected a file name)`);
  } catch (err) {
    if (err instanceof UserError) throw err; // a missing file is what we want
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UserError(`${flag} ${file}: cannot write in ${dir} (permission denied)`);
  }
}

interface CheckArgs {
  scenarios: string[];
  mode: string;
  seed: unknown;
  set?: unknown;
  junit?: string;
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
  for (const l of loaded) {
    if (!l.ok) continue;
    // Each file's outcome as soon as its modes have run: a long suite shows where it is.
    const mine: CheckRun[] = [];
    const failures = new StepFailures();
    for (const mode of modes) {
      const model = makeModel(mode, l.scenario, seed);
      progress.watch(`[${mode}] ${l.file}`, model.sim);
      const waits: number[] = [];
      let result;
      try {
        result = runSteps(l.scenario, model, {
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
