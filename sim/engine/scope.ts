import type { Target } from './queue.js';
import { Process, type ProcessBody } from './process.js';
import type { Micros } from './time.js';
import type { Simulation } from './simulation.js';

/**
 * Something that is its own event: subclass it and implement `onFire()`. It can be armed, re-armed
 * (moving it) and cancelled any number of times, so a periodic action — a reconnect every 3 s, a
 * heal-timeout wait, a frame waiting for its reply — is one object for its whole life, allocating
 * nothing per event. Cancelling or re-arming bumps the token, which turns the old queue entry stale;
 * it is skipped when popped. A killed scope disarms its activities lazily.
 */
export abstract class Activity implements Target {
  private token = 0;
  private armed = false;
  private when: Micros = 0;

  constructor(
    protected readonly scope: Scope,
    readonly label: string,
  ) {}

  /** True while armed and its scope is alive. */
  get pending(): boolean {
    return this.armed && this.scope.alive;
  }

  /** When it will fire (meaningful while pending). */
  get at(): Micros {
    return this.when;
  }

  protected abstract onFire(): void;

  fire(token: number): boolean {
    if (token !== this.token || !this.armed || !this.scope.alive) return false;
    this.armed = false;
    this.onFire();
    return true;
  }

  /** Arms (or re-arms) `delay` µs from now. */
  arm(delay: Micros): this {
    if (!(delay >= 0) || !Number.isInteger(delay)) throw new RangeError(`${this.label}: delay must be a whole number of microseconds >= 0, got ${delay}`);
    return this.armAt(this.scope.sim.now + delay);
  }

  /** Arms (or re-arms) at absolute time `time`, not in the past. */
  armAt(time: Micros): this {
    const sim = this.scope.sim;
    if (!this.scope.alive) throw new Error(`cannot arm ${this.label}: scope ${this.scope.name} was killed`);
    if (time < sim.now) throw new RangeError(`cannot schedule ${this.label} at t=${time}us, before now (t=${sim.now}us)`);
    this.armed = true;
    this.when = time;
    sim.queue.push(time, this, ++this.token);
    return this;
  }

  cancel(): void {
    if (!this.armed) return;
    this.armed = false;
    this.token++;
  }
}

/** An activity that runs a callback: the convenient form for one-off and occasional events. */
export class Timer extends Activity {
  constructor(
    scope: Scope,
    private readonly fn: () => void,
    label: string,
  ) {
    super(scope, label);
  }

  protected onFire(): void {
    this.fn();
  }
}

/**
 * A scope owns processes, timers and child scopes, and can kill all of them at once. This is how the
 * model's operating-system processes are built: an shd process is a scope; its healer threads,
 * reconnect timers and in-flight frames live inside it, and SIGKILL is `scope.kill()` — nothing of it
 * runs afterwards, and no cleanup code is run.
 */
export class Scope {
  private _alive = true;
  private readonly procs = new Set<Process<unknown>>();
  private readonly children = new Set<Scope>();

  constructor(
    readonly sim: Simulation,
    readonly name: string,
    readonly parent: Scope | undefined = undefined,
  ) {}

  get alive(): boolean {
    return this._alive;
  }

  /** Live processes directly in this scope. */
  get processCount(): number {
    return this.procs.size;
  }

  /** Starts a process at the current time (after what is already queued for this instant). */
  spawn<T>(name: string, body: ProcessBody<T>): Process<T> {
    this.assertAlive(`spawn ${name}`);
    const p = new Process<T>(this.sim, this, name, body);
    this.procs.add(p as Process<unknown>);
    p.start();
    return p;
  }

  /** Runs `fn` after `delay` µs. */
  schedule(delay: Micros, fn: () => void, label = 'timer'): Timer {
    return this.timer(fn, label).arm(delay);
  }

  /** Runs `fn` at absolute time `time` (not in the past). */
  at(time: Micros, fn: () => void, label = 'timer'): Timer {
    return this.timer(fn, label).armAt(time);
  }

  /** A timer in this scope, not yet armed. */
  timer(fn: () => void, label = 'timer'): Timer {
    this.assertAlive(`create ${label}`);
    return new Timer(this, fn, label);
  }

  /** A child scope, killed with this one. */
  child(name: string): Scope {
    this.assertAlive(`create scope ${name}`);
    const s = new Scope(this.sim, name, this);
    this.children.add(s);
    return s;
  }

  /** Kills every process, timer and child scope in this scope. Idempotent. */
  kill(): void {
    if (!this._alive) return;
    this._alive = false;
    for (const c of [...this.children]) c.kill();
    for (const p of [...this.procs]) p.kill();
    this.parent?.children.delete(this);
  }

  /** Called by a process when it ends, so the scope does not keep it. */
  forget(p: Process<unknown>): void {
    this.procs.delete(p);
  }

  private assertAlive(what: string): void {
    if (!this._alive) throw new Error(`cannot ${what}: scope ${this.name} was killed`);
  }
}
