import { formatEta, startProgress } from '../../sim/cli/progress.js';

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
