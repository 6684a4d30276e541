/**
 * `shdsim swarm` batches, end to end through the command line in this process. A tiny event limit
 * makes every case fail the same, known way ("hang: event limit"), so these tests do not depend on
 * which model defects are fixed.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VERSION } from '../../sim/version.js';
import { generateScenario } from '../../sim/swarm/generator.js';
import { DEFAULT_LIMITS, runCase, replayText } from '../../sim/swarm/runner.js';
import { shrinkCase } from '../../sim/swarm/shrinker.js';
import { cli } from '../sweep/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'shdsim-swarm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TINY = ['--max-events', '60', '--no-shrink', '--workers', '1'];

describe('a batch', () => {
  test('writes swarm.json, one row per case in case order, and each failure as a scenario file; exit 1', async () => {
    const out = join(dir, 'b1');
    const r = await cli('swarm', '--seeds', '3', '--seed', '10', '--out', out, ...TINY);
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(join(out, 'swarm.json'), 'utf8'))).toEqual({ base_seed: 10, seeds: 3, modes: ['legacy', 'mux'], faults: [], max_events: 60, time_limit_s: 60, shard: null, version: VERSION });
    const rows = readFileSync(join(out, 'swarm.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('seed,mode,profile,verdict,signature,steps,events,sim_seconds,file');
    expect(rows.slice(1).map((l) => l.split(',').slice(0, 2).join('/'))).toEqual(['10/legacy', '10/mux', '11/legacy', '11/mux', '12/legacy', '12/mux']);
    expect(rows.slice(1).every((l) => l.includes(',fail,hang: event limit,'))).toBe(true);
    expect(readdirSync(join(out, 'failures')).sort()).toEqual(['seed-10-legacy.yaml', 'seed-10-mux.yaml', 'seed-11-legacy.yaml', 'seed-11-mux.yaml', 'seed-12-legacy.yaml', 'seed-12-mux.yaml']);
    const saved = readFileSync(join(out, 'failures', 'seed-11-mux.yaml'), 'utf8');
    expect(saved).toMatch(/^# shdsim swarm .*: seed 11, mode mux \(profile \w+, as generated\)\n# failure: hang: event limit\n/);
    expect(saved).toContain(`# replay: shdsim run ${join(out, 'failures', 'seed-11-mux.yaml')} --seed 11 --mode mux\n`);
    expect(r.out).toBe(
      `FAILED hang: event limit: 6 cases (10/legacy 10/mux 11/legacy 11/mux 12/legacy 12/mux)\n  ${join(out, 'failures/seed-10-legacy.yaml')}\n  replay: shdsim run ${join(out, 'failures/seed-10-legacy.yaml')} --seed 10 --mode legacy\n0 passed, 6 failed, 0 known\n`,
    );
    // The saved file replays the same failure.
    const replay = await cli('swarm', '--replay', join(out, 'failures', 'seed-11-mux.yaml'), '--seed', '11', '--mode', 'mux', '--max-events', '60');
    expect(replay.code).toBe(1);
    expect(replay.out.split('\n')[0]).toBe('[mux] FAILED hang: event limit');
  }, 60_000);

  test('resumes: a finished batch runs nothing again; another batch in the directory is refused', async () => {
    const out = join(dir, 'b2');
    await cli('swarm', '--seeds', '2', '--out', out, ...TINY);
    const before = readFileSync(join(out, 'swarm.csv'), 'utf8');
    const again = await cli('swarm', '--seeds', '2', '--out', out, ...TINY);
    expect(again.err).toContain('swarm: 4 cases (4 already in swarm.csv)');
    expect(readFileSync(join(out, 'swarm.csv'), 'utf8')).toBe(before);
    const other = await cli('swarm', '--seeds', '3', '--out', out, ...TINY);
    expect(other.code).toBe(2);
    expect(other.err).toBe(`shdsim: ${out} holds another swarm batch (its swarm.json differs: "seeds": 2, there, "seeds": 3, now); refusing to resume into it (use the arguments that made it, or another --out)\n`);
    // A half-written last row (a kill mid-write) is cut off and its case run again.
    const lines = before.split('\n');
    writeFileSync(join(out, 'swarm.csv'), `${lines.slice(0, 3).join('\n')}\n4,mu`);
    const resumed = await cli('swarm', '--seeds', '2', '--out', out, ...TINY);
    expect(resumed.err).toContain('swarm: 4 cases (2 already in swarm.csv)');
    expect(readFileSync(join(out, 'swarm.csv'), 'utf8')).toBe(before);
  }, 60_000);

  test('known failures are reported as known and do not fail the batch; shards take every n-th case', async () => {
    const known = join(dir, 'known.yaml');
    writeFileSync(known, "defects:\n  - id: loop\n    title: a tiny event limit\n    signatures: ['hang: event limit']\n  - id: 9\n    signatures: ['crash: never']\n");
    const out = join(dir, 'b3');
    const r = await cli('swarm', '--seeds', '3', '--shard', '2/2', '--known', known, '--out', out, ...TINY);
    expect(r.code).toBe(0);
    expect(r.out).toBe('KNOWN (defect loop) hang: event limit: 3 cases (1/mux 2/mux 3/mux)\nnote: known defect 9 (crash: never) did not occur in this batch\n0 passed, 0 failed, 3 known\n');
  }, 60_000);

  test('worker threads give the same swarm.csv as one thread', async () => {
    const a = join(dir, 'w1');
    const b = join(dir, 'w2');
    await cli('swarm', '--seeds', '3', '--out', a, '--max-events', '400', '--no-shrink', '--workers', '1');
    await cli('swarm', '--seeds', '3', '--out', b, '--max-events', '400', '--no-shrink', '--workers', '2');
    expect(readFileSync(join(b, 'swarm.csv'), 'utf8')).toBe(readFileSync(join(a, 'swarm.csv'), 'utf8'));
  }, 120_000);

  test('bad input: exit 2, nothing written', async () => {
    const out = join(dir, 'bad');
    for (const [args, message] of [
      [['--faults', 'F9'], "shdsim: --faults 'F9': expected F3, F4, F6 or one of attach-before-graph, first-child-down-cleanup, attach-dead-process\n"],
      [['--shard', '3/2'], "shdsim: --shard '3/2': expected i/n with 1 ≤ i ≤ n, such as 1/4\n"],
      [['--time-limit', 'soon'], "shdsim: --time-limit 'soon': expected a duration such as 60s or 5m, or 0 for none\n"],
      [['--seeds', '0'], 'shdsim: --seeds 0: expected a whole number ≥ 1\n'],
      [['--known', join(dir, 'missing.yaml')], `${join(dir, 'missing.yaml')}: cannot read the known-failures list: no such file\n`],
    ] as const) {
      const r = await cli('swarm', '--out', out, ...args);
      expect({ code: r.code, err: r.err }).toEqual({ code: 2, err: message });
    }
    expect(existsSync(out)).toBe(false);
  });
});

describe('shrinking', () => {
  test('keeps the signature, and no single step of the result can go', () => {
    const limits = { ...DEFAULT_LIMITS, maxEvents: 300 };
    const g = generateScenario(2);
    const c = { seed: 2, header: [], nodes: g.nodes, model: g.model, body: g.body };
    const first = runCase(c, 'mux', limits);
    expect(first.failure?.signature).toBe('hang: event limit');
    const s = shrinkCase(c, 'mux', 'hang: event limit', limits, 200);
    expect(s.runs).toBeLessThan(200);
    expect(s.outcome.failure?.signature).toBe('hang: event limit');
    expect(replayText('s.yaml', s.text, 2, 'mux', limits).failure?.signature).toBe('hang: event limit');
    const body = s.text.slice(s.text.indexOf('steps:\n') + 7).split('\n').filter((l) => l.startsWith('  - ')).map((l) => l.slice(4));
    expect(body.length).toBeLessThan(g.body.length);
    // 1-minimal: without any one of its steps (liveness frozen), it no longer fails this way.
    for (let i = 0; i < body.length; i++) {
      const lines = s.text.split('\n');
      const at = lines.indexOf(`  - ${body[i]}`);
      const text = [...lines.slice(0, at), ...lines.slice(at + 1)].join('\n');
      let sig: string | undefined;
      try {
        sig = replayText('s.yaml', text, 2, 'mux', limits).failure?.signature;
      } catch {
        sig = 'invalid';
      }
      expect(sig).not.toBe('hang: event limit');
    }
  }, 120_000);
});
