/**
 * The work of a swarm batch as plain-data tasks, so it can cross to a worker thread (the sweep's
 * executor runs them, in this thread or on piscina workers):
 *
 * - a `case` — one seed, one mode: generate the scenario from the seed and run it (runner.ts);
 * - a `shrink` — the first failing case of each failure signature, generated again from its seed
 *   (the same text: generation is deterministic) and shrunk to that signature (shrinker.ts).
 *
 * Shrinking is the expensive part (up to hundreds of runs), so a batch shrinks one case per signature,
 * after every case has run, and none whose signature is on the known-failures list.
 */
import type { Fault } from '../gluster/model-config.js';
import type { Mode } from '../scenario/ast.js';
import { generateScenario } from './generator.js';
import { runCase, type CaseLimits } from './runner.js';
import { shrinkCase } from './shrinker.js';

interface TaskBase {
  /** Position in the batch's list of tasks of its kind (echoed back). */
  readonly index: number;
  readonly seed: number;
  readonly mode: Mode;
  /** Faults a seed may switch on (--faults). */
  readonly faults: readonly Fault[];
  readonly limits: CaseLimits;
}

export type SwarmTask = (TaskBase & { readonly kind: 'case' }) | (TaskBase & { readonly kind: 'shrink'; readonly signature: string; readonly maxRuns: number });

export interface CaseResult {
  readonly kind: 'case';
  readonly index: number;
  readonly seed: number;
  readonly mode: Mode;
  readonly profile: string;
  readonly passed: boolean;
  /** '' when passed. */
  readonly signature: string;
  readonly message: string;
  /** Steps of the case (body and liveness). */
  readonly steps: number;
  readonly events: number;
  readonly simMicros: number;
  /** The failing case's text, without a header (null when passed). */
  readonly text: string | null;
}

export interface ShrinkResult {
  readonly kind: 'shrink';
  readonly index: number;
  readonly seed: number;
  readonly mode: Mode;
  readonly signature: string;
  /** The shrunk text (null when the failure did not reproduce: a wall-clock timeout, say). */
  readonly text: string | null;
  readonly message: string;
  readonly fromSteps: number;
  readonly steps: number;
  readonly runs: number;
}

export type SwarmResult = CaseResult | ShrinkResult;

function generated(task: TaskBase) {
  const g = generateScenario(task.seed, task.faults);
  return { g, c: { seed: task.seed, header: [], nodes: g.nodes, model: g.model, body: g.body } };
}

export function runSwarmTask(task: SwarmTask): SwarmResult {
  const { g, c } = generated(task);
  if (task.kind === 'shrink') {
    const s = shrinkCase(c, task.mode, task.signature, task.limits, task.maxRuns);
    const reproduced = s.outcome.failure?.signature === task.signature;
    return {
      kind: 'shrink',
      index: task.index,
      seed: task.seed,
      mode: task.mode,
      signature: task.signature,
      text: reproduced ? s.text : null,
      message: s.outcome.failure?.message ?? '',
      fromSteps: g.body.length + s.originalLiveness,
      steps: s.steps,
      runs: s.runs,
    };
  }
  const o = runCase(c, task.mode, task.limits);
  // A generated text the loader refuses is a generator bug: a failure like any other.
  const failure = o.invalid !== undefined ? { signature: 'invalid: the generated scenario does not load', message: o.invalid } : o.failure;
  return {
    kind: 'case',
    index: task.index,
    seed: task.seed,
    mode: task.mode,
    profile: g.mix.profile,
    passed: failure === null,
    signature: failure?.signature ?? '',
    message: failure?.message ?? '',
    steps: g.body.length + o.liveness.length,
    events: o.events,
    simMicros: o.simTime,
    text: failure === null ? null : o.text,
  };
}
