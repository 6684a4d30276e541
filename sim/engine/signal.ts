/**
 * Things a process can wait on.
 *
 * - `Signal` is a condition variable: `fire()` wakes every process waiting *now* and remembers nothing,
 *   like `pthread_cond_broadcast`. A process that starts waiting after the fire waits for the next one.
 * - `Future` is a one-shot latch with a value (an RPC reply, a process exit): once resolved, every
 *   present and future wait returns its value at once.
 *
 * Waking is never synchronous: the woken process is put on the event queue at the current time, after
 * everything already scheduled for that instant, so the order of a run depends only on the queue.
 */

/** The waiting side, implemented by `Process`; kept minimal so this file needs nothing else. */
export interface Waiter {
  /** Current wait token; a registration made with an older token is stale. */
  readonly token: number;
  /** Called by a waitable when the registration (token, slot) is satisfied with `value`. */
  wake(token: number, slot: number, value: unknown): void;
}

export interface Waitable {
  /** Registers `waiter` for one wake-up; may call `waiter.wake` immediately if already satisfied. */
  subscribe(waiter: Waiter, token: number, slot: number): void;
}

/** Above this many registrations, stale ones (from waits that ended another way) are swept out. */
const COMPACT_AT = 32;

export class Signal<T = void> implements Waitable {
  private waiters: Waiter[] = [];
  private tokens: number[] = [];
  private slots: number[] = [];
  private compactAt = COMPACT_AT;

  constructor(readonly name = 'signal') {}

  /** Number of processes currently waiting on this signal. */
  get waiting(): number {
    let n = 0;
    for (let i = 0; i < this.waiters.length; i++) if (this.waiters[i]!.token === this.tokens[i]) n++;
    return n;
  }

  subscribe(waiter: Waiter, token: number, slot: number): void {
    if (this.waiters.length >= this.compactAt) this.compact();
    this.waiters.push(waiter);
    this.tokens.push(token);
    this.slots.push(slot);
  }

  /** Wakes every process waiting now; returns how many were woken. */
  fire(value?: T): number {
    const waiters = this.waiters, tokens = this.tokens, slots = this.slots;
    if (waiters.length === 0) return 0;
    this.waiters = [];
    this.tokens = [];
    this.slots = [];
    let woken = 0;
    for (let i = 0; i < waiters.length; i++) {
      const w = waiters[i]!;
      if (w.token !== tokens[i]) continue;
      w.wake(tokens[i]!, slots[i]!, value);
      woken++;
    }
    return woken;
  }

  private compact(): void {
    let j = 0;
    for (let i = 0; i < this.waiters.length; i++) {
      if (this.waiters[i]!.token !== this.tokens[i]) continue;
      this.waiters[j] = this.waiters[i]!;
      this.tokens[j] = this.tokens[i]!;
      this.slots[j] = this.slots[i]!;
      j++;
    }
    this.waiters.length = this.tokens.length = this.slots.length = j;
    // Many live waiters: raise the threshold so compaction stays amortised O(1) per subscribe.
    this.compactAt = Math.max(COMPACT_AT, 2 * j);
  }
}

export class Future<T = void> implements Waitable {
  private signal: Signal<T>;
  private _done = false;
  private _value: T | undefined = undefined;

  constructor(readonly name = 'future') {
    this.signal = new Signal<T>(name);
  }

  get done(): boolean {
    return this._done;
  }

  /** The resolved value; undefined until resolved. */
  get value(): T | undefined {
    return this._value;
  }

  /** Resolves once; later calls are ignored and return false. */
  resolve(value: T): boolean {
    if (this._done) return false;
    this._done = true;
    this._value = value;
    this.signal.fire(value);
    return true;
  }

  subscribe(waiter: Waiter, token: number, slot: number): void {
    if (this._done) waiter.wake(token, slot, this._value);
    else this.signal.subscribe(waiter, token, slot);
  }
}
