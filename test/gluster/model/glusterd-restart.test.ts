/**
 * glusterd killed and started again (reference §1.5, §1.13, §1.14): the shd is not supervised, so it
 * keeps running and healing while glusterd is away. A new glusterd has an empty process list; its
 * manager finds the running shd through the first volume's pidfile, owned by no process object: a
 * stale pid, stopped (SIGTERM, polled 10 × 100 ms) and replaced by a new shd, to which every other
 * volume is attached again by RPC — the process rewrites each volume's pidfile and logs 101220 "Old
 * pid=… found in pidfile". `model.glusterd_restart=adopt` (a what-if) keeps the running process.
 */
import { STOP_POLLS, STOP_POLL_INTERVAL } from '../../../sim/gluster/glusterd/glusterd.js';
import { Driver, MODES, S, rep3 } from './helpers.js';

const VOLS = ['a', 'b', 'c'];

function threeVolumes(mode: (typeof MODES)[number], restart: 'respawn' | 'adopt' = 'respawn'): Driver {
  const d = new Driver(mode, { model: { glusterd_restart: restart } });
  for (const v of VOLS) for (const s of rep3(v)) expect(d.exec(s).ok).toBe(true);
  d.wait(S(10));
  return d;
}

describe.each(MODES)('%s: the shd while glusterd is down', (mode) => {
  test('keeps running, keeps its pidfiles and keeps healing', () => {
    const d = new Driver(mode);
    for (const s of [...rep3('v'), 'mount v /mnt/v', 'kill-brick h2:/bricks/v', 'write /mnt/v files=200 size=1MiB..8MiB']) d.exec(s);
    d.wait(S(60));
    d.exec('gluster volume start v force');
    expect(d.until(() => d.healed('v') > 0, S(30))).not.toBeNull();
    const pid = d.shd('h1')!.pid;
    d.exec('kill-glusterd h1');
    expect(d.glusterdUp('h1')).toBe(0);
    const healed = d.healed('v');
    d.wait(S(30));
    expect(d.shdCount('h1')).toBe(1);
    expect(d.shd('h1')!.pid).toBe(pid);
    expect(d.pidfile('v', 'h1')).toBe(pid);
    expect(d.healed('v')).toBeGreaterThan(healed);
    // `volume status` is answered by glusterd: nobody reports the shd's pid on h1 meanwhile.
    expect(d.shdPid('v', 'h1')).toBe(0);
    // Legacy: `start force` restarted each node's shd once (stop + start); mux: nothing exited.
    expect(d.events('shd-exit')).toHaveLength(mode === 'legacy' ? 3 : 0);
  });
});

describe('mux: start-glusterd with a live shd (respawn, GlusterFS)', () => {
  test('the stale shd is stopped and a new one gets every volume; every pidfile holds the new pid', () => {
    const d = threeVolumes('mux');
    const old = d.shd('h1')!.pid;
    const starts = d.shdStarts('h1');
    d.exec('kill-glusterd h1');
    d.wait(S(60));
    expect(d.shd('h1')!.pid).toBe(old);
    const r = d.exec('start-glusterd h1');
    expect(r).toMatchObject({ ok: true, latency: S(1) }); // model.glusterd_start_time
    // glusterd_proc_stop of the stale pid: "Stopping glustershd daemon running in pid: OLD", SIGTERM.
    expect(d.until(() => d.logCount('h1', 'glusterd', '106568') >= 1, S(1))).not.toBeNull();
    const term = d.now;
    expect(d.until(() => d.events('shd-exit', 'h1').length === 1, STOP_POLLS * STOP_POLL_INTERVAL)).not.toBeNull();
    expect(d.events('shd-exit', 'h1')[0]).toMatchObject({ pid: old, detail: 'term' });
    expect(d.now - term).toBeLessThanOrEqual(STOP_POLLS * STOP_POLL_INTERVAL);
    // A new shd, then the other volumes attached to it (its connection comes within 3 s).
    expect(d.until(() => VOLS.every((v) => d.shdPid(v, 'h1') > 0), S(20))).not.toBeNull();
    const fresh = d.shd('h1')!.pid;
    expect(fresh).not.toBe(old);
    expect(d.shdCount('h1')).toBe(1);
    expect(d.shdStarts('h1')).toBe(starts + 1);
    for (const v of VOLS) {
      expect(d.pidfile(v, 'h1')).toBe(fresh);
      expect(d.shdPid(v, 'h1')).toBe(fresh);
      expect(d.attached(v, 'h1')).toBe(1);
    }
    // The first volume came with the new process (its pidfile unlinked by the stop, written at exec);
    // the two others were attached and their old pidfiles rewritten: 101220 for each.
    expect(d.shd('h1')!.spawn.volfileId).toBe('shd/a');
    expect(d.logCount('h1', 'glustershd', '101220')).toBe(2);
    // Every graph's healer is back once its clients are up.
    expect(d.until(() => d.healers('h1') === 3, S(5))).not.toBeNull();
    // The other nodes were not touched.
    expect(d.shdStarts('h2')).toBe(1);
  });

  test('adopt: the running shd is kept; its volumes are re-attached unchanged (100040)', () => {
    const d = threeVolumes('mux', 'adopt');
    const old = d.shd('h1')!.pid;
    const noChange = d.logCount('h1', 'glustershd', '100040');
    d.exec('kill-glusterd h1');
    d.wait(S(60));
    d.exec('start-glusterd h1');
    expect(d.until(() => VOLS.every((v) => d.shdPid(v, 'h1') === old), S(20))).not.toBeNull();
    expect(d.events('shd-exit', 'h1')).toHaveLength(0);
    expect(d.shdStarts('h1')).toBe(1);
    for (const v of VOLS) expect(d.pidfile(v, 'h1')).toBe(old);
    expect(d.logCount('h1', 'glustershd', '101220')).toBe(0);
    // b and c: attach requests for volfiles the process already has, with the same checksum.
    expect(d.logCount('h1', 'glustershd', '100040') - noChange).toBeGreaterThanOrEqual(2);
    expect(d.cluster.counters.graphDetaches).toBe(0);
  });
});

describe('legacy: start-glusterd with a live shd', () => {
  test('respawn: the manager restarts the shd (stop + start) with the whole combined graph', () => {
    const d = threeVolumes('legacy');
    const old = d.shd('h1')!.pid;
    const starts = d.shdStarts('h1');
    d.exec('kill-glusterd h1');
    d.wait(S(60));
    d.exec('start-glusterd h1');
    expect(d.until(() => d.shdPid('a', 'h1') > 0, S(10))).not.toBeNull();
    const fresh = d.shd('h1')!.pid;
    expect(fresh).not.toBe(old);
    expect(d.shdStarts('h1')).toBe(starts + 1);
    for (const v of VOLS) {
      expect(d.shdPid(v, 'h1')).toBe(fresh);
      expect(d.pidfile(v, 'h1')).toBe(fresh);
      expect(d.attached(v, 'h1')).toBe(1);
    }
    expect(d.cluster.node('h1').runFiles.get('/var/run/gluster/glustershd/glustershd.pid')).toBe(fresh);
  });

  test('adopt: an unchanged combined volfile keeps the running shd', () => {
    const d = threeVolumes('legacy', 'adopt');
    const old = d.shd('h1')!.pid;
    const starts = d.shdStarts('h1');
    d.exec('kill-glusterd h1');
    d.wait(S(60));
    d.exec('start-glusterd h1');
    expect(d.until(() => d.shdPid('a', 'h1') === old, S(10))).not.toBeNull();
    expect(d.shdStarts('h1')).toBe(starts);
  });
});
