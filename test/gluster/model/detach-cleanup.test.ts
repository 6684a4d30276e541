/**
 * Detach and graph cleanup in the multiplexed shd (reference §1.12, §7): the detach is answered at
 * once; the cleanup thread sends PARENT_DOWN, every client disables its rpc and the frames it had in
 * flight are unwound with ENOTCONN (one "forced unwinding" ERROR line each), the graph is freed after
 * the last CHILD_DOWN of every client, and no cleanup thread is left within 5 s
 * (`tests/basic/volume-scale-shd-mux.t`). The interrupted heals are retried on the new graph. With
 * `model.detach=drain` the in-flight frames finish first and none is unwound.
 *
 * Frames in flight come from data heals: a 1x3 volume written while h3's brick was down (8 files of
 * 64 MiB, shd-max-threads 4) starts healing when the brick returns; h1's healer takes the entries.
 */
import { Driver, S, rep3, type ScenarioOptions } from './helpers.js';

const HOSTS = ['h1', 'h2', 'h3'];
const UNWIND_KEY = 'saved_frames_unwind'; // the "forced unwinding" line (gf_log, no MSGID)

function healing(mode: 'mux' | 'legacy', opts: ScenarioOptions = {}): Driver {
  const d = new Driver(mode, opts);
  for (const s of [...rep3('v'), 'gluster volume set v cluster.shd-max-threads 4', 'mount v /mnt/v', 'kill-brick h3:/bricks/v', 'write /mnt/v files=8 size=64MiB']) {
    expect(d.exec(s).ok).toBe(true);
  }
  d.wait(S(30));
  // 8 files and their directory, on each of the two bricks that are up.
  expect(d.pending('v')).toBe(18);
  d.exec('gluster volume start v force');
  expect(d.until(() => d.inFlight('h1') + d.inFlight('h2') >= 4, S(30))).not.toBeNull();
  return d;
}

const sum = (f: (h: string) => number) => HOSTS.reduce((n, h) => n + f(h), 0);

/** Every node's detached graph cleaned up (`n` cleanups done on each) and no cleanup thread left. */
const cleanedUp = (d: Driver, n = 1) => () => HOSTS.every((h) => d.events('cleanup-done', h).length >= n && d.cleanups(h) === 0);

describe('mux: detach with every brick up (graph swap by add-brick)', () => {
  test('enotconn: the frames in flight are unwound, one forced-unwinding line each; cleanup done within 5 s; heals resume', () => {
    const d = healing('mux');
    expect(d.inFlight('h1')).toBeGreaterThan(0); // h1's healer took the entries
    const pid = d.shd('h1')!.pid;
    const unwound0 = sum((h) => d.unwound(h));
    const lines0 = d.logCount('h1', 'glustershd', UNWIND_KEY);
    const f = d.start('gluster volume add-brick v h{1..3}:/bricks/w');
    // The frames in flight at the moment h1's shd detaches the old graph (101218).
    expect(d.until(() => d.events('detach', 'h1').length === 1, S(5))).not.toBeNull();
    const inFlight = d.inFlight('h1');
    expect(inFlight).toBeGreaterThan(0);
    d.until(() => f.done, S(5));
    expect(f.value?.ok).toBe(true);
    expect(d.until(cleanedUp(d), S(5))).not.toBeNull();
    const unwound = d.unwound('h1') - unwound0;
    // Every frame in flight in the old graph when it was detached (h1's 4 heal frames) is unwound.
    expect(unwound).toBe(inFlight);
    expect(d.logCount('h1', 'glustershd', UNWIND_KEY) - lines0).toBe(unwound);
    expect(sum((h) => d.unwound(h)) - unwound0).toBe(unwound);
    // Same process; a new graph of the new topology (2x3: two healers per node).
    expect(d.shd('h1')!.pid).toBe(pid);
    expect(d.until(() => d.attached('v', 'h1') === 1, S(5))).not.toBeNull();
    expect(d.until(() => HOSTS.every((h) => d.healers(h) === 2), S(5))).not.toBeNull();
    expect(d.cluster.counters.cleanupDurations).toHaveLength(3);
    for (const t of d.cluster.counters.cleanupDurations) expect(t).toBeLessThanOrEqual(S(5));
    expect(d.cluster.counters.healsAborted).toBeGreaterThanOrEqual(1);
    expect(d.cluster.counters.framesLost).toBe(0);
    // The interrupted heals are retried on the new graph and everything heals.
    expect(d.until(() => d.pending('v') === 0, S(600))).not.toBeNull();
    const retried = d.cluster.heals.entries.filter((e) => e.attempts >= 2);
    expect(retried.length).toBeGreaterThanOrEqual(1);
    for (const e of d.cluster.heals.entries) expect(e.healedAt).not.toBeNull();
  });

  test('drain: none is unwound, and the cleanup waits for the frames in flight', () => {
    const fast = healing('mux');
    fast.exec('gluster volume add-brick v h{1..3}:/bricks/w');
    expect(fast.until(cleanedUp(fast), S(5))).not.toBeNull();
    const slow = healing('mux', { model: { detach: 'drain' } });
    const u0 = sum((h) => slow.unwound(h));
    slow.exec('gluster volume add-brick v h{1..3}:/bricks/w');
    expect(slow.until(cleanedUp(slow), S(30))).not.toBeNull();
    expect(sum((h) => slow.unwound(h)) - u0).toBe(0);
    expect(slow.logCount('h1', 'glustershd', UNWIND_KEY)).toBe(0);
    // h1's graph (the one with frames in flight) takes longer to clean up when it drains.
    const h1Duration = (d: Driver) => {
      const done = d.events('cleanup-done', 'h1')[0]!;
      const det = d.events('detach', 'h1')[0]!;
      return done.at - det.at;
    };
    expect(h1Duration(slow)).toBeGreaterThan(h1Duration(fast));
    expect(h1Duration(slow)).toBeLessThanOrEqual(S(30)); // model.drain_timeout
    expect(slow.until(() => slow.pending('v') === 0, S(600))).not.toBeNull();
  });

  test('legacy: the same add-brick restarts the shd; its frames are lost, not unwound', () => {
    const d = healing('legacy');
    const pid = d.shd('h1')!.pid;
    const inFlight = d.inFlight('h1') + d.inFlight('h2');
    d.exec('gluster volume add-brick v h{1..3}:/bricks/w');
    d.wait(S(5));
    expect(d.shd('h1')!.pid).not.toBe(pid);
    expect(sum((h) => d.unwound(h))).toBe(0);
    expect(d.cluster.counters.framesLost).toBeGreaterThanOrEqual(inFlight);
    expect(d.until(() => d.pending('v') === 0, S(600))).not.toBeNull();
  });
});

describe('mux: detach with some bricks down', () => {
  test('h2 down during the heals: cleanup completes after every client counted its last CHILD_DOWN', () => {
    const d = healing('mux');
    d.exec('kill-brick h2:/bricks/v');
    d.wait(100_000);
    const pid = d.shd('h1')!.pid;
    // The heals still read from h1 and write to h3.
    expect(d.inFlight('h1')).toBeGreaterThan(0);
    const u0 = d.unwound('h1');
    d.start('gluster volume add-brick v h{1..3}:/bricks/w');
    expect(d.until(() => d.events('detach', 'h1').length === 1, S(5))).not.toBeNull();
    const inFlight = d.inFlight('h1');
    expect(inFlight).toBeGreaterThan(0);
    expect(d.until(cleanedUp(d), S(5))).not.toBeNull();
    expect(d.unwound('h1') - u0).toBe(inFlight);
    expect(d.shd('h1')!.pid).toBe(pid); // no crash (that is fault F6)
    expect(d.cluster.counters.shdCrashes).toBe(0);
    d.exec('gluster volume start v force');
    expect(d.until(() => d.pending('v') === 0, S(600))).not.toBeNull();
  });
});

describe('mux: detach with every brick down (volume stop: its bricks go first)', () => {
  test('the bricks\' deaths unwind the frames; the detach finds nothing left in flight', () => {
    const d = healing('mux');
    for (const s of rep3('other')) d.exec(s);
    expect(d.inFlight('h1')).toBeGreaterThan(0);
    d.wait(100_000);
    const pid = d.shd('h1')!.pid;
    const u0 = d.unwound('h1');
    const inFlight = d.inFlight('h1');
    d.exec('gluster volume stop v');
    expect(d.until(cleanedUp(d), S(5))).not.toBeNull();
    expect(d.unwound('h1') - u0).toBeGreaterThanOrEqual(inFlight);
    expect(d.inFlight('h1')).toBe(0);
    expect(d.shd('h1')!.pid).toBe(pid);
    expect(d.attached('other', 'h1')).toBe(1);
    expect(d.attached('v', 'h1')).toBe(0);
    // The graph's cleanup: nothing in flight when it started, so it took next to nothing.
    for (const t of d.cluster.counters.cleanupDurations) expect(t).toBeLessThan(S(1));
  });
});
