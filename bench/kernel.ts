import { Simulation } from '../sim/engine/simulation.js';
import { sleep, type ProcessBody } from '../sim/engine/process.js';
import { RandomStream } from '../sim/engine/random.js';
import { Activity } from '../sim/engine/scope.js';
import type { Workload } from './harness.js';

const PROCS = 1000;
const SLEEPS = 1000;
const MEAN_US = 1000;

/** 1,000 generator processes, each doing 1,000 exponential sleeps: 1e6 process wake-ups. */
export const timeouts: Workload = {
  name: 'timeouts',
  run() {
    const sim = new Simulation({ seed: 1 });
    const r = sim.rng.stream('bench');
    for (let p = 0; p < PROCS; p++) {
      sim.spawn(`p${p}`, (function* (): ProcessBody {
        for (let i = 0; i < SLEEPS; i++) yield sleep(Math.round(r.exponential(MEAN_US)));
      })());
    }
    sim.run();
    return { events: sim.events };
  },
};

/**
 * 100,000 pending events, 1e6 pops, each rescheduling itself: 100k `Activity` objects (the kernel's
 * primitive for an entity that is its own event) re-arming themselves with exponential delays.
 */
export const hold100k: Workload = {
  name: 'hold-100k',
  run() {
    const sim = new Simulation({ seed: 1 });
    const r = sim.rng.stream('bench');
    const PENDING = 100_000;
    const POPS = 1_000_000;
    let pops = 0;
    class Hold extends Activity {
      protected onFire(): void {
        // keep 100k pending until the last 100k pops drain the queue
        if (++pops <= POPS - PENDING) this.arm(Math.round(r.exponential(MEAN_US)));
      }
    }
    for (let i = 0; i < PENDING; i++) new Hold(sim.root, 'hold').arm(Math.round(r.exponential(MEAN_US)));
    sim.run();
    return { events: sim.events };
  },
};

/**
 * The practical ceiling: a bare binary heap of closures (array of objects, no tokens, no scopes,
 * no generators) running the `timeouts` pattern with the same random draws.
 */
export const baselineHeap: Workload = {
  name: 'baseline-heap',
  run() {
    interface Ev { t: number; s: number; f: () => void }
    const heap: Ev[] = [];
    let seq = 0;
    const less = (a: Ev, b: Ev) => a.t < b.t || (a.t === b.t && a.s < b.s);
    const push = (e: Ev) => {
      let i = heap.length;
      heap.push(e);
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!less(e, heap[p]!)) break;
        heap[i] = heap[p]!;
        i = p;
      }
      heap[i] = e;
    };
    const pop = (): Ev => {
      const top = heap[0]!;
      const last = heap.pop()!;
      if (heap.length > 0) {
        let i = 0;
        const n = heap.length;
        for (;;) {
          let c = 2 * i + 1;
          if (c >= n) break;
          if (c + 1 < n && less(heap[c + 1]!, heap[c]!)) c++;
          if (!less(heap[c]!, last)) break;
          heap[i] = heap[c]!;
          i = c;
        }
        heap[i] = last;
      }
      return top;
    };
    const r = new RandomStream('1/bench');
    let now = 0, events = 0;
    for (let p = 0; p < PROCS; p++) {
      let left = SLEEPS;
      const step = (): void => {
        if (left-- > 0) push({ t: now + Math.round(r.exponential(MEAN_US)), s: seq++, f: step });
      };
      push({ t: 0, s: seq++, f: step });
    }
    while (heap.length > 0) {
      const e = pop();
      now = e.t;
      e.f();
      events++;
    }
    return { events };
  },
};
