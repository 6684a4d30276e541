/**
 * kill-node and reboot (spec §2.2; reference §1.14): `kill-node` is `pkill gluster` — glusterd, bricks
 * and the shd die at once, and the pidfiles stay behind (/var/run survives); `reboot` also loses
 * /var/run, and glusterd starts again after the `down` time, restarts the bricks and brings the shd
 * back with every volume (the first spawns it, the others are attached by RPC).
 */
import { Driver, MODES, S, rep3 } from './helpers.js';

const VOLS = ['a', 'b', 'c'];

function cluster(mode: (typeof MODES)[number]): Driver {
  const d = new Driver(mode);
  for (const v of VOLS) for (const s of rep3(v)) expect(d.exec(s).ok).toBe(true);
  d.wait(S(10));
  return d;
}

describe.each(MODES)('%s: kill-node', (mode) => {
  test('kills glusterd, bricks and shd on that node only; the pidfiles survive', () => {
    const d = cluster(mode);
    const old = d.shd('h1')!.pid;
    const others = ['h2', 'h3'].map((h) => d.shd(h)!.pid);
    const t = d.now;
    d.exec('kill-node h1');
    expect(d.glusterdUp('h1')).toBe(0);
    expect(d.shdCount('h1')).toBe(0);
    for (const v of VOLS) {
      expect(d.brickUp('h1', `/bricks/${v}`)).toBe(0);
      expect(d.brickUp('h2', `/bricks/${v}`)).toBe(1);
    }
    expect(d.cluster.node('h1').procs.size).toBe(0);
    // The pidfiles still name the dead process (SIGKILL runs no cleanup).
    if (mode === 'mux') for (const v of VOLS) expect(d.cluster.node('h1').runFiles.get(`/var/run/gluster/shd/${v}/${v}-shd.pid`)).toBe(old);
    else expect(d.cluster.node('h1').runFiles.get('/var/run/gluster/glustershd/glustershd.pid')).toBe(old);
    // Nothing else moved.
    expect(['h2', 'h3'].map((h) => d.shd(h)!.pid)).toEqual(others);
    expect(d.events('shd-exit', 'h1').filter((e) => e.at >= t)).toMatchObject([{ pid: old, detail: 'kill' }]);
  });

  test('start-glusterd after kill-node restarts the bricks and a new shd with every volume', () => {
    const d = cluster(mode);
    const old = d.shd('h1')!.pid;
    const already = d.logCount('h1', 'glusterd', '106131');
    const t = d.now;
    d.exec('kill-node h1');
    d.wait(S(10));
    d.exec('start-glusterd h1');
    expect(d.until(() => VOLS.every((v) => d.shdPid(v, 'h1') > 0 && d.brickUp('h1', `/bricks/${v}`) === 1), S(20))).not.toBeNull();
    const fresh = d.shd('h1')!.pid;
    expect(fresh).not.toBe(old);
    for (const v of VOLS) {
      expect(d.shdPid(v, 'h1')).toBe(fresh);
      expect(d.pidfile(v, 'h1')).toBe(fresh);
    }
    // The old process was already dead: nothing was signalled; only the kill's exit is on the timeline.
    expect(d.events('shd-exit', 'h1').filter((e) => e.at >= t)).toMatchObject([{ pid: old, detail: 'kill' }]);
    // Legacy's manager stops before it starts: glusterd_proc_stop finds the pid dead, "glustershd
    // already stopped" (106131). Mux's manager finds no running pid and does not stop at all.
    expect(d.logCount('h1', 'glusterd', '106131') - already).toBe(mode === 'legacy' ? 1 : 0);
    if (mode === 'mux') {
      // b's and c's pidfiles named the dead pid: the new process rewrites them (101220).
      expect(d.logCount('h1', 'glustershd', '101220')).toBe(2);
    }
  });
});

describe.each(MODES)('%s: reboot', (mode) => {
  test('pidfiles are lost; glusterd comes back after the down time; the shd comes back with every volume', () => {
    const d = cluster(mode);
    const old = d.shd('h1')!.pid;
    const t0 = d.now;
    const r = d.exec('reboot h1 down 30s');
    expect(r.ok).toBe(true);
    expect(d.glusterdUp('h1')).toBe(0);
    expect(d.shdCount('h1')).toBe(0);
    expect([...d.cluster.node('h1').runFiles.keys()]).toEqual([]);
    for (const v of VOLS) expect(d.pidfile(v, 'h1')).toBe(0);
    expect(d.events('node-down', 'h1')).toHaveLength(1);
    // While down, nothing starts on it.
    expect(d.exec('start-glusterd h1')).toMatchObject({ ok: false, message: 'start-glusterd: host h1 is down' });
    const up = d.until(() => d.glusterdUp('h1') === 1, S(60));
    expect(up).toBe(t0 + S(30));
    expect(d.events('node-up', 'h1')[0]!.at).toBe(t0 + S(30));
    // glusterd_start_time (1 s), the bricks, then the shd and its attaches (connected within 3 s).
    expect(d.until(() => VOLS.every((v) => d.shdPid(v, 'h1') > 0), S(20))).not.toBeNull();
    const fresh = d.shd('h1')!.pid;
    expect(fresh).not.toBe(old);
    expect(d.shdCount('h1')).toBe(1);
    for (const v of VOLS) {
      expect(d.pidfile(v, 'h1')).toBe(fresh);
      expect(d.attached(v, 'h1')).toBe(1);
      expect(d.brickUp('h1', `/bricks/${v}`)).toBe(1);
    }
    // Fresh pidfiles: no old pid found in them.
    expect(d.logCount('h1', 'glustershd', '101220')).toBe(0);
    expect(d.until(() => d.healers('h1') === 3, S(10))).not.toBeNull();
  });

  test('a node that was down comes back and the entries written meanwhile heal', () => {
    const d = new Driver(mode);
    for (const s of [...rep3('v'), 'mount v /mnt/v on h2']) d.exec(s);
    d.exec('reboot h1 down 60s');
    d.exec('touch /mnt/v/f{1..20}');
    // 20 files and their directory on each of the two bricks that are up.
    expect(d.pending('v')).toBe(42);
    expect(d.until(() => d.pending('v') === 0, S(180))).not.toBeNull();
    expect(d.healed('v')).toBe(21);
  });
});
