/**
 * Healing and heal info (reference §3.1, §3.2, §4): index entries per (brick, gfid) for files written
 * while a brick of their set was down and for their directory; healing after the brick returns; heal
 * latency (healed − healable); parallelism by cluster.shd-max-threads; the index healer's triggers —
 * CHILD_UP, `volume heal V`, a heal-timeout change or re-enable (7ebb205c80, in 7.0 and 6.10), or
 * heal-timeout (600 s) expiring — and the 1 s pause between sweeps that heal something;
 * `heal V disable/enable/full`; EC's need for more than its data fragments; client quorum on writes.
 */
import { AFR_DEFAULTS } from '../../../sim/gluster/shd/cluster-xlator.js';
import { SWEEP_PAUSE } from '../../../sim/gluster/shd/healer.js';
import { Driver, MODES, S, rep3, recordSweeps } from './helpers.js';

const HOSTS = ['h1', 'h2', 'h3'];

let rec: ReturnType<typeof recordSweeps>;
beforeEach(() => {
  rec = recordSweeps();
});
afterEach(() => rec.restore());

test('reference constants: heal-timeout 600 s, shd-max-threads 1, 1 s between sweeps', () => {
  expect(AFR_DEFAULTS.healTimeout).toBe(600);
  expect(AFR_DEFAULTS.maxThreads).toBe(1);
  expect(SWEEP_PAUSE).toBe(S(1));
});

/** A 1x3 volume `v` mounted on /mnt/v, with h3's brick killed. */
function degraded(mode: (typeof MODES)[number], extra: string[] = []): Driver {
  const d = new Driver(mode);
  for (const s of [...rep3('v'), ...extra, 'mount v /mnt/v', 'kill-brick h3:/bricks/v']) expect(d.exec(s).ok).toBe(true);
  return d;
}

describe.each(MODES)('%s: heal info and healing', (mode) => {
  test('100 files touched with one brick down: 202 entries; 0 after the brick returns', () => {
    const d = degraded(mode);
    expect(d.exec('touch /mnt/v/f{1..100}').ok).toBe(true);
    // 100 files + their directory, on each of the 2 bricks that are up.
    expect(d.pending('v')).toBe(202);
    expect(d.cluster.node('h1').disk('/bricks/v').index.size).toBe(101);
    expect(d.cluster.node('h3').disk('/bricks/v').index.size).toBe(0);
    // Nothing heals while the set is broken, however long we wait (heal-timeout crawls find no sink).
    d.wait(S(700));
    expect(d.pending('v')).toBe(202);
    expect(d.healed('v')).toBe(0);
    d.exec('gluster volume start v force');
    // GlusterFS's HEAL_TIMEOUT in the test harness is 80 s.
    expect(d.until(() => d.pending('v') === 0, S(80))).not.toBeNull();
    expect(d.healed('v')).toBe(101);
    // Healing removes the entry from every brick of the set.
    for (const h of HOSTS) expect(d.cluster.node(h).disk('/bricks/v').index.size).toBe(0);
  });

  test('heal latency is healed − healable, healable being when the brick came back', () => {
    const d = degraded(mode);
    d.exec('touch /mnt/v/f{1..10}');
    d.wait(S(50));
    d.exec('gluster volume start v force');
    const back = d.events('brick-start', 'h3').at(-1)!.at;
    expect(d.until(() => d.pending('v') === 0, S(80))).not.toBeNull();
    const rows = d.model.finish([]).heals;
    expect(rows).toHaveLength(11);
    for (const r of rows) {
      expect(r.healable_at_s).toBeCloseTo(back / 1e6, 6);
      expect(r.latency_s).toBeCloseTo(r.healed_at_s! - r.healable_at_s!, 6);
      expect(r.pending_latency_s).toBeCloseTo(r.healed_at_s! - r.pending_at_s, 6);
      expect(r.latency_s!).toBeGreaterThan(0);
      expect(r.brick).toMatch(/^h[12]:\/bricks\/v$/);
    }
    expect(rows.filter((r) => r.kind === 'entry').map((r) => r.gfid)).toEqual(['00000000-0000-0000-0000-000000000001']);
  });

  test('writes without quorum fail; with quorum they mark pending', () => {
    const d = degraded(mode);
    expect(d.exec('touch /mnt/v/a{1..5}').ok).toBe(true);
    expect(d.cluster.counters.writesFailed).toBe(0);
    d.exec('kill-brick h2:/bricks/v');
    // replica 3: client-quorum auto needs 2 of 3 bricks.
    const r = d.exec('touch /mnt/v/b{1..5}');
    expect(r).toMatchObject({ ok: false, message: 'touch: 5 of 5 files failed: Transport endpoint is not connected' });
    expect(d.cluster.counters.writesFailed).toBe(5);
    expect(d.pending('v')).toBe(6); // a1..a5 and the directory, on h1 only now (h2 does not answer)
  });

  test('shd-max-threads: 1 heals one entry at a time per brick, 4 heal four (peak frames in flight)', () => {
    const peaks: number[] = [];
    const times: number[] = [];
    for (const threads of [1, 4]) {
      rec.sweeps.length = 0;
      const d = degraded(mode, [`gluster volume set v cluster.shd-max-threads ${threads}`]);
      d.exec('write /mnt/v files=40 size=4MiB');
      d.wait(S(30));
      d.exec('gluster volume start v force');
      let peak = 0;
      let first = 0;
      const done = d.until(() => {
        const n = d.inFlight('h1') + d.inFlight('h2');
        if (n > 0 && first === 0) first = d.now;
        peak = Math.max(peak, d.inFlight('h1'), d.inFlight('h2'));
        return d.pending('v') === 0;
      }, S(600));
      expect(done).not.toBeNull();
      peaks.push(peak);
      times.push(done! - first);
    }
    // Each heal sends its lookups, locks and xattrops to the 3 bricks at once: 3 frames per heal.
    expect(peaks).toEqual([3, 12]);
    expect(times[1]!).toBeLessThan(times[0]!);
  });
});

describe.each(MODES)('%s: index healer triggers', (mode) => {
  test('an idle healer crawls again only after heal-timeout (600 s)', () => {
    const d = new Driver(mode);
    for (const s of rep3('v')) d.exec(s);
    d.wait(S(10));
    // The first crawl came with CHILD_UP: one per node (the local child).
    const h1 = () => rec.sweeps.filter((s) => s.node === 'h1').map((s) => s.at);
    expect(h1()).toHaveLength(1);
    const first = h1()[0]!;
    d.runTo(first + S(600) - 1);
    expect(h1()).toHaveLength(1);
    d.runTo(first + S(600) + S(1));
    expect(h1()).toHaveLength(2);
    // The wait starts when the (empty) sweep is over: a few ms after it began.
    const gap = h1()[1]! - first;
    expect(gap).toBeGreaterThanOrEqual(S(600));
    expect(gap).toBeLessThan(S(600) + 10_000);
  });

  test('setting cluster.heal-timeout wakes the healers at once, and the new timeout applies', () => {
    const d = new Driver(mode);
    for (const s of rep3('v')) d.exec(s);
    d.wait(S(100));
    const n0 = rec.sweeps.filter((s) => s.node === 'h1').length;
    const r = d.exec('gluster volume set v cluster.heal-timeout 30');
    expect(r.ok).toBe(true);
    // A crawl right away (within the fetch-spec round trip), not at t = 600 s.
    expect(d.until(() => rec.sweeps.filter((s) => s.node === 'h1').length === n0 + 1, S(1))).not.toBeNull();
    const woke = d.now;
    expect(woke).toBeLessThan(S(110));
    d.wait(S(61));
    const after = rec.sweeps.filter((s) => s.node === 'h1' && s.at >= woke).map((s) => s.at);
    expect(after).toHaveLength(3); // at the set, then every 30 s
    expect(after[1]! - after[0]!).toBeGreaterThanOrEqual(S(30));
    expect(after[1]! - after[0]!).toBeLessThan(S(30) + 10_000);
  });

  test('`gluster volume heal V` starts a crawl on every node with a local brick', () => {
    const d = new Driver(mode);
    for (const s of rep3('v')) d.exec(s);
    d.wait(S(100));
    const before = rec.sweeps.length;
    const r = d.exec('gluster volume heal v');
    expect(r).toMatchObject({ ok: true, message: 'Launching heal operation to perform index self heal on volume v has been successful \nUse heal info commands to check status.' });
    d.wait(S(1));
    expect(rec.sweeps.slice(before).map((s) => s.node).sort()).toEqual(['h1', 'h2', 'h3']);
  });

  test('a sweep that healed something is followed by another 1 s after it ends', () => {
    const d = degraded(mode);
    d.exec('touch /mnt/v/f{1..10}');
    d.wait(S(10));
    rec.sweeps.length = 0;
    d.exec('gluster volume start v force');
    expect(d.until(() => d.pending('v') === 0, S(80))).not.toBeNull();
    const healedAt = d.now;
    d.wait(S(5));
    const healer = d.cluster.heals.entries[0]!.healedBy.split(':')[0]!;
    const s = rec.sweeps.filter((x) => x.node === healer).map((x) => x.at);
    // The sweep that healed, then one more (it finds nothing) 1 s after the last heal; then idle.
    const last = s.at(-1)!;
    expect(last - healedAt).toBeGreaterThanOrEqual(SWEEP_PAUSE);
    expect(last - healedAt).toBeLessThan(SWEEP_PAUSE + 50_000);
    d.wait(S(500));
    expect(rec.sweeps.filter((x) => x.node === healer).at(-1)!.at).toBe(last);
  });

  test('heal disable stops healing (even past heal-timeout); enable resumes it at once', () => {
    const d = degraded(mode);
    expect(d.exec('gluster volume heal v disable')).toMatchObject({ ok: true, message: 'Disable heal on volume v has been successful ' });
    d.exec('touch /mnt/v/f{1..10}');
    d.exec('gluster volume start v force');
    d.wait(S(700));
    expect(d.pending('v')).toBe(22);
    expect(d.exec('gluster volume heal v')).toMatchObject({
      ok: false,
      message: 'Launching heal operation to perform index self heal on volume v has been unsuccessful:\nSelf-heal-daemon is disabled. Heal will not be triggered on volume v',
    });
    // The key the CLI sets is the type's shd key, to "disable" / "enable".
    expect(d.cluster.store.get('v')?.options.get('cluster.self-heal-daemon')).toBe('disable');
    expect(d.exec('gluster volume heal v enable')).toMatchObject({ ok: true, message: 'Enable heal on volume v has been successful ' });
    expect(d.until(() => d.pending('v') === 0, S(5))).not.toBeNull();
  });

  test('heal with the shd down: "Self-heal daemon is not running" (the originator), "Staging failed on" (a peer)', () => {
    const offline = 'Self-heal daemon is not running. Check self-heal daemon log file.';
    for (const [host, why] of [
      ['h1', offline],
      ['h2', `Staging failed on h2. Error: ${offline}`],
    ] as const) {
      const d = new Driver(mode);
      for (const s of rep3('v')) d.exec(s);
      d.wait(S(10));
      d.shd(host)!.signal('KILL'); // kill -9 of the shd: glusterd sees it disconnect
      d.wait(S(1));
      expect(d.exec('gluster volume heal v')).toMatchObject({ ok: false, message: `Launching heal operation to perform index self heal on volume v has been unsuccessful:\n${why}` });
    }
  });

  test('heal full logs "starting full sweep" and "finished full sweep" on each node', () => {
    const d = new Driver(mode, {}, 1, { captureLogs: true });
    for (const s of [...rep3('v'), 'mount v /mnt/v', 'touch /mnt/v/f{1..300}']) d.exec(s);
    d.wait(S(5));
    const r = d.exec('gluster volume heal v full');
    expect(r).toMatchObject({ ok: true, message: 'Launching heal operation to perform full self heal on volume v has been successful \nUse heal info commands to check status.' });
    d.wait(S(5));
    for (const h of HOSTS) {
      const lines = d.cluster.logs.file(h, 'glustershd');
      const start = lines.filter((l) => l.includes('starting full sweep on subvol v-replicate-0'));
      const done = lines.filter((l) => l.includes('finished full sweep on subvol v-replicate-0'));
      expect(start).toHaveLength(1);
      expect(done).toHaveLength(1);
      expect(start[0]).toMatch(/\] I \[MSGID: 108026\] \[afr-self-heald\.c:\d+:afr_shd_full_healer\] \d+-v-replicate-0: starting full sweep/);
      expect(lines.indexOf(start[0]!)).toBeLessThan(lines.indexOf(done[0]!));
    }
  });
});

describe.each(MODES)('%s: disperse', (mode) => {
  test('4+2: heals need more than the 4 data fragments up', () => {
    const d = new Driver(mode);
    for (const s of ['gluster volume create e disperse 6 redundancy 2 h{1..3}:/b/e0 h{1..3}:/b/e1 force', 'gluster volume start e', 'mount e /mnt/e', 'kill-brick h3:/b/e1']) {
      expect(d.exec(s).ok).toBe(true);
    }
    expect(d.exec('write /mnt/e files=10 size=1MiB').ok).toBe(true);
    d.wait(S(10));
    // Written on 5 of 6 (≥ 4 fragments: quorum); 10 files + the directory on each of the 5.
    expect(d.pending('e')).toBe(55);
    // The sink comes back, but two other bricks go down before the shds reconnect (3 s): 4 up.
    d.exec('gluster volume start e force');
    d.exec('kill-brick h2:/b/e0 h3:/b/e0');
    d.wait(S(700));
    expect(d.healed('e')).toBe(0);
    // One of them back (and killed again at once for the other): 5 up > 4 → the sweep heals.
    d.exec('gluster volume start e force');
    d.exec('kill-brick h3:/b/e0');
    expect(d.until(() => d.healed('e') === 11, S(80))).not.toBeNull();
    expect(d.pending('e')).toBe(0);
  });

  test('4+2: writes need the 4 data fragments', () => {
    const d = new Driver(mode);
    for (const s of ['gluster volume create e disperse 6 redundancy 2 h{1..3}:/b/e0 h{1..3}:/b/e1 force', 'gluster volume start e', 'mount e /mnt/e', 'kill-brick h1:/b/e0 h2:/b/e0 h3:/b/e0']) d.exec(s);
    expect(d.exec('touch /mnt/e/x').ok).toBe(false);
    expect(d.cluster.counters.writesFailed).toBe(1);
    expect(d.pending('e')).toBe(0);
    // With 4 of 6 up a write is accepted, and marked pending on the 4.
    d.exec('gluster volume start e force');
    d.exec('kill-brick h1:/b/e0 h2:/b/e0');
    expect(d.exec('touch /mnt/e/y').ok).toBe(true);
    expect(d.pending('e')).toBe(2 * 4);
  });
});
