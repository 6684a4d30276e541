import { Fingerprint } from './fingerprint.js';
import type { Process, ProcessBody } from './process.js';
import { EventQueue, type Target } from './queue.js';
import { Rng } from './random.js';
import { Scope, type Timer } from './scope.js';
import { formatDuration, type Micros } from './time.js';

/** A model-level event: what happened, to what, when. */
export interface TraceEvent {
  readonly time: Micros;
  readonly kind: string;
  readonly entity: string;
  readonly detail?: string | number | Readonly<Record<string, unknown>>;
}
export type TraceListener = (e: TraceEvent) => void;

/** An invariant returns nothing (or true) when it holds, and a description of the breach otherwise. */
export type Invariant = () => string | void | boolean | undefined;

export interface RunOptions {
  /** Stop before the first event later than this time; the clock then stands at `until`. */
  until?: Micros;
  /** Checked before starting and after every event; the run stops as soon as it returns true. */
  stopWhen?: () => boolean;
}

export type StopReason = 'until' | 'predicate' | 'idle';

export interface SimulationOptions {
  seed: number;
  /** Hard bound on events over the whole run; a runaway model stops with an error. */
  maxEvents?: number;
  /** Run the registered invariants after every event (tests turn this on). */
  checkInvariants?: boolean;
}

/**
 * A bug in the model found while it ran (an invariant breach, a failed assertion, a runaway loop): it
 * carries the simulated time and the seed, so the run can be reproduced exactly.
 */
export class SimulationError extends Error {
  constructor(
    message: string,
    readonly time: Micros,
    readonly seed: number,
  ) {
    super(message);
    this.name = 'SimulationError';
  }
}

export class InvariantError extends SimulationError {
  constructor(message: string, readonly invariant: string, time: Micros, seed: number) {
    super(message, time, seed);
    this.name = 'InvariantError';
  }
}

export const DEFAULT_MAX_EVENTS = 200_000_000;

/**
 * The kernel: a clock, the future event list, a root scope for processes and timers, named random
 * streams, a trace hook, a trajectory fingerprint and invariant checks. It knows nothing of GlusterFS.
 */
export class Simulation {
  /** Current simulated time in µs. */
  now: Micros = 0;
  /** Events run so far (stale, cancelled entries excluded). */
  events = 0;
  /** The process whose step is running, if any. */
  current: Process<unknown> | undefined = undefined;
  checkInvariants: boolean;

  readonly seed: number;
  readonly rng: Rng;
  readonly queue = new EventQueue();
  readonly root: Scope;
  readonly maxEvents: number;

  private readonly print = new Fingerprint();
  private listeners: TraceListener[] = [];
  private readonly invariants: { name: string; check: Invariant }[] = [];

  constructor(options: SimulationOptions) {
    if (!Number.isSafeInteger(options.seed)) throw new RangeError(`seed must be an integer, got ${options.seed}`);
    this.seed = options.seed;
    this.rng = new Rng(options.seed);
    this.maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
    this.checkInvariants = options.checkInvariants ?? false;
    this.root = new Scope(this, 'root');
  }

  spawn<T>(name: string, body: ProcessBody<T>): Process<T> {
    return this.root.spawn(name, body);
  }

  schedule(delay: Micros, fn: () => void, label?: string): Timer {
    return this.root.schedule(delay, fn, label);
  }

  at(time: Micros, fn: () => void, label?: string): Timer {
    return this.root.at(time, fn, label);
  }

  /** Events waiting in the queue, including cancelled ones not yet popped. */
  get pending(): number {
    return this.queue.size;
  }

  // ---- trace and fingerprint -------------------------------------------------------------------

  /**
   * Records a model event. It always feeds the fingerprint (a few multiplications); the event object
   * is only built when someone listens.
   */
  emit(kind: string, entity: string, detail?: TraceEvent['detail']): void {
    this.print.update(this.now, kind, entity);
    if (this.listeners.length !== 0) this.notify(kind, entity, detail);
  }

  /**
   * Records an event for the trace only: listeners see it like an emitted one, but it does NOT feed the
   * fingerprint, so adding or removing trace-only events (the rpc messages of `--trace`) never changes
   * a trajectory's fingerprint. Free when nobody listens.
   */
  trace(kind: string, entity: string, detail?: TraceEvent['detail']): void {
    if (this.listeners.length !== 0) this.notify(kind, entity, detail);
  }

  /** True when someone listens to the trace: callers can skip building a costly detail otherwise. */
  get tracing(): boolean {
    return this.listeners.length !== 0;
  }

  private notify(kind: string, entity: string, detail: TraceEvent['detail'] | undefined): void {
    const e: TraceEvent = detail === undefined ? { time: this.now, kind, entity } : { time: this.now, kind, entity, detail };
    for (const l of this.listeners) l(e);
  }

  /** Subscribes to trace events; returns the unsubscribe function. */
  onTrace(listener: TraceListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Hash of every traced (time, kind, entity) so far: equal trajectories, equal fingerprints. */
  get fingerprint(): string {
    return this.print.hex();
  }

  get tracedEvents(): number {
    return this.print.events;
  }

  // ---- invariants -----------------------------------------------------------------------------

  addInvariant(name: string, check: Invariant): void {
    this.invariants.push({ name, check });
  }

  /**
   * Runs every invariant now; throws InvariantError on the first breach. `after` names what just
   * happened (built only on a breach: this runs after every event).
   */
  verify(after = 'check'): void {
    this.verifyAfter(after);
  }

  /** `after` is a text, or the target of the event just run (its text is built only on a breach). */
  private verifyAfter(after: string | Target): void {
    const list = this.invariants;
    for (let i = 0; i < list.length; i++) {
      const { name, check } = list[i]!;
      let result: ReturnType<Invariant>;
      try {
        result = check();
      } catch (err) {
        result = err instanceof Error ? err.message : String(err);
      }
      if (result === undefined || result === true) continue;
      const why = result === false ? 'does not hold' : result;
      if (typeof after !== 'string') after = `event #${this.events} (${after.label})`;
      throw new InvariantError(
        `invariant "${name}" violated after ${after} at t=${formatDuration(this.now)} (${this.now}us): ${why}; reproduce with --seed ${this.seed}`,
        name,
        this.now,
        this.seed,
      );
    }
  }

  // ---- running --------------------------------------------------------------------------------

  /**
   * Runs events in (time, insertion) order until the queue is empty, the next event is later than
   * `until`, or `stopWhen` holds.
   */
  run(options: RunOptions = {}): StopReason {
    const until = options.until ?? Infinity;
    const stopWhen = options.stopWhen;
    if (until < this.now) throw new RangeError(`run until t=${until}us: the clock is already at t=${this.now}us`);
    if (stopWhen !== undefined && stopWhen()) return 'predicate';
    const q = this.queue;
    for (;;) {
      if (q.size === 0) {
        if (until === Infinity) return 'idle';
        this.now = until;
        return 'until';
      }
      const t = q.peekTime();
      if (t > until) {
        this.now = until;
        return 'until';
      }
      q.pop();
      const target = q.poppedTarget as Target;
      const before = this.now;
      this.now = t;
      if (!target.fire(q.poppedToken)) {
        this.now = before; // a stale entry must not move the clock
        continue;
      }
      if (++this.events > this.maxEvents) {
        throw new SimulationError(
          `event limit of ${this.maxEvents} reached at t=${formatDuration(this.now)} (last event: ${target.label}); the model may be looping — reproduce with --seed ${this.seed}`,
          this.now,
          this.seed,
        );
      }
      if (this.checkInvariants) this.verifyAfter(target);
      if (stopWhen !== undefined && stopWhen()) return 'predicate';
    }
  }
}
