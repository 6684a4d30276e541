import type { Target } from './queue.js';
import { Future, type Waitable, type Waiter } from './signal.js';
import type { Micros } from './time.js';
import type { Scope } from './scope.js';
import type { Simulation } from './simulation.js';

/**
 * Processes are generator functions that yield commands:
 *
 *   yield sleep(d)                    // resume after d µs
 *   const v = yield waitFor(w)        // resume when a Signal fires or a Future resolves; v is its value
 *   const i = yield anyOf([a, b], t)  // index of the first to fire, or -1 if t µs pass first (t optional)
 *   const ok = yield allOf([a, b], t) // true once every one fired, false on timeout
 *
 * `yield n` with a bare number is the same as `yield sleep(n)`.
 */
export interface SleepCommand { readonly op: 'sleep'; readonly delay: Micros }
export interface WaitCommand { readonly op: 'wait'; readonly on: Waitable }
export interface AnyCommand { readonly op: 'any'; readonly on: readonly Waitable[]; readonly timeout: Micros }
export interface AllCommand { readonly op: 'all'; readonly on: readonly Waitable[]; readonly timeout: Micros }
export type Command = SleepCommand | WaitCommand | AnyCommand | AllCommand | Micros;

/** The body of a process. TNext is `any` so `const v: T = yield waitFor(x)` reads naturally. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ProcessBody<T = void> = Generator<Command, T, any>;

const NO_TIMEOUT = -1;

export function sleep(delay: Micros): SleepCommand {
  return { op: 'sleep', delay };
}
export function waitFor(on: Waitable): WaitCommand {
  return { op: 'wait', on };
}
export function anyOf(on: readonly Waitable[], timeout: Micros = NO_TIMEOUT): AnyCommand {
  return { op: 'any', on, timeout };
}
export function allOf(on: readonly Waitable[], timeout: Micros = NO_TIMEOUT): AllCommand {
  return { op: 'all', on, timeout };
}

export type ProcessState = 'ready' | 'waiting' | 'done' | 'killed' | 'failed';

/** What a joiner of a process receives. */
export interface Exit<T> {
  readonly killed: boolean;
  readonly value: T | undefined;
}

/** Wait kinds, as small integers for the hot path. */
const SLEEPING = 0, WAITING_ONE = 1, WAITING_ANY = 2, WAITING_ALL = 3;

export class ProcessError extends Error {
  constructor(message: string, readonly process: string, readonly time: Micros, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProcessError';
  }
}

export class Process<T = unknown> implements Target, Waiter {
  /** Bumped whenever a wait ends (or the process is killed): older queue entries and registrations go stale. */
  token = 0;
  state: ProcessState = 'ready';
  /** Resolves when the process returns or is killed. */
  readonly exited: Future<Exit<T>>;

  private waitKind = SLEEPING;
  private woken = false;
  private wakeSlot = 0;
  private wakeValue: unknown = undefined;
  private remaining = 0;

  constructor(
    private readonly sim: Simulation,
    readonly scope: Scope,
    readonly name: string,
    private readonly body: ProcessBody<T>,
  ) {
    this.exited = new Future<Exit<T>>(`${name}.exited`);
  }

  get label(): string {
    return `process ${this.name}`;
  }

  get alive(): boolean {
    return this.state === 'ready' || this.state === 'waiting';
  }

  /** Called by the queue: a sleep or timeout expired, or a wake-up arrived. */
  fire(token: number): boolean {
    if (token !== this.token || !this.alive) return false;
    let input: unknown;
    if (this.state === 'ready') {
      input = undefined; // the first step
    } else if (this.woken) {
      input = this.waitKind === WAITING_ANY ? this.wakeSlot : this.waitKind === WAITING_ALL ? true : this.wakeValue;
    } else {
      // The timer entry itself: a sleep ended, or a wait timed out.
      input = this.waitKind === SLEEPING ? undefined : this.waitKind === WAITING_ALL ? false : -1;
    }
    this.wakeValue = undefined;
    this.step(input);
    return true;
  }

  /** Called by a Signal or Future. Takes effect at the current time, after what is already queued. */
  wake(token: number, slot: number, value: unknown): void {
    if (token !== this.token || this.state !== 'waiting') return;
    if (this.waitKind === WAITING_ALL && --this.remaining > 0) return;
    this.woken = true;
    this.wakeSlot = slot;
    this.wakeValue = value;
    this.sim.queue.push(this.sim.now, this, ++this.token);
  }

  /**
   * SIGKILL: the process stops where it is. Its pending sleep, waits and timeouts go stale, its
   * generator is dropped without running `finally` blocks, and joiners see `killed: true`.
   */
  kill(): void {
    if (!this.alive) return;
    this.state = 'killed';
    this.token++;
    this.scope.forget(this);
    this.exited.resolve({ killed: true, value: undefined });
  }

  /** Queues the first step; called once by Scope.spawn. */
  start(): void {
    this.sim.queue.push(this.sim.now, this, this.token);
  }

  private step(input: unknown): void {
    const sim = this.sim;
    const previous = sim.current;
    sim.current = this;
    let r: IteratorResult<Command, T>;
    try {
      r = this.body.next(input);
    } catch (err) {
      this.state = 'failed';
      this.token++;
      this.scope.forget(this);
      const why = err instanceof Error ? err.message : String(err);
      throw new ProcessError(`process ${this.name} failed at t=${sim.now}us: ${why}`, this.name, sim.now, { cause: err });
    } finally {
      sim.current = previous;
    }
    if (!this.alive) return; // it killed itself (or its scope) during the step
    if (r.done) {
      this.state = 'done';
      this.token++;
      this.scope.forget(this);
      this.exited.resolve({ killed: false, value: r.value });
      return;
    }
    this.await(r.value);
  }

  private await(cmd: Command): void {
    const sim = this.sim;
    const token = ++this.token;
    this.state = 'waiting';
    this.woken = false;
    if (typeof cmd === 'number' || cmd.op === 'sleep') {
      const delay = typeof cmd === 'number' ? cmd : cmd.delay;
      if (!(delay >= 0) || !Number.isInteger(delay)) {
        throw new ProcessError(`process ${this.name}: sleep needs a whole number of microseconds >= 0, got ${delay}`, this.name, sim.now);
      }
      this.waitKind = SLEEPING;
      sim.queue.push(sim.now + delay, this, token);
      return;
    }
    if (cmd.op === 'wait') {
      this.waitKind = WAITING_ONE;
      cmd.on.subscribe(this, token, 0);
      return;
    }
    const on = cmd.on;
    if (on.length === 0) {
      // Nothing to wait for: "any" of nothing never fires (only the timeout can end it), "all" of nothing holds.
      if (cmd.op === 'all') {
        this.waitKind = WAITING_ALL;
        this.remaining = 1;
        this.wake(token, 0, undefined);
        return;
      }
    }
    this.waitKind = cmd.op === 'any' ? WAITING_ANY : WAITING_ALL;
    this.remaining = on.length;
    if (cmd.timeout !== NO_TIMEOUT) {
      if (!(cmd.timeout >= 0) || !Number.isInteger(cmd.timeout)) {
        throw new ProcessError(`process ${this.name}: timeout needs a whole number of microseconds >= 0, got ${cmd.timeout}`, this.name, sim.now);
      }
      sim.queue.push(sim.now + cmd.timeout, this, token);
    }
    for (let i = 0; i < on.length && this.token === token; i++) on[i]!.subscribe(this, token, i);
  }
}
