import { EtaModel, formatEta, startProgress } from '../../sim/cli/progress.js';

describe('progress off a terminal: plain lines', () => {
  test('a line every interval with count, rate (this invocation only) and ETA, and one at the end', async () => {
    const lines: string[] = [];
    let now = 1000;
    // 10 runs, 2 of them already in sweep.csv (a resumed sweep).
    const p = startProgress({ total: 10, done: 2, line: (t) => lines.push(t), now: () => now, intervalMs: 20 });
    p.tick();
    p.tick();
    p.tick();
    now = 3000; // 3 runs in 2 s: 1.5 runs/s; 5 left → 3.3 s
    await new Promise((r) => setTimeout(r, 70));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines[0]).toBe('sweep: 5/10 runs, 1.5 runs/s, ETA 3s');
    for (let i = 0; i < 5; i++) p.tick();
    now = 9000; // 8 runs in 8 s
    const before = lines.length;
    p.finish();
    expect(lines.slice(before)).toEqual(['sweep: 10/10 runs, 1.0 runs/s, done in 8s']);
    await new Promise((r) => setTimeout(r, 50));
    expect(lines.length).toBe(before + 1); // the timer stopped
  });

  test('no rate before the first run ends', async () => {
    const lines: string[] = [];
    const p = startProgress({ total: 4, done: 0, line: (t) => lines.push(t), now: () => 0, intervalMs: 10 });
    await new Promise((r) => setTimeout(r, 40));
    p.stop();
    expect(lines[0]).toBe('sweep: 0/4 runs, 0.0 runs/s, 0s elapsed, ETA after the first run');
  });

  test('ETA format', () => {
    expect(formatEta(21.4)).toBe('21s');
    expect(formatEta(185)).toBe('3m05s');
    expect(formatEta(7440)).toBe('2h04m');
  });
});

describe('an ETA weighted by the runs\' lengths', () => {
  const shape = (index: number, point: number, size: number) => ({ index, group: `${point}/mux`, size });

  test('nothing to go by before the first run: no ETA, said plainly', () => {
    const m = new EtaModel([shape(0, 0, 10), shape(1, 1, 20)], 2);
    expect(m.eta()).toBeNull();
  });

  test('a run of a finished group takes that group\'s mean; other groups follow a power law of their size', () => {
    // points of 10, 20, 40 volumes; 10 took 2 s and 20 took 4 s: time ∝ size
    const m = new EtaModel([shape(0, 0, 10), shape(1, 1, 20), shape(2, 2, 40), shape(3, 2, 40), shape(4, 0, 10)], 1);
    m.finished(0, 2);
    m.finished(1, 4);
    // left: two runs of 40 (8 s each, fitted) and one of 10 (2 s, its group's mean), one worker
    expect(m.eta()).toBeCloseTo(18, 9);
    m.finished(2, 9);
    expect(m.eta()).toBeCloseTo(9 + 2, 9);
  });

  test('the work left is shared by the workers, but not by more than the runs left', () => {
    const m = new EtaModel([shape(0, 0, 1), shape(1, 0, 1), shape(2, 0, 1), shape(3, 0, 1)], 4);
    m.finished(0, 6);
    expect(m.eta()).toBeCloseTo(18 / 3, 9);
  });

  test('a point that costs nothing more as it grows: the fitted exponent is kept at 0, not negative', () => {
    const m = new EtaModel([shape(0, 0, 1), shape(1, 1, 100), shape(2, 2, 10000)], 1);
    m.finished(0, 5);
    m.finished(1, 1);
    expect(m.eta()).toBeCloseTo(Math.sqrt(5), 9); // the geometric mean of 5 s and 1 s, at any size
  });

  test('the plain line says how many are running and the weighted ETA', async () => {
    const lines: string[] = [];
    let now = 0;
    const p = startProgress({ total: 3, done: 0, pending: [shape(0, 0, 10), shape(1, 1, 20), shape(2, 2, 40)], concurrency: 1, line: (t) => lines.push(t), now: () => now, intervalMs: 10 });
    p.started(0);
    now = 2000;
    p.tick(0);
    p.started(1);
    await new Promise((r) => setTimeout(r, 30));
    p.stop();
    // 2 s for 10 volumes; 20 and 40 left: 4 s + 8 s
    expect(lines[0]).toBe('sweep: 1/3 runs, 0.5 runs/s, 1 running, ETA 12s');
  });
});
