/**
 * What `check` prints and writes from the expectation rows of its runs: one line per failed
 * expectation, the closing `N passed, N failed` line, and a JUnit XML document for CI. Everything is
 * a pure function of the rows, in the order given, so the output is deterministic.
 */
import type { ExpectationRow } from '../../reports/types.js';
import { formatDuration, seconds } from '../engine/time.js';
import type { Mode } from './ast.js';

/** The expectations of one scenario file in one mode. */
export interface CheckRun {
  readonly file: string;
  readonly scenario: string; // the scenario's name
  readonly mode: Mode;
  readonly expectations: readonly ExpectationRow[];
  /** Simulated seconds the run lasted (JUnit `time` of its suite). */
  readonly simSeconds?: number;
  /** Per expectation, the simulated seconds its step waited (JUnit `time` of its testcase). */
  readonly waits?: readonly number[];
}

/**
 * `(observed X after T)` with T the expectation's `within` as written, or `(observed X at t=…)` for
 * one that had to hold at once. The `within` is read back from the step text, which the loader
 * always ends with `within DURATION` when there is one.
 */
export function outcomeNote(row: ExpectationRow): string {
  const within = /\swithin\s+(\S+)\s*$/.exec(row.text);
  return `observed ${row.observed} ${within ? `after ${within[1]}` : `at t=${formatDuration(seconds(row.at_s))}`}`;
}

/** `file:line: [mode] expect … (observed X after T)`. */
export function formatFailure(row: ExpectationRow): string {
  return `${row.where}: [${row.mode}] ${row.text} (${outcomeNote(row)})`;
}

export function failureLines(runs: readonly CheckRun[]): string[] {
  return runs.flatMap((r) => r.expectations.filter((e) => !e.passed).map(formatFailure));
}

export function tally(runs: readonly CheckRun[]): { passed: number; failed: number } {
  let passed = 0;
  let failed = 0;
  for (const r of runs) {
    for (const e of r.expectations) {
      if (e.passed) passed++;
      else failed++;
    }
  }
  return { passed, failed };
}

/**
 * One file's outcome, printed as soon as its modes have run:
 * `scenarios/x.yaml: ok (12 expectations held: legacy 6, mux 6)` or
 * `scenarios/x.yaml: 1 of 12 expectations failed (legacy 0 of 6, mux 1 of 6)`.
 */
export function fileResultLine(file: string, runs: readonly CheckRun[]): string {
  const { passed, failed } = tally(runs);
  if (failed === 0) {
    const per = runs.map((r) => `${r.mode} ${r.expectations.length}`).join(', ');
    return `${file}: ok (${passed + failed} expectation${passed === 1 ? '' : 's'} held${runs.length ? `: ${per}` : ''})`;
  }
  const per = runs.map((r) => `${r.mode} ${r.expectations.filter((e) => !e.passed).length} of ${r.expectations.length}`).join(', ');
  return `${file}: ${failed} of ${passed + failed} expectations failed (${per})`;
}

/** The closing line CI reads: `N passed, N failed`. */
export function closingLine(runs: readonly CheckRun[]): string {
  const { passed, failed } = tally(runs);
  return `${passed} passed, ${failed} failed`;
}

/** Seconds with the µs of the simulated clock, no exponent: `12.500000`. */
function junitTime(seconds: number): string {
  return (Math.round(seconds * 1e6) / 1e6).toFixed(6);
}

/** Escapes text for XML content and attribute values; drops characters XML 1.0 cannot carry. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/**
 * JUnit XML: `testsuites` → one `testsuite` per scenario file and mode → one `testcase` per
 * expectation (named `file:line expect …`; a repeated name within a suite gets ` #2`, ` #3`, …),
 * with a `failure` carrying the observed value. `time` attributes are SIMULATED seconds (a suite: its
 * run's length; a testcase: how long its step waited, 0 for an expectation that had to hold at once),
 * so they stay deterministic: the same runs give the same bytes. No timestamps.
 */
export function junitXml(runs: readonly CheckRun[]): string {
  const { passed, failed } = tally(runs);
  const total = runs.reduce((t, r) => t + (r.simSeconds ?? 0), 0);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="shdsim check" tests="${passed + failed}" failures="${failed}" errors="0" time="${junitTime(total)}">`,
  ];
  for (const r of runs) {
    const fails = r.expectations.filter((e) => !e.passed).length;
    out.push(`  <testsuite name="${xmlEscape(`${r.file} [${r.mode}]`)}" tests="${r.expectations.length}" failures="${fails}" errors="0" skipped="0" time="${junitTime(r.simSeconds ?? 0)}">`);
    const seen = new Map<string, number>();
    r.expectations.forEach((e, i) => {
      const base = `${e.where} ${e.text}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const name = n === 1 ? base : `${base} #${n}`;
      const open = `    <testcase classname="${xmlEscape(`${r.scenario}.${r.mode}`)}" name="${xmlEscape(name)}" time="${junitTime(r.waits?.[i] ?? 0)}"`;
      if (e.passed) out.push(`${open}/>`);
      else {
        out.push(`${open}>`);
        out.push(`      <failure message="${xmlEscape(outcomeNote(e))}" type="expectation">${xmlEscape(formatFailure(e))}</failure>`);
        out.push('    </testcase>');
      }
    });
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
