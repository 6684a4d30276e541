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

/** The closing line CI reads: `N passed, N failed`. */
export function closingLine(runs: readonly CheckRun[]): string {
  const { passed, failed } = tally(runs);
  return `${passed} passed, ${failed} failed`;
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
 * with a `failure` carrying the observed value. No timestamps or durations: the same runs give the
 * same bytes.
 */
export function junitXml(runs: readonly CheckRun[]): string {
  const { passed, failed } = tally(runs);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="shdsim check" tests="${passed + failed}" failures="${failed}" errors="0">`,
  ];
  for (const r of runs) {
    const fails = r.expectations.filter((e) => !e.passed).length;
    out.push(`  <testsuite name="${xmlEscape(`${r.file} [${r.mode}]`)}" tests="${r.expectations.length}" failures="${fails}" errors="0" skipped="0">`);
    const seen = new Map<string, number>();
    for (const e of r.expectations) {
      const base = `${e.where} ${e.text}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const name = n === 1 ? base : `${base} #${n}`;
      const open = `    <testcase classname="${xmlEscape(`${r.scenario}.${r.mode}`)}" name="${xmlEscape(name)}"`;
      if (e.passed) out.push(`${open}/>`);
      else {
        out.push(`${open}>`);
        out.push(`      <failure message="${xmlEscape(outcomeNote(e))}" type="expectation">${xmlEscape(formatFailure(e))}</failure>`);
        out.push('    </testcase>');
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
