import type { Micros } from './time.js';

/**
 * Something the queue can wake. `token` lets one target be scheduled many times while only the latest
 * entry counts: a target ignores (returns false from `fire`) any entry whose token it has moved past.
 * That is how cancellation works without searching the heap: bump the token and the entry goes stale.
 */
export interface Target {
  /** Runs the event; returns false when the entry was stale (cancelled), so it does not count. */
  fire(token: number): boolean;
  /** A label for error messages ("which event broke the invariant"). */
  readonly label: string;
}

/**
 * The future event list: a binary min-heap ordered by (time, insertion sequence), so events at the same
 * instant run first-in first-out. Struct of arrays (typed arrays for the keys, a plain array for the
 * targets) because comparing numbers in typed arrays is about twice as fast as chasing object fields
 * once the heap holds 100,000 entries, and pushing an entry allocates nothing.
 */
export class EventQueue {
  private times: Float64Array;
  private seqs: Float64Array;
  private tokens: Float64Array;
  private targets: (Target | undefined)[];
  private n = 0;
  private nextSeq = 0;

  /** Target and token of the entry removed by the last `pop()`. */
  poppedTarget: Target | undefined = undefined;
  poppedToken = 0;

  constructor(capacity = 1024) {
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.tokens = new Float64Array(capacity);
    this.targets = new Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /** Entries pushed so far: the next insertion sequence number. */
  get pushed(): number {
    return this.nextSeq;
  }

  peekTime(): Micros {
    return this.n > 0 ? this.times[0]! : Infinity;
  }

  push(time: Micros, target: Target, token: number): void {
    if (this.n === this.times.length) this.grow();
    const seq = this.nextSeq++;
    const times = this.times, seqs = this.seqs, tokens = this.tokens, targets = this.targets;
    // Sift up: move parents down until the slot for (time, seq) is found.
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p]!;
      if (pt < time || (pt === time && seqs[p]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[p]!;
      tokens[i] = tokens[p]!;
      targets[i] = targets[p];
      i = p;
    }
    times[i] = time;
    seqs[i] = seq;
    tokens[i] = token;
    targets[i] = target;
  }

  /** Removes the earliest entry; its time is returned, its target and token land in `popped*`. */
  pop(): Micros {
    const times = this.times, seqs = this.seqs, tokens = this.tokens, targets = this.targets;
    const top = times[0]!;
    this.poppedTarget = targets[0];
    this.poppedToken = tokens[0]!;
    const last = --this.n;
    if (last > 0) {
      // Sift the last entry down from the root.
      const t = times[last]!, s = seqs[last]!, k = tokens[last]!, g = targets[last];
      let i = 0;
      const half = last >> 1;
      while (i < half) {
        let c = 2 * i + 1;
        const r = c + 1;
        if (r < last && (times[r]! < times[c]! || (times[r] === times[c] && seqs[r]! < seqs[c]!))) c = r;
        const ct = times[c]!;
        if (t < ct || (t === ct && s < seqs[c]!)) break;
        times[i] = ct;
        seqs[i] = seqs[c]!;
        tokens[i] = tokens[c]!;
        targets[i] = targets[c];
        i = c;
      }
      times[i] = t;
      seqs[i] = s;
      tokens[i] = k;
      targets[i] = g;
    }
    targets[last] = undefined; // let the target be collected
    return top;
  }

  clear(): void {
    this.targets.fill(undefined, 0, this.n);
    this.n = 0;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const times = new Float64Array(cap);
    times.set(this.times);
    const seqs = new Float64Array(cap);
    seqs.set(this.seqs);
    const tokens = new Float64Array(cap);
    tokens.set(this.tokens);
    this.times = times;
    this.seqs = seqs;
    this.tokens = tokens;
    this.targets.length = cap;
  }
}
