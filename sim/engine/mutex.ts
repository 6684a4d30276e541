import type { Simulation } from './simulation.js';
import { Future } from './signal.js';

/**
 * A FIFO mutual-exclusion lock for processes: `yield waitFor(lock.acquire())`, then `lock.release()`.
 * Waiters get the lock in the order they asked (glusterd's big lock is a synclock with a FIFO of
 * waiting synctasks). There is no owner check on release: the model releases what it acquired. Given
 * the simulation, the lock remembers which process asked, and never hands itself to one that was
 * killed while waiting (it would stay locked forever).
 */
export class Mutex {
  private held = false;
  private readonly waiting: { future: Future<void>; waiter: { readonly alive: boolean } | undefined }[] = [];

  constructor(
    readonly name = 'mutex',
    private readonly sim?: Simulation,
  ) {}

  get locked(): boolean {
    return this.held;
  }

  /** Processes waiting for the lock. */
  get queued(): number {
    return this.waiting.length;
  }

  /** A future that resolves when the caller holds the lock (at once if it is free). */
  acquire(): Future<void> {
    const f = new Future<void>(`${this.name}.acquire`);
    if (!this.held) {
      this.held = true;
      f.resolve();
    } else {
      this.waiting.push({ future: f, waiter: this.sim?.current });
    }
    return f;
  }

  release(): void {
    if (!this.held) throw new Error(`${this.name}: release of a lock that is not held`);
    for (;;) {
      const next = this.waiting.shift();
      if (!next) {
        this.held = false;
        return;
      }
      if (next.waiter && !next.waiter.alive) continue;
      next.future.resolve(); // ownership passes straight to the next waiter
      return;
    }
  }
}
