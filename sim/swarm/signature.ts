/**
 * What went wrong in a swarm case, as a short signature that the shrinker keeps constant (a smaller
 * scenario must fail the SAME way) and that the known-failures list matches:
 *
 * - `crash: <message>`: an exception out of the model (what `shdsim run` reports as exit 70), the
 *   message with its numbers, volume and host names made generic;
 * - `invariant: <name>`: a model invariant breached after some event;
 * - `hang: <what>`: the event limit reached, or a command never answered;
 * - `timeout: wall-clock limit`: the case ran longer than --time-limit (a safety net; not deterministic);
 * - `liveness: <what>`: an expectation of the liveness phase that did not hold within its bound;
 * - `oracle: <rule>`: a command answered in a way GlusterFS would not answer it.
 */
import { InvariantError, SimulationError } from '../engine/simulation.js';

export const TIME_LIMIT_INVARIANT = 'swarm wall-clock limit';

export interface Failure {
  readonly signature: string;
  /** The full message, for the report (first line of a stack, with positions). */
  readonly message: string;
}

/** Numbers, volume names (`v12`), hosts (`h3`) and brick paths made generic. */
export function generic(text: string): string {
  return text
    .replace(/\/bricks\/[A-Za-z0-9_-]+/g, '/bricks/B')
    .replace(/\bv\d+\b/g, 'V')
    .replace(/\bh\d+\b/g, 'H')
    .replace(/\d+(\.\d+)?/g, 'N');
}

export function classifyError(err: unknown): Failure {
  if (err instanceof InvariantError) {
    if (err.invariant === TIME_LIMIT_INVARIANT) return { signature: 'timeout: wall-clock limit', message: err.message };
    // The event after which it broke tells causes apart (a double shd after a volume start's commit
    // is not the one after a glusterd's start-up): its label, made generic, is part of the signature.
    // A CLI process's label is the whole command: only `cli` is kept (it names the op just answered,
    // which varies from one scenario to the next for one cause).
    const label = /violated after event #\d+ \((.*?)\) at t=/.exec(err.message)?.[1];
    const after = label === undefined ? '' : ` after ${generic(label).replace(/^process /, '').replace(/^cli: .*/, 'cli')}`;
    // The model registers one combined check ("model state") whose breach names its sub-check first
    // (`at most one shd per node (mux): …`): that name is the invariant of the signature.
    const sub = err.invariant === 'model state' ? /\(\d+us\): ([^:]+):/.exec(err.message)?.[1] : undefined;
    return { signature: `invariant: ${sub ?? err.invariant}${after}`, message: err.message };
  }
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof SimulationError && message.startsWith('event limit')) return { signature: 'hang: event limit', message };
  if (/model bug: .* was never answered/.test(message)) return { signature: 'hang: command never answered', message };
  // A step position in front (FILE:LINE:COL: …) and the failing process's name and time are not part
  // of what failed.
  const bare = message
    .replace(/^\S+:\d+:\d+: /, '')
    .replace(/^process .*? failed at t=\S+: /, '')
    // A model assertion (sim/engine/assert.ts) carries the time and the seed: neither is the failure.
    .replace(/^assertion failed at t=\S+ \(\d+us\): (.*?)(?:; reproduce with --seed \d+)?$/m, 'assertion failed: $1')
    .split('\n')[0]!;
  return { signature: `crash: ${generic(bare)}`, message: err instanceof Error && err.stack ? err.stack.split('\n').slice(0, 4).join('\n') : message };
}

/** A liveness expectation that failed: named after what it observes. */
export function livenessSignature(stepText: string): string {
  if (stepText.includes('pending_heals(')) return 'liveness: heals pending';
  if (stepText.includes('brick_up(')) return 'liveness: bricks down';
  if (stepText.includes('glusterd_up(')) return 'liveness: glusterd down';
  if (stepText.includes('cleanup_threads(')) return 'liveness: graph cleanup never ends';
  return `liveness: ${generic(stepText)}`;
}
