/**
 * What `run` and `check` tell the terminal: a per-mode summary on stderr and the report's path alone
 * (and last) on stdout; steps that failed at run time warned on stderr while the run completes (exit
 * 0); a progress line on a terminal only; `--trace-format chrome` beside the jsonl trace.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureIo, type Io } from '../../sim/cli/io.js';
import { main } from '../../sim/cli/main.js';
import { formatSimTime, runProgress } from '../../sim/cli/progress.js';
import { failureWarnings, summaryLines, type StepFailure } from '../../sim/cli/run-summary.js';
import { churnRun } from '../fixtures/runs/churn.js';

const FAILING = 'test/fixtures/scenarios/failing-steps.yaml';
const SMALL = 'test/fixtures/scenarios/e2e-small.yaml';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'shdsim-terminal-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[], io: Io & { stdout: string[]; stderr: string[] } = captureIo()) {
  const code = await main(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n'), stdout: io.stdout, stderr: io.stderr };
}

describe('run: the summary, then the report path', () => {
  test('stdout holds the path alone; stderr the per-mode figures, counts of failures and the headline', async () => {
    const out = join(tmp, 'fail');
    const r = await run(['run', FAILING, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toEqual([join(out, 'report.html')]);
    const err = r.stderr;
    const at = (prefix: string) => err.findIndex((l) => l.startsWith(prefix));
    expect(err).toContain('failing-steps · seed 1 · 342.2 ms simulated');
    expect(err).toContain('  legacy  nothing to heal · 3 shd starts · 3.3 KiB logged · peak shd 24.0 MiB · 4 operations (2 failed) · 1 other step failed · 1 expectation (0 failed)');
    expect(err).toContain('  mux     nothing to heal · 3 shd starts · 2.6 KiB logged · peak shd 24.0 MiB · 4 operations (2 failed) · 1 other step failed · 1 expectation (0 failed)');
    expect(err).toContain('Multiplexing cut log volume (3.3 KiB → 2.6 KiB). No headline figure got worse.');
    // the wall time last on stderr, after the summary
    expect(err[err.length - 1]).toMatch(/^ran failing-steps \(legacy, mux; seed 1\) in \d+\.\d s of wall time$/);
    expect(at('failing-steps · seed 1')).toBeLessThan(err.length - 1);
    expect(summaryLines(churnRun())[0]).toBe('churn-with-heal · seed 1 · 15.0 min simulated');
  }, 60_000);

  test('failed gluster commands and a touch after umount: warned on stderr with file:line, and the run completes', async () => {
    const r = await run(['run', FAILING, '--out', join(tmp, 'fail2'), '--mode', 'mux']);
    expect(r.code).toBe(0);
    expect(r.stderr.filter((l) => l.includes('warning'))).toEqual([
      `${FAILING}:8: [mux] warning: 'gluster volume start v9' failed at t=341.3ms: volume start: v9: failed: Volume v9 does not exist`,
      `${FAILING}:9: [mux] warning: 'gluster volume create v1 replica 2 h{1..3}:/bricks/v1' failed at t=341.75ms: volume create: v1: failed: number of bricks is not a multiple of replica count`,
      `${FAILING}:12: [mux] warning: 'touch /mnt/v0/f1' failed at t=342.2ms: touch: cannot touch '/mnt/v0/…': Transport endpoint is not connected`,
    ]);
    expect(existsSync(join(tmp, 'fail2', 'report.html'))).toBe(true);
  }, 60_000);

  test('failed expectations are listed (up to five per mode), with the count', () => {
    const lines = summaryLines(churnRun());
    expect(lines).toContain('  scenarios/churn-with-heal.yaml:27: [legacy] expect shd_starts(h1) <= 5 (observed 28 at t=15m)');
    expect(lines.find((l) => l.startsWith('  legacy'))).toContain('3 expectations (2 failed)');
    expect(lines.find((l) => l.startsWith('  mux'))).toContain('3 expectations (0 failed)');
  });

  test('many failed steps: five per mode, then how many more', () => {
    const many: StepFailure[] = Array.from({ length: 8 }, (_, i) => ({ mode: 'legacy', where: 's.yaml:3', text: `gluster volume start v${i}`, message: 'failed', at: i * 1e6 }));
    const w = failureWarnings(many, ['legacy', 'mux']);
    expect(w).toHaveLength(6);
    expect(w[0]).toBe("s.yaml:3: [legacy] warning: 'gluster volume start v0' failed at t=0s: failed");
    expect(w[5]).toBe('[legacy] warning: 3 more step(s) failed (8 in all; the gluster commands are in ops.csv)');
  });
});

describe('progress on a terminal, and only there', () => {
  test('a status line with the simulated time reached, redrawn at most every interval, cleared at the end', () => {
    const shown: string[] = [];
    let wall = 0;
    const p = runProgress((t) => shown.push(t), { intervalMs: 100, now: () => wall });
    let listener: (() => void) | undefined;
    const sim = { now: 0, events: 0, onTrace: (l: () => void) => ((listener = l), () => (listener = undefined)) };
    p.watch('[legacy] demo', sim);
    for (let i = 1; i <= 2048; i++) {
      sim.now = i * 1_000_000;
      sim.events = i * 3;
      if (i === 1024) wall = 150;
      listener!();
    }
    p.clear();
    // checked every 512 events: at 512 (wall 0: first draw), 1024 (wall 150: a draw), 1536, 2048 (too soon)
    expect(shown).toEqual(['[legacy] demo: simulated 8m32s, 1,536 events', '[legacy] demo: simulated 17m04s, 3,072 events', '']);
    expect(listener).toBeUndefined(); // unsubscribed
  });

  test('nothing without a terminal', async () => {
    const calls: string[] = [];
    const io = { ...captureIo(), status: (t: string) => void calls.push(t) };
    await run(['run', SMALL, '--out', join(tmp, 'quiet'), '--mode', 'mux'], io);
    expect(io.tty).toBe(false);
    expect(calls).toEqual([]);
  }, 60_000);

  test('simulated time for people', () => {
    expect(formatSimTime(12_300_000)).toBe('12.3s');
    expect(formatSimTime(245_000_000)).toBe('4m05s');
    expect(formatSimTime(3_723_000_000)).toBe('1h02m03s');
  });
});

describe('--trace-format chrome: a trace a trace viewer opens', () => {
  test('trace.json in the trace-event format: a process per mode, a thread per node, instants and process lifetimes', async () => {
    const out = join(tmp, 'trace');
    const r = await run(['run', SMALL, '--out', out, '--trace-format', 'both', '--seed', '3']);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'trace-legacy.jsonl'))).toBe(true);
    const doc = JSON.parse(readFileSync(join(out, 'trace.json'), 'utf8')) as { displayTimeUnit: string; otherData: Record<string, unknown>; traceEvents: Record<string, unknown>[] };
    expect(doc.displayTimeUnit).toBe('ms');
    expect(doc.otherData).toEqual({ scenario: 'e2e-small', seed: 3, version: expect.any(String), time_unit: 'simulated microseconds' });
    const ev = doc.traceEvents;
    expect(ev.filter((e) => e.name === 'process_name').map((e) => [e.pid, (e.args as { name: string }).name])).toEqual([
      [1, 'legacy'],
      [2, 'mux'],
    ]);
    const threads = ev.filter((e) => e.name === 'thread_name' && e.pid === 2).map((e) => (e.args as { name: string }).name);
    expect(threads).toEqual(expect.arrayContaining(['h1', 'h2', 'h3', 'op']));
    // every jsonl event is an instant event of its mode, in the same order
    const jsonl = readFileSync(join(out, 'trace-mux.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { t_us: number; kind: string; entity: string });
    const instants = ev.filter((e) => e.ph === 'i' && e.pid === 2);
    expect(instants.map((e) => [e.ts, e.name, (e.args as { entity: string }).entity])).toEqual(jsonl.map((e) => [e.t_us, e.kind, e.entity]));
    // shd lifetimes as async slices, every begin ended
    const begins = ev.filter((e) => e.ph === 'b' && e.cat === 'shd');
    const ends = ev.filter((e) => e.ph === 'e' && e.cat === 'shd');
    expect(begins.length).toBeGreaterThan(0);
    expect(ends.map((e) => `${e.pid}/${e.id}`).sort()).toEqual(begins.map((e) => `${e.pid}/${e.id}`).sort());
    // deterministic: the same run writes the same bytes
    const again = join(tmp, 'trace-again');
    await run(['run', SMALL, '--out', again, '--trace-format', 'chrome', '--seed', '3']);
    expect(readFileSync(join(again, 'trace.json'), 'utf8')).toBe(readFileSync(join(out, 'trace.json'), 'utf8'));
    expect(existsSync(join(again, 'trace-mux.jsonl'))).toBe(false); // chrome alone
  }, 120_000);
});
