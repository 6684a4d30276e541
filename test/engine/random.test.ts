import { Rng } from '../../sim/engine/random.js';

describe('random streams', () => {
  test('same seed and name give the same sequence', () => {
    const a = new Rng(5).stream('workload'), b = new Rng(5).stream('workload');
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(new Set(xs).size).toBe(5);
  });

  test('a stream is the same object per name, and different seeds differ', () => {
    const rng = new Rng(5);
    expect(rng.stream('x')).toBe(rng.stream('x'));
    expect(new Rng(6).stream('x').next()).not.toBe(new Rng(5).stream('x').next());
  });

  test('drawing from one stream never shifts another', () => {
    const quiet = new Rng(11);
    const busy = new Rng(11);
    for (let i = 0; i < 1000; i++) busy.stream('workload').next();
    const q = Array.from({ length: 10 }, () => quiet.stream('network').next());
    const b = Array.from({ length: 10 }, () => busy.stream('network').next());
    expect(b).toEqual(q);
  });

  test('draws are reproducible across runs and versions (pinned values of seedrandom 3.0.5 Alea)', () => {
    // A change here (a seedrandom upgrade, another generator, another key format) changes every run's
    // outputs and fingerprints: these are the stream's first draws, computed once and kept.
    const s = new Rng(1).stream('pin');
    expect([s.next(), s.next(), s.next()]).toEqual([0.507159516638615, 0.6226598733626941, 0.18902785276876632]);
    const uuids = new Rng(1).stream('uuids');
    expect([uuids.next(), uuids.next()]).toEqual([0.5969130386651977, 0.3987391203621047]);
    expect(new Rng(5).stream('workload').next()).toBe(0.9221678365161502);
  });

  test('helpers stay in range and have the right means', () => {
    const s = new Rng(3).stream('helpers');
    const n = 20000;
    let sumU = 0, sumE = 0, sumN = 0, logSum = 0;
    const ints = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const u = s.uniform(2, 4);
      expect(u >= 2 && u < 4).toBe(true);
      sumU += u;
      const e = s.exponential(3);
      expect(e).toBeGreaterThanOrEqual(0);
      sumE += e;
      sumN += s.normal(10, 2);
      logSum += Math.log(s.lognormal(1, 0.5));
      const k = s.int(1, 6);
      ints.set(k, (ints.get(k) ?? 0) + 1);
    }
    expect(sumU / n).toBeCloseTo(3, 1);
    expect(sumE / n).toBeCloseTo(3, 1);
    expect(sumN / n).toBeCloseTo(10, 1);
    expect(logSum / n).toBeCloseTo(1, 1);
    expect([...ints.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    for (const c of ints.values()) expect(Math.abs(c - n / 6)).toBeLessThan(n / 6 * 0.1);
    expect(() => s.int(3, 2)).toThrow(RangeError);
  });

  test('choice and shuffle use the stream deterministically', () => {
    const a = new Rng(9).stream('pick'), b = new Rng(9).stream('pick');
    const items = ['h1', 'h2', 'h3', 'h4', 'h5'];
    expect(a.choice(items)).toBe(b.choice(items));
    const sa = a.shuffle([...items]), sb = b.shuffle([...items]);
    expect(sa).toEqual(sb);
    expect([...sa].sort()).toEqual(items);
    expect(() => a.choice([])).toThrow(/empty/);
  });
});
