/**
 * Shrinks a failing case while the SAME failure signature still occurs (a smaller scenario failing
 * some other way is a different bug, and is rejected):
 *
 * 1. the body, with the liveness phase derived again for every candidate: drop every step about one
 *    volume, drop chunks of steps (halves, quarters, … single steps, as delta debugging does), halve
 *    the numbers in a step (waits, file counts, reboot downtimes, durations), drop bricks from a
 *    kill-brick, drop nodes no step names, drop model settings;
 * 2. the liveness phase, frozen: drop the expectations of it the failure does not need. The steps that
 *    bring the cluster back (start-glusterd, start force, reset, wait) stay: without them a failed
 *    expectation would only show a brick left down.
 *
 * Every candidate is a full run, so the work is bounded by a number of runs. A candidate whose text
 * does not load (a touch whose mount step was dropped) is simply not smaller.
 */
import type { Mode } from '../scenario/ast.js';
import { runCase, replayText, type CaseLimits, type CaseOutcome } from './runner.js';
import { renderCase, type CaseText } from './scenario-text.js';

export interface ShrinkResult {
  readonly text: string;
  readonly outcome: CaseOutcome;
  /** Steps in the shrunk file (body and liveness). */
  readonly steps: number;
  /** Runs the shrinking took. */
  readonly runs: number;
  /** Liveness steps of the case as it was given (before shrinking). */
  readonly originalLiveness: number;
}

type Body = Omit<CaseText, 'liveness'>;

export const DEFAULT_SHRINK_RUNS = 400;

export function shrinkCase(start: Body, mode: Mode, signature: string, limits: CaseLimits, maxRuns = DEFAULT_SHRINK_RUNS): ShrinkResult {
  let runs = 0;
  let best: Body = start;
  let bestOutcome: CaseOutcome | null = null;
  const fails = (c: Body): boolean => {
    if (runs >= maxRuns) return false;
    runs++;
    const o = runCase(c, mode, limits);
    if (o.invalid !== undefined || o.failure?.signature !== signature) return false;
    best = c;
    bestOutcome = o;
    return true;
  };
  if (!fails(start)) {
    // Not reproducible as given (a wall-clock timeout, say): nothing to shrink.
    const o = runCase(start, mode, limits);
    return { text: o.text, outcome: o, steps: start.body.length + o.liveness.length, runs, originalLiveness: o.liveness.length };
  }
  const given = bestOutcome!.liveness.length;

  for (let progress = true; progress && runs < maxRuns; ) {
    progress = false;
    for (const v of volumesOf(best.body)) {
      const body = best.body.filter((s) => !mentions(s, v));
      if (body.length > 0 && body.length < best.body.length && fails({ ...best, body })) progress = true;
    }
    for (let size = Math.max(1, best.body.length >> 1); size >= 1; size >>= 1) {
      for (let i = 0; i < best.body.length && best.body.length > 1; ) {
        const body = [...best.body.slice(0, i), ...best.body.slice(i + size)];
        if (body.length > 0 && fails({ ...best, body })) progress = true;
        else i += size;
      }
    }
    for (let i = 0; i < best.body.length; i++) {
      for (const simpler of simplifications(best.body[i]!)) {
        const body = best.body.map((s, j) => (j === i ? simpler : s));
        if (fails({ ...best, body })) {
          progress = true;
          break;
        }
      }
    }
    for (const n of best.nodes) {
      if (best.nodes.length > 1 && !best.body.some((s) => mentions(s, n)) && fails({ ...best, nodes: best.nodes.filter((x) => x !== n) })) progress = true;
    }
    for (const key of Object.keys(best.model)) {
      const model = Object.fromEntries(Object.entries(best.model).filter(([k]) => k !== key));
      if (fails({ ...best, model })) progress = true;
    }
  }

  // The liveness phase, frozen: only the steps the failure needs.
  const o = bestOutcome!;
  let liveness = [...o.liveness];
  let outcome: CaseOutcome = o;
  const file = `swarm-${best.seed}-${mode}.yaml`;
  for (let i = liveness.length - 1; i >= 0 && runs < maxRuns; i--) {
    if (!liveness[i]!.startsWith('expect ')) continue;
    const candidate = [...liveness.slice(0, i), ...liveness.slice(i + 1)];
    const text = renderCase({ ...best, liveness: candidate });
    runs++;
    let r: CaseOutcome;
    try {
      r = replayText(file, text, best.seed, mode, limits);
    } catch {
      continue; // does not load
    }
    if (r.failure?.signature === signature) {
      liveness = candidate;
      outcome = { ...r, liveness: candidate };
    }
  }
  const text = renderCase({ ...best, liveness });
  return { text, outcome: { ...outcome, text }, steps: best.body.length + liveness.length, runs, originalLiveness: given };
}

function volumesOf(body: readonly string[]): string[] {
  const names = new Set<string>();
  for (const s of body) {
    const m = /^gluster volume create (\S+)/.exec(s);
    if (m) names.add(m[1]!);
  }
  return [...names];
}

/** `step` names `word` as a whole word (a volume, a host, or the start of a brick or mountpoint). */
function mentions(step: string, word: string): boolean {
  return new RegExp(`(^|[\\s/])${word}([\\s:-]|$)`).test(step);
}

/** Simpler forms of one step, most promising first. */
export function simplifications(step: string): string[] {
  const out: string[] = [];
  const halve = (re: RegExp, f: (m: RegExpExecArray) => string | null) => {
    const m = re.exec(step);
    if (!m) return;
    const r = f(m);
    if (r !== null) out.push(step.slice(0, m.index) + r + step.slice(m.index + m[0].length));
  };
  halve(/^wait (\S+)$/, (m) => halfDuration(m[1]!, (d) => `wait ${d}`));
  halve(/ down (\S+)/, (m) => halfDuration(m[1]!, (d) => ` down ${d}`));
  halve(/ for=(\S+)/, (m) => halfDuration(m[1]!, (d) => ` for=${d}`));
  halve(/\{1\.\.(\d+)\}/, (m) => (Number(m[1]) > 1 ? `{1..${Number(m[1]) >> 1}}` : null));
  halve(/files=(\d+)/, (m) => (Number(m[1]) > 1 ? `files=${Number(m[1]) >> 1}` : null));
  halve(/size=([^.\s]+)\.\.\S+/, (m) => `size=${m[1]}`);
  halve(/ rate=\S+/, () => '');
  const create = /^(gluster volume create \S+(?: replica (\d+)(?: arbiter 1)?)?(?: disperse (\d+)(?: redundancy \d+)?)?) (.*?)( force)?$/.exec(step);
  if (create) {
    // One replica/disperse set (one brick of a distribute volume) fewer.
    const size = Number(create[2] ?? create[3] ?? 1);
    const bricks = create[4]!.split(' ');
    if (bricks.length > size) out.push(`${create[1]} ${bricks.slice(0, -size).join(' ')}${create[5] ?? ''}`);
  }
  if (step.startsWith('kill-brick ')) {
    const bricks = step.split(' ').slice(1);
    if (bricks.length > 1) for (let i = 0; i < bricks.length; i++) out.push(`kill-brick ${bricks.filter((_, j) => j !== i).join(' ')}`);
  }
  return out;
}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function halfDuration(text: string, put: (d: string) => string): string | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text);
  if (!m) return null;
  const ms = Number(m[1]) * UNIT_MS[m[2] ?? 's']!;
  const half = Math.floor(ms / 2);
  return half >= 10 ? put(`${half}ms`) : null;
}
