/**
 * What `run` (and `check`) tell the terminal besides the report's path: a few lines per mode with the
 * headline figures and the counts of failed operations and expectations, the headline sentence, and
 * warnings for the steps that failed at run time (a `gluster` command GlusterFS refused, a `touch`
 * on an unmounted path): the run goes on after them, as a shell script would, but the user should
 * know. Pure functions of the run's results, so they are tested without running anything.
 */
import type { RunResult } from '../../reports/types.js';
import { formatCount, formatDuration as formatSeconds } from '../../viz/format.js';
import { headline } from '../../viz/headline.js';
import { labelOfMode } from '../../viz/theme.js';
import { formatDuration } from '../engine/time.js';
import type { Mode, Step } from '../scenario/ast.js';
import { formatFailure } from '../scenario/check-report.js';
import type { CommandOutcome } from '../scenario/model-api.js';
import { formatLine } from '../scenario/source.js';

/** A command step that failed at run time. */
export interface StepFailure {
  readonly mode: Mode;
  /** `file:line` of the step. */
  readonly where: string;
  readonly text: string;
  readonly message: string;
  /** Simulated µs when it was issued. */
  readonly at: number;
}

/** Collects failed command steps (the `onCommand` hook of executeScenario / runSteps). */
export class StepFailures {
  readonly list: StepFailure[] = [];

  record(mode: Mode, step: Step, outcome: CommandOutcome, startedAt: number): void {
    if (!outcome.ok) this.list.push({ mode, where: formatLine(step.pos), text: step.text, message: outcome.message, at: startedAt });
  }
}

/** Lines shown per mode before "… and N more". */
export const SHOWN = 5;

/**
 * `file:line: [mode] warning: 'gluster volume start v9' failed at t=12s: volume start: v9: failed: …`,
 * at most SHOWN per mode, then a count of the rest.
 */
export function failureWarnings(failures: readonly StepFailure[], modes: readonly Mode[]): string[] {
  const out: string[] = [];
  for (const mode of modes) {
    const mine = failures.filter((f) => f.mode === mode);
    for (const f of mine.slice(0, SHOWN)) out.push(`${f.where}: [${mode}] warning: '${f.text}' failed at t=${formatDuration(f.at)}: ${f.message}`);
    if (mine.length > SHOWN) out.push(`[${mode}] warning: ${formatCount(mine.length - SHOWN)} more step(s) failed (${formatCount(mine.length)} in all; the gluster commands are in ops.csv)`);
  }
  return out;
}

/**
 * The per-mode summary: a title line, one line per mode, up to SHOWN failed expectations per mode,
 * and the headline sentence.
 */
export function summaryLines(result: RunResult, failures: readonly StepFailure[] = []): string[] {
  const h = headline(result);
  const secs = [...new Set(result.results.map((r) => r.summary.sim_seconds))];
  const sim = secs.length === 1 ? `${formatSeconds(secs[0]!)} simulated` : `simulated ${result.results.map((r) => `${labelOfMode(r.mode)} ${formatSeconds(r.summary.sim_seconds)}`).join(', ')}`;
  const lines = [`${result.info.scenario.name} · seed ${result.info.seed} · ${sim}`];
  const width = Math.max(...result.results.map((r) => labelOfMode(r.mode).length));
  result.results.forEach((r) => {
    const f = (key: string) => h.figures.find((x) => x.key === key)!.modes.find((m) => m.mode === r.mode)!;
    const s = r.summary;
    const exp = r.expectations.length;
    const expFailed = r.expectations.filter((e) => !e.passed).length;
    const steps = failures.filter((x) => x.mode === r.mode).length;
    const parts = [
      f('never_healed').value === null ? 'nothing to heal' : `heal p99 ${f('heal_latency_p99_s').text} · never healed ${f('never_healed').text}`,
      `${formatCount(s.shd_starts)} shd start${s.shd_starts === 1 ? '' : 's'}`,
      `${f('log_bytes').text} logged`,
      `peak shd ${f('peak_shd_rss_mib').text}`,
      `${formatCount(s.ops_total)} operations (${formatCount(s.ops_failed)} failed)`,
      ...(steps > s.ops_failed ? [`${formatCount(steps - s.ops_failed)} other step${steps - s.ops_failed === 1 ? '' : 's'} failed`] : []),
      `${formatCount(exp)} expectation${exp === 1 ? '' : 's'} (${formatCount(expFailed)} failed)`,
    ];
    lines.push(`  ${labelOfMode(r.mode).padEnd(width)}  ${parts.join(' · ')}`);
  });
  for (const r of result.results) {
    const failed = r.expectations.filter((e) => !e.passed);
    for (const e of failed.slice(0, SHOWN)) lines.push(`  ${formatFailure(e)}`);
    if (failed.length > SHOWN) lines.push(`  [${r.mode}] … and ${formatCount(failed.length - SHOWN)} more failed expectations (expectations.csv, report.html)`);
  }
  lines.push(h.sentence);
  return lines;
}
