/**
 * GlusterFS 7 faults (reference §5, §7; `model.faults`), each run with and without the fault on the
 * same sequence:
 * - F4 `attach-before-graph` (bz#1727256): an attach that reaches a starting shd before its first graph
 *   exists is skipped but acknowledged: glusterd shows the volume online, nothing heals it.
 * - F6 `first-child-down-cleanup` (bz#1727329): a detach frees the graph at the first CHILD_DOWN that
 *   reaches its top; with a set already down and another set's frames in flight, their unwinding
 *   touches freed memory: SIGSEGV.
 * - F3 `attach-dead-process` (bz#1728766): glusterd attaches a new volume to a dead process still in
 *   its list: 15 tries a second apart, "attach failed", and no shd on that node.
 */
import { Driver, S, rep3 } from './helpers.js';

const HOSTS = ['h1', 'h2', 'h3'];

describe('F4 attach-before-graph', () => {
  /** A slow shd start (4 s): the second volume's attach arrives before the first graph is built. */
  function run(faulty: boolean): Driver {
    const d = new Driver('mux', { model: { process_start_time: '4s', ...(faulty ? { faults: ['attach-before-graph'] } : {}) } });
    for (const s of [...rep3('v1', false), ...rep3('v2', false), 'gluster volume start v1', 'gluster volume start v2']) expect(d.exec(s).ok).toBe(true);
    d.wait(S(20));
    return d;
  }

  test('with the fault: acknowledged (online, pid shown) but not attached, and no healer for it', () => {
    const d = run(true);
    for (const h of HOSTS) {
      const pid = d.shd(h)!.pid;
      expect(d.shdPid('v2', h)).toBe(pid);
      expect(d.attached('v1', h)).toBe(1);
      expect(d.attached('v2', h)).toBe(0);
      expect(d.healers(h)).toBe(1); // v1's only
      expect(d.logCount(h, 'glustershd', '100041')).toBe(2); // received attach + "got attach … but no active graph"
      expect(d.logCount(h, 'glusterd', '106617')).toBe(1); // "attached successfully"
    }
    // Entries of v2 are never healed: the files written while h3's brick is down stay pending.
    d.exec('mount v2 /mnt/v2');
    d.exec('kill-brick h3:/bricks/v2');
    d.exec('touch /mnt/v2/f{1..5}');
    d.exec('kill-node h3');
    d.exec('start-glusterd h3'); // h3's brick back (its glusterd's manager attaches v2 on h3 only)
    d.wait(S(700));
    expect(d.pending('v2')).toBe(12);
    // The next manager call for v2 (start force) attaches it for real, and it heals.
    d.exec('gluster volume start v2 force');
    expect(d.until(() => d.pending('v2') === 0, S(80))).not.toBeNull();
    for (const h of HOSTS) expect(d.attached('v2', h)).toBe(1);
  });

  test('without it (GlusterFS 8+): the attach builds the parent graph itself', () => {
    const d = run(false);
    for (const h of HOSTS) {
      expect(d.attached('v2', h)).toBe(1);
      expect(d.healers(h)).toBe(2);
    }
  });
});

describe('F6 first-child-down-cleanup', () => {
  /**
   * A 2x2 volume healed from h1 only (its h2 bricks were down during the writes), then its second set
   * goes down entirely while the first set's heals are in flight, and add-brick swaps the graph. In
   * GlusterFS 7 the second set's replicate xlator has no child up, so the first CHILD_DOWN at the top
   * comes from it at once: the graph is freed while the first set's frames are still live.
   */
  function run(faulty: boolean): Driver {
    const d = new Driver('mux', faulty ? { model: { faults: ['first-child-down-cleanup'] } } : {});
    const steps = [
      'gluster volume create v replica 2 h1:/bricks/va h2:/bricks/va h1:/bricks/vb h2:/bricks/vb',
      'gluster volume start v',
      'gluster volume set v cluster.shd-max-threads 4',
      'mount v /mnt/v',
      'kill-brick h2:/bricks/va h2:/bricks/vb',
      'write /mnt/v files=16 size=64MiB',
    ];
    for (const s of steps) expect(d.exec(s).ok).toBe(true);
    d.wait(S(30));
    d.exec('gluster volume start v force');
    expect(d.until(() => d.inFlight('h1') > 0, S(30))).not.toBeNull();
    d.exec('kill-brick h1:/bricks/vb h2:/bricks/vb'); // the second set is down when the graph goes
    d.wait(100_000);
    expect(d.inFlight('h1')).toBeGreaterThan(0);
    d.exec('gluster volume add-brick v h1:/bricks/vc h2:/bricks/vc');
    d.wait(S(5));
    return d;
  }

  test('with the fault: the shd with frames in flight crashes (SIGSEGV) during the cleanup', () => {
    const f = run(true);
    expect(f.shdCount('h1')).toBe(0);
    expect(f.cluster.counters.shdCrashes).toBe(1);
    expect(f.events('shd-crash', 'h1')).toHaveLength(1);
    expect(f.logCount('h1', 'glustershd', 'crash')).toBeGreaterThan(0);
    // h2's shd had nothing to heal (its bricks were the sinks): no frames, no crash.
    expect(f.shdCount('h2')).toBe(1);
    // glusterd never restarts a dead shd by itself.
    f.wait(S(60));
    expect(f.shdCount('h1')).toBe(0);
  });

  test('without it (GlusterFS 8+): the graph waits for every client\'s last CHILD_DOWN; no crash', () => {
    const d = run(false);
    for (const h of HOSTS) expect(d.shdCount(h)).toBe(1);
    expect(d.cluster.counters.shdCrashes).toBe(0);
    expect(d.events('cleanup-done', 'h1')).toHaveLength(1);
  });

  test('with the fault but one replica set with every brick up: its down reaches the top only after every client unwound; no crash', () => {
    const d = new Driver('mux', { model: { faults: ['first-child-down-cleanup'] } });
    for (const s of [...rep3('v'), 'gluster volume set v cluster.shd-max-threads 4', 'mount v /mnt/v', 'kill-brick h3:/bricks/v', 'write /mnt/v files=8 size=64MiB']) d.exec(s);
    d.wait(S(30));
    d.exec('gluster volume start v force');
    expect(d.until(() => d.inFlight('h1') > 0, S(30))).not.toBeNull();
    const unwound0 = d.cluster.counters.framesUnwound;
    d.exec('gluster volume add-brick v h{1..3}:/bricks/w');
    d.wait(S(5));
    expect(d.cluster.counters.shdCrashes).toBe(0);
    expect(d.cluster.counters.framesUnwound).toBeGreaterThan(unwound0); // its frames were unwound, safely
    for (const h of HOSTS) expect(d.shdCount(h)).toBe(1);
  });
});

describe('F3 attach-dead-process', () => {
  function run(faulty: boolean, host = 'h1') {
    const d = new Driver('mux', faulty ? { model: { faults: ['attach-dead-process'] } } : {});
    for (const s of rep3('v1')) d.exec(s);
    d.wait(S(10));
    // The shd on `host` dies (kill -9 <pid>); glusterd only notices the disconnect.
    d.shd(host)!.signal('KILL');
    d.wait(S(10));
    expect(d.shdCount(host)).toBe(0);
    d.exec('gluster volume create v4 replica 3 h{1..3}:/bricks/v4');
    const r = d.exec('gluster volume start v4');
    d.wait(S(10));
    return { d, r };
  }

  test('with the fault: 15 tries 1 s apart on the dead process, "attach failed", no shd on h1', () => {
    const { d, r } = run(true);
    // glusterd_op_start_volume returns the shd manager's error: the CLI reports the commit failure of
    // h1 (the originator: "localhost"), but the volume is started (bz#1728766's title).
    expect(r).toMatchObject({ ok: false, message: 'volume start: v4: failed: Commit failed on localhost. Please check log file for details.' });
    expect(d.cluster.store.get('v4')?.started).toBe(true);
    expect(d.logCount('h1', 'glusterd', '106498')).toBe(15);
    expect(d.cluster.counters.attachFailures).toBe(1);
    expect(d.logCount('h1', 'glusterd', '106048')).toBe(1); // Failed to attach shd svc(volume=v4)
    // 15 one-second sleeps on h1; h2 and h3 attach at once, so the commit waits for h1.
    expect(r.latency).toBeGreaterThanOrEqual(S(15));
    expect(r.latency).toBeLessThan(S(16));
    expect(d.shdCount('h1')).toBe(0);
    expect(d.attached('v4', 'h1')).toBe(0);
    expect(d.attached('v4', 'h2')).toBe(1);
  });

  test('with the fault: after the failed attach the volume\'s pidfile is gone (glusterd_shd_svcproc_cleanup unlinks it)', () => {
    const { d } = run(true);
    expect(d.pidfile('v4', 'h1')).toBe(0);
    expect(d.cluster.node('h1').runFiles.has('/var/run/gluster/shd/v4/v4-shd.pid')).toBe(false);
    expect(d.pidfile('v4', 'h2')).toBe(d.shd('h2')!.pid);
  });

  test('with the fault: a volume whose own shd was killed gets a new one at its next manager call (7.x cleans up its svc first)', () => {
    const { d } = run(true);
    // v1's svc was inited on the dead process: glusterd_shd_svc_mux_init (7.0 and later) sees the
    // process is not running, cleans the svc up (the dead process object, now empty, is dropped
    // with it) and starts over with a new process. Only a never-inited svc meets F3.
    const r = d.exec('gluster volume start v1 force');
    expect(r).toMatchObject({ ok: true, message: 'volume start: v1: success' });
    expect(d.until(() => d.attached('v1', 'h1') === 1, S(10))).not.toBeNull();
    expect(d.shdCount('h1')).toBe(1);
  });

  test('with the fault: stopping a volume left on the dead process tries 15 detaches and logs "detach failed" (heketi#1870)', () => {
    for (const faulty of [true, false]) {
      const d = new Driver('mux', faulty ? { model: { faults: ['attach-dead-process'] } } : {});
      for (const s of [...rep3('v1'), ...rep3('v2')]) d.exec(s);
      d.wait(S(10));
      d.shd('h1')!.signal('KILL');
      d.wait(S(10));
      const r = d.exec('gluster volume stop v2');
      expect(r).toMatchObject({ ok: true, message: 'volume stop: v2: success' });
      if (faulty) {
        // 7.x: v2's svc is cleaned up and re-inited on the first process in the list — the dead one —
        // with a copy of its pidfile; the stop finds a pid there and sends the detach, 15 × 1 s.
        expect(d.logCount('h1', 'glusterd', '106619')).toBe(1); // removing svc …
        expect(d.logCount('h1', 'glusterd', '106620')).toBe(1); // detach failed for glustershd(volume=v2)
        expect(d.logCount('h1', 'glusterd', '106570')).toBe(1); // shd service is failed to detach volume v2
        expect(r.latency).toBeGreaterThanOrEqual(S(15));
        expect(r.latency).toBeLessThan(S(16));
      } else {
        expect(d.logCount('h1', 'glusterd', '106620')).toBe(0);
        expect(r.latency).toBeLessThan(S(1));
      }
      expect(d.pidfile('v2', 'h1')).toBe(0);
    }
  });

  test('with the fault on a peer: the CLI names the peer whose commit failed', () => {
    const { d, r } = run(true, 'h2');
    expect(r).toMatchObject({ ok: false, message: 'volume start: v4: failed: Commit failed on h2. Please check log file for details.' });
    expect(d.attached('v4', 'h1')).toBe(1);
    expect(d.attached('v4', 'h2')).toBe(0);
  });

  test('without it (GlusterFS 8+): a dead process is not attachable; a new shd is spawned for v4', () => {
    const { d, r } = run(false);
    expect(r).toMatchObject({ ok: true, message: 'volume start: v4: success' });
    expect(d.logCount('h1', 'glusterd', '106498')).toBe(0);
    expect(r.latency).toBeLessThan(S(1));
    expect(d.shdCount('h1')).toBe(1);
    expect(d.attached('v4', 'h1')).toBe(1);
    // v1 stays unattached until its next manager call: glusterd does not restart a dead shd itself.
    expect(d.attached('v1', 'h1')).toBe(0);
    d.exec('gluster volume start v1 force');
    expect(d.until(() => d.attached('v1', 'h1') === 1, S(20))).not.toBeNull();
  });
});

test('legacy mode has none of these code paths: the faults change nothing', () => {
  const run = (faults: string[]) => {
    const d = new Driver('legacy', { model: { process_start_time: '4s', faults } });
    for (const s of [...rep3('v1', false), ...rep3('v2', false), 'gluster volume start v1', 'gluster volume start v2']) d.exec(s);
    d.wait(S(30));
    return { attached: HOSTS.map((h) => d.attached('v2', h)), fp: d.model.sim.fingerprint };
  };
  const with3 = run(['attach-before-graph', 'first-child-down-cleanup', 'attach-dead-process']);
  const without = run([]);
  expect(with3.attached).toEqual([1, 1, 1]);
  expect(with3).toEqual(without);
});
