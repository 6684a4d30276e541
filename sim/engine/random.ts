import seedrandom from 'seedrandom';

/**
 * Seeded randomness. One master seed; every consumer draws from its own named stream, seeded with
 * `<seed>/<name>`, so adding draws to one stream (say, the workload) never shifts another (say, the
 * network). Streams use seedrandom's Alea generator with 53-bit doubles.
 */
export class Rng {
  private readonly streams = new Map<string, RandomStream>();

  constructor(readonly seed: number | string) {}

  /** The stream called `name`; the same object on every call. */
  stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (!s) {
      s = new RandomStream(`${this.seed}/${name}`);
      this.streams.set(name, s);
    }
    return s;
  }
}

export class RandomStream {
  private readonly prng: seedrandom.PRNG;

  constructor(readonly key: string) {
    this.prng = seedrandom.alea(key);
  }

  /** Uniform in [0, 1), 53 bits. */
  next(): number {
    return this.prng.double();
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.prng.double();
  }

  /** Uniform integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number {
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) throw new RangeError(`int(${lo}, ${hi}): need integers lo <= hi`);
    return lo + Math.floor(this.prng.double() * (hi - lo + 1));
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.prng.double() < p;
  }

  /** Exponential with the given mean (not rate). */
  exponential(mean: number): number {
    // 1 - u is in (0, 1], so the log is finite.
    return -mean * Math.log(1 - this.prng.double());
  }

  /** Standard normal by Box-Muller (two draws per value; no cached spare, so a stream's state is just its PRNG). */
  normal(mean = 0, sd = 1): number {
    const u1 = 1 - this.prng.double();
    const u2 = this.prng.double();
    return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Lognormal: exp(N(mu, sigma)). The median is exp(mu). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** One element, uniformly. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('choice() from an empty list');
    return items[Math.floor(this.prng.double() * items.length)]!;
  }

  /** Fisher-Yates shuffle in place; returns the array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.prng.double() * (i + 1));
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    }
    return items;
  }
}
