/**
 * A swarm batch, end to end, on the sweep's batch engine (sim/sweep/executor.ts: in this thread or on
 * piscina worker threads; sim/sweep/grid.ts: round-robin `--shard i/n`): validate the arguments and
 * the output directory before touching the disk, run every case swarm.csv does not hold yet (each
 * failure saved, shrunk, before its row is appended), then report from swarm.csv's rows — the same
 * report whether the batch ran at once or was resumed.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { FAULTS, type Fault } from '../gluster/model-config.js';
import type { Mode } from '../scenario/ast.js';
import { startProgress, type ProgressOptions } from '../cli/progress.js';
import { writeFileAtomic } from '../sweep/atomic.js';
import { inProcessExecutor, poolExecutor, runAll, workerModulePath, type Executor, type RunFailure } from '../sweep/executor.js';
import { shardRuns, type Shard } from '../sweep/grid.js';
import { RowAppender } from '../sweep/sweep-dir.js';
import { VERSION } from '../version.js';
import { matchKnown, type KnownDefect } from './known.js';
import type { CaseLimits } from './runner.js';
import { csvText } from '../sweep/columns.js';
import { failureFile, FAILURES_DIR, inspectSwarmDir, prepareSwarmDir, readSwarmRows, shrunkFile, SWARM_COLUMNS, SWARM_CSV, type SwarmRow, type SwarmSpec } from './swarm-dir.js';
import { runSwarmTask, type CaseResult, type ShrinkResult, type SwarmResult, type SwarmTask } from './task.js';

export interface SwarmArgs {
  readonly baseSeed: number;
  readonly seeds: number;
  readonly modes: readonly Mode[];
  readonly faults: readonly Fault[];
  readonly limits: CaseLimits;
  /** Runs a shrink may take (0: no shrinking). */
  readonly shrinkRuns: number;
  readonly workers: number;
  readonly out: string;
  readonly shard: Shard | null;
  readonly known: readonly KnownDefect[];
}

export interface SwarmEnv {
  readonly line: (text: string) => void;
  readonly tty?: NodeJS.WritableStream;
  readonly progress?: Pick<ProgressOptions, 'intervalMs' | 'now'>;
}

export interface SignatureGroup {
  readonly signature: string;
  readonly known: KnownDefect | undefined;
  readonly rows: readonly SwarmRow[];
}

export interface SwarmReport {
  readonly dir: string;
  readonly cases: number;
  readonly ran: number;
  readonly passed: number;
  /** Failures the known-failures list does not name. */
  readonly failed: number;
  readonly knownFailed: number;
  /** Failures grouped by signature (unknown ones first), each group's rows in case order. */
  readonly groups: readonly SignatureGroup[];
  /** Known defects that no case of this batch hit. */
  readonly unseen: readonly KnownDefect[];
  /** Signature → the shrunk reproducer (a path in the batch directory), when there is one. */
  readonly shrunk: ReadonlyMap<string, string>;
}

/** The faults --faults names: GlusterFS's fault names or their reference numbers F3, F4, F6. */
const FAULT_ALIASES: Readonly<Record<string, Fault>> = { f3: 'attach-dead-process', f4: 'attach-before-graph', f6: 'first-child-down-cleanup' };

export function parseFaults(items: readonly string[]): Fault[] {
  const out: Fault[] = [];
  for (const item of items.flatMap((i) => i.split(',')).map((s) => s.trim()).filter(Boolean)) {
    const f = FAULT_ALIASES[item.toLowerCase()] ?? (FAULTS as readonly string[]).find((x) => x === item);
    if (f === undefined) throw new UserError(`--faults '${item}': expected F3, F4, F6 or one of ${FAULTS.join(', ')}`);
    if (!out.includes(f as Fault)) out.push(f as Fault);
  }
  return out;
}

interface Case {
  readonly index: number;
  readonly seed: number;
  readonly mode: Mode;
}


export function planCases(baseSeed: number, seeds: number, modes: readonly Mode[], shard: Shard | null): Case[] {
  const all: Case[] = [];
  for (let s = 0; s < seeds; s++) for (const mode of modes) all.push({ index: all.length, seed: baseSeed + s, mode });
  return shardRuns(all, shard);
}

export function specOf(args: SwarmArgs): SwarmSpec {
  return {
    base_seed: args.baseSeed,
    seeds: args.seeds,
    modes: [...args.modes],
    faults: [...args.faults],
    max_events: args.limits.maxEvents,
    time_limit_s: args.limits.timeLimitMs / 1000,
    shard: args.shard,
    version: VERSION,
  };
}

export async function runSwarm(args: SwarmArgs, env: SwarmEnv): Promise<SwarmReport> {
  if (!Number.isSafeInteger(args.seeds) || args.seeds < 1) throw new UserError(`--seeds ${args.seeds}: expected a whole number ≥ 1`);
  if (!Number.isSafeInteger(args.baseSeed + args.seeds - 1)) throw new UserError(`--seed ${args.baseSeed}: too large for ${args.seeds} seeds`);
  if (!Number.isSafeInteger(args.workers) || args.workers < 1) throw new UserError(`--workers ${args.workers}: expected a whole number ≥ 1`);
  const spec = specOf(args);
  const cases = planCases(args.baseSeed, args.seeds, args.modes, args.shard);
  const plan = inspectSwarmDir(args.out, spec);
  // Everything is valid: from here on the disk changes.
  prepareSwarmDir(plan, spec);
  const dir = plan.dir;
  const done = new Set(plan.rows.map((r) => `${r.seed}/${r.mode}`));
  const todo = cases.filter((c) => !done.has(`${c.seed}/${c.mode}`));
  const threads = Math.min(args.workers, Math.max(1, todo.length));
  env.line(`swarm: ${cases.length} cases${done.size ? ` (${done.size} already in ${SWARM_CSV})` : ''}${todo.length ? `, ${threads === 1 ? 'in this thread' : `${threads} worker threads`}` : ''}`);
  const common = { faults: args.faults, limits: args.limits };
  const csvFile = join(dir, SWARM_CSV);
  const appender = new RowAppender(dir, SWARM_CSV);
  try {
    const tasks = todo.map((c, index): SwarmTask => ({ ...common, kind: 'case', index, seed: c.seed, mode: c.mode }));
    await execute(tasks, threads, { total: cases.length, label: 'swarm', unit: 'cases' }, env, (r) => appender.append(rowCells(r as CaseResult, saveCase(dir, r as CaseResult))));
  } finally {
    appender.close();
  }
  // In case order once every case is in (appends came in completion order): the same bytes whatever
  // the worker count or the interruptions, as sweep.csv.
  let rows = sortRows(readSwarmRows(readFileSync(csvFile, 'utf8'), join(args.out, SWARM_CSV)));
  writeFileAtomic(csvFile, csvText(SWARM_COLUMNS, rows.map((r) => SWARM_COLUMNS.map((c) => r[c]))));
  if (args.shrinkRuns > 0) {
    const shrinks = toShrink(rows, args.known, dir).map((r, index): SwarmTask => ({ ...common, kind: 'shrink', index, seed: Number(r.seed), mode: r.mode as Mode, signature: r.signature, maxRuns: args.shrinkRuns }));
    if (shrinks.length > 0) {
      env.line(`swarm: shrinking ${shrinks.length} failure${shrinks.length > 1 ? 's' : ''} (the first case of each signature)`);
      await execute(shrinks, Math.min(args.workers, shrinks.length), { total: shrinks.length, label: 'swarm shrink', unit: 'cases' }, env, (r) => saveShrunk(dir, r as ShrinkResult));
    }
  }
  return report(dir, rows, todo.length, args.known);
}

/** The first case (lowest seed, then mode) of every signature not known and not shrunk yet. */
function toShrink(rows: readonly SwarmRow[], known: readonly KnownDefect[], dir: string): SwarmRow[] {
  const first = new Map<string, SwarmRow>();
  for (const r of sortRows(rows)) {
    if (r.verdict !== 'fail' || r.signature.startsWith('timeout:') || r.signature.startsWith('invalid:') || first.has(r.signature)) continue;
    if (matchKnown(known, r.signature, r.mode as Mode)) continue;
    first.set(r.signature, r);
  }
  return [...first.values()].filter((r) => !existsSync(join(dir, shrunkFile(Number(r.seed), r.mode as Mode))));
}

/** Runs `tasks` on the sweep's executor, handing each result to `onResult` as it comes. */
async function execute(tasks: readonly SwarmTask[], threads: number, progressOf: { total: number; label: string; unit: string }, env: SwarmEnv, onResult: (r: SwarmResult) => void): Promise<void> {
  if (tasks.length === 0) return;
  const progress = startProgress({ ...progressOf, done: progressOf.total - tasks.length, line: env.line, ...(env.tty ? { tty: env.tty } : {}), ...env.progress });
  let executor: Executor<SwarmTask, SwarmResult> | undefined;
  let failure: RunFailure<SwarmTask> | null = null;
  let allDone = false;
  try {
    executor = threads > 1 ? poolExecutor<SwarmTask, SwarmResult>(threads, workerModulePath(import.meta.url)) : inProcessExecutor<SwarmTask, SwarmResult>(runSwarmTask);
    failure = await runAll(tasks, executor, (r) => {
      onResult(r);
      progress.tick();
    });
    allDone = failure === null;
  } finally {
    await executor?.close();
    if (allDone) progress.finish();
    else progress.stop(); // no "done" line for work that did not finish
  }
  if (failure) {
    const err = failure.error instanceof Error ? failure.error : new Error(String(failure.error));
    throw new Error(`swarm: the ${failure.task.kind} of seed ${failure.task.seed}, ${failure.task.mode} broke the swarm itself (finished cases are in swarm.csv; the same command resumes): ${err.stack ?? err.message}`);
  }
}

function header(r: { seed: number; mode: Mode; signature: string; message: string }, what: string, dir: string, file: string): string {
  return [
    `# shdsim swarm ${VERSION}: seed ${r.seed}, mode ${r.mode} (${what})`,
    `# failure: ${r.signature}`,
    `#   ${r.message.split('\n')[0]!.trim()}`,
    `# replay: shdsim run ${join(dir, file)} --seed ${r.seed} --mode ${r.mode}`,
    `#     or: shdsim swarm --replay ${join(dir, file)} --seed ${r.seed} --mode ${r.mode}`,
    '',
  ].join('\n');
}

/** Writes a failing case as generated; returns its path in the batch directory ('' when it passed). */
function saveCase(dir: string, r: CaseResult): string {
  if (r.passed || r.text === null) return '';
  mkdirSync(join(dir, FAILURES_DIR), { recursive: true });
  const file = failureFile(r.seed, r.mode);
  writeFileAtomic(join(dir, file), header(r, `profile ${r.profile}, as generated`, dir, file) + r.text);
  return file;
}

function saveShrunk(dir: string, r: ShrinkResult): void {
  if (r.text === null) return;
  const file = shrunkFile(r.seed, r.mode);
  writeFileAtomic(join(dir, file), header(r, `shrunk from ${r.fromSteps} to ${r.steps} steps in ${r.runs} runs`, dir, file) + r.text);
}

function rowCells(r: CaseResult, file: string): string[] {
  return [String(r.seed), r.mode, r.profile, r.passed ? 'pass' : 'fail', r.signature, String(r.steps), String(r.events), (r.simMicros / 1e6).toFixed(6), file];
}

function sortRows(rows: readonly SwarmRow[]): SwarmRow[] {
  return [...rows].sort((a, b) => Number(a.seed) - Number(b.seed) || a.mode.localeCompare(b.mode));
}

export function report(dir: string, rows: readonly SwarmRow[], ran: number, known: readonly KnownDefect[]): SwarmReport {
  const shrunk = new Map<string, string>();
  for (const r of rows) if (r.verdict === 'fail' && existsSync(join(dir, shrunkFile(Number(r.seed), r.mode as Mode)))) shrunk.set(r.signature, shrunkFile(Number(r.seed), r.mode as Mode));
  const sorted = sortRows(rows);
  const bySignature = new Map<string, SwarmRow[]>();
  let passed = 0;
  for (const r of sorted) {
    if (r.verdict === 'pass') passed++;
    else bySignature.set(r.signature, [...(bySignature.get(r.signature) ?? []), r]);
  }
  const groups: SignatureGroup[] = [];
  const hit = new Set<string>();
  let failed = 0;
  let knownFailed = 0;
  for (const [signature, rs] of bySignature) {
    // Known per mode: a signature may be known in one mode and not in the other.
    const byKnown = new Map<KnownDefect | undefined, SwarmRow[]>();
    for (const r of rs) {
      const k = matchKnown(known, signature, r.mode as Mode);
      byKnown.set(k, [...(byKnown.get(k) ?? []), r]);
    }
    for (const [k, krs] of byKnown) {
      groups.push({ signature, known: k, rows: krs });
      if (k) {
        hit.add(k.id);
        knownFailed += krs.length;
      } else failed += krs.length;
    }
  }
  groups.sort((a, b) => Number(a.known !== undefined) - Number(b.known !== undefined) || b.rows.length - a.rows.length || a.signature.localeCompare(b.signature));
  return { dir, cases: rows.length, ran, passed, failed, knownFailed, groups, unseen: known.filter((k) => !hit.has(k.id)), shrunk };
}

/** The report as lines for the terminal: failures by signature, then the closing count line. */
export function reportLines(r: SwarmReport, shownDir: string): string[] {
  const out: string[] = [];
  for (const g of r.groups) {
    const first = g.rows[0]!;
    const seeds = g.rows.map((x) => `${x.seed}/${x.mode}`);
    const tag = g.known ? `KNOWN (defect ${g.known.id})` : 'FAILED';
    out.push(`${tag} ${g.signature}: ${g.rows.length} case${g.rows.length > 1 ? 's' : ''} (${seeds.slice(0, 8).join(' ')}${seeds.length > 8 ? ' …' : ''})`);
    if (!g.known && first.file) {
      const shrunk = r.shrunk.get(g.signature);
      const file = join(shownDir, shrunk ?? first.file);
      const seed = shrunk ? /seed-(\d+)-(\w+)/.exec(shrunk)! : [first.file, first.seed, first.mode];
      out.push(`  ${file}${shrunk ? ' (shrunk)' : ''}`);
      out.push(`  replay: shdsim run ${file} --seed ${seed[1]} --mode ${seed[2]}`);
    }
  }
  for (const k of r.unseen) out.push(`note: known defect ${k.id} (${k.title || k.signatures[0]}) did not occur in this batch`);
  out.push(`${r.passed} passed, ${r.failed} failed, ${r.knownFailed} known`);
  return out;
}
