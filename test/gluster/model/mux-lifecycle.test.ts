/**
 * The multiplexed shd's lifecycle (reference §1.3–§1.7, §4): one process per node shared by every
 * replicate/disperse volume, the first volume spawning it and later ones attached by RPC (retried once
 * a second while the process is not connected yet), per-volume pidfiles all holding its pid, a detach
 * per stopped volume, and the process stopped with the last volume (SIGTERM, 10 × 100 ms polls, SIGKILL).
 */
import { STOP_POLLS, STOP_POLL_INTERVAL } from '../../../sim/gluster/glusterd/glusterd.js';
import { SVC_RPC_RETRY, SVC_RPC_TRIES } from '../../../sim/gluster/glusterd/shd-mux.js';
import { MuxShdProcess } from '../../../sim/gluster/shd/mux-process.js';
import { Driver, S, failed, rep3, runScenario } from './helpers.js';

const HOSTS = ['h1', 'h2', 'h3'];
const pidfilePath = (v: string) => `/var/run/gluster/shd/${v}/${v}-shd.pid`;

test('reference constants: attach/detach 15 tries 1 s apart; stop polls 10 × 100 ms', () => {
  expect(SVC_RPC_TRIES).toBe(15);
  expect(SVC_RPC_RETRY).toBe(S(1));
  expect(STOP_POLLS).toBe(10);
  expect(STOP_POLL_INTERVAL).toBe(100_000);
});

describe('mux: several volumes share one shd per node', () => {
  const { model, rows } = runScenario('mux', [
    ...rep3('v1'),
    'wait 10s',
    ...rep3('v2'),
    ...rep3('v3'),
    'expect attached(v3, h3) == 1 within 5s',
    'expect attached(v2, h3) == 1 within 5s',
    // glusterd marks a volume online in the attach reply's callback, just after the graph is in.
    'expect shd_pid(v3, h3) > 0 within 1s',
    'wait 1s',
  ]);
  const c = model.cluster;
  const d = { o: model.observe.bind(model) };
  const pid = (v: string, h: string) => d.o({ name: 'shd_pid', volume: v, host: h });

  test('the run held its expectations', () => expect(failed(rows)).toEqual([]));

  test.each(HOSTS)('%s: one process, one pid for every volume, in every pidfile', (h) => {
    expect(d.o({ name: 'shd_count', host: h })).toBe(1);
    expect(d.o({ name: 'shd_starts', host: h })).toBe(1);
    const p = model.daemons.liveShds(h)[0]!.pid;
    for (const v of ['v1', 'v2', 'v3']) {
      expect(pid(v, h)).toBe(p);
      expect(d.o({ name: 'pidfile', volume: v, host: h })).toBe(p);
      expect(c.node(h).runFiles.get(pidfilePath(v))).toBe(p);
      expect(d.o({ name: 'attached', volume: v, host: h })).toBe(1);
    }
    // Pids differ between nodes (one process each).
    expect(new Set(HOSTS.map((x) => pid('v1', x))).size).toBe(3);
  });

  test('the first volume spawns the process (its own getspec, no attach RPC); the others are attached by RPC', () => {
    for (const h of HOSTS) {
      const p = model.daemons.liveShds(h)[0]! as MuxShdProcess;
      // v1 came with the process's --volfile-id; v2 and v3 by GLUSTERD_SVC_ATTACH.
      expect(p.spawn.volfileId).toBe('shd/v1');
      expect(p.attachRpcs).toBe(2);
      expect([...p.volfiles.keys()]).toEqual(['shd/v1', 'shd/v2', 'shd/v3']);
      const attaches = c.timeline.filter((e) => e.kind === 'attach' && e.node === h).map((e) => e.volume);
      expect(attaches).toEqual(['v1', 'v2', 'v3']);
    }
    expect(c.counters.graphAttaches).toBe(9);
    expect(c.counters.graphDetaches).toBe(0);
  });

  test('glusterd logs 106618 "adding svc" and 106617 "attached successfully" once per attached volume', () => {
    for (const h of HOSTS) {
      const rows = c.logs.rows().filter((r) => r.node === h && r.process === 'glusterd');
      expect(rows.find((r) => r.key === '106618')?.lines).toBe(2);
      expect(rows.find((r) => r.key === '106617')?.lines).toBe(2);
      // the process side: 100041 "received attach request" once per RPC
      expect(c.logs.rows().find((r) => r.node === h && r.process === 'glustershd' && r.key === '100041')?.lines).toBe(2);
    }
  });
});

describe('mux: an attach while the new process is not yet connected', () => {
  test('retries once a second (106498 "not connected yet"); the op takes exactly that many seconds longer', () => {
    const d = new Driver('mux');
    for (const s of [...rep3('v1', false), ...rep3('v2', false), ...rep3('v3', false)]) d.exec(s);
    const first = d.exec('gluster volume start v1');
    // glusterd connects to the new process's socket at once (it is not listening yet) and then every
    // 3 s: the connection is made 3 s after the spawn.
    const connectedAt = first.at + first.latency - 200 + S(3);
    const second = d.exec('gluster volume start v2'); // right away: the process is not connected yet
    const retries = d.logCount('h1', 'glusterd', '106498');
    expect(retries).toBeGreaterThan(0);
    expect(d.cluster.counters.attachRetries).toBe(3 * retries);
    // Each failed try sleeps 1 s; the try after the connection succeeds.
    expect(second.at + second.latency - 200).toBeGreaterThanOrEqual(connectedAt);
    expect(second.at + second.latency - 200 - S(1)).toBeLessThan(connectedAt);
    d.wait(S(5));
    const third = d.exec('gluster volume start v3'); // connected: no retry
    expect(d.logCount('h1', 'glusterd', '106498')).toBe(retries);
    expect(second.latency - third.latency).toBe(retries * S(1));
    // Every volume ends up attached to the one process (online when the attach reply is back).
    d.wait(S(1));
    const p = d.shd('h1')!.pid;
    for (const v of ['v1', 'v2', 'v3']) expect(d.shdPid(v, 'h1')).toBe(p);
    expect(d.cluster.counters.attachFailures).toBe(0);
  });

  test('the timeline: start at 0.32 s, connected at 3.32 s, v2 attached after 3 retries', () => {
    const d = new Driver('mux');
    for (const s of [...rep3('v1', false), ...rep3('v2', false)]) d.exec(s);
    const t0 = d.now;
    d.exec('gluster volume start v1');
    d.exec('gluster volume start v2');
    // v1's start: 50 µs CLI + 400 µs lock/stage + 20 ms op + 300 ms brick start → spawn at t0+320.45 ms.
    const spawn = d.events('shd-start', 'h1')[0]!;
    expect(spawn.at).toBe(t0 + 320_450);
    // v2 was issued at t0+320.65 ms and its manager ran 320.45 ms later (t0+641.1 ms): tries at
    // +0, +1, +2, +3 s; the connection (spawn + 3 s) comes before the fourth: three 106498 lines.
    expect(d.logCount('h1', 'glusterd', '106498')).toBe(3);
    d.wait(S(1));
    expect(d.attached('v2', 'h1')).toBe(1);
  });
});

describe('mux: stopping volumes', () => {
  test('stopping one of several volumes detaches only that graph', () => {
    const d = new Driver('mux');
    for (const s of [...rep3('a'), ...rep3('b'), ...rep3('c')]) d.exec(s);
    d.wait(S(10));
    const pids = HOSTS.map((h) => d.shd(h)!.pid);
    const r = d.exec('gluster volume stop b');
    expect(r.ok).toBe(true);
    // glusterd does not wait for the cleanup (the shd replies to the detach first); it is done, with no
    // cleanup thread left, within 5 s.
    expect(d.until(() => HOSTS.every((h) => d.events('cleanup-done', h).length === 1 && d.cleanups(h) === 0), S(5))).not.toBeNull();
    HOSTS.forEach((h, i) => {
      expect(d.shd(h)!.pid).toBe(pids[i]);
      expect(d.attached('a', h)).toBe(1);
      expect(d.attached('c', h)).toBe(1);
      expect(d.attached('b', h)).toBe(0);
      expect(d.shdPid('b', h)).toBe(0);
      expect(d.pidfile('b', h)).toBe(0);
      expect(d.pidfile('a', h)).toBe(pids[i]);
      expect(d.logCount(h, 'glusterd', '106619')).toBe(1); // removing svc … from existing process
      expect(d.logCount(h, 'glustershd', '101218')).toBe(1); // detaching child shd/b
    });
    expect(d.cluster.counters.graphDetaches).toBe(3);
    expect(d.cluster.counters.cleanupDurations).toHaveLength(3);
    expect(Math.max(...d.cluster.counters.cleanupDurations)).toBeLessThanOrEqual(S(5));
    expect(d.events('shd-exit')).toHaveLength(0);
  });

  test('the last replicate volume stopped: the shd is gone and every pidfile removed', () => {
    const d = new Driver('mux');
    for (const s of [...rep3('a'), ...rep3('b')]) d.exec(s);
    d.wait(S(10));
    d.exec('gluster volume stop a');
    expect(HOSTS.map((h) => d.shdCount(h))).toEqual([1, 1, 1]);
    const r = d.exec('gluster volume stop b');
    expect(r.ok).toBe(true);
    for (const h of HOSTS) {
      expect(d.shdCount(h)).toBe(0);
      expect(d.pidfile('a', h)).toBe(0);
      expect(d.pidfile('b', h)).toBe(0);
      expect([...d.cluster.node(h).runFiles.keys()].filter((k) => k.includes('/shd/'))).toEqual([]);
      expect(d.logCount(h, 'glusterd', '106568')).toBeGreaterThanOrEqual(2); // Stopping … / service is stopped
    }
    // The last volume's stop kills the process: no detach RPC for it.
    expect(d.cluster.counters.graphDetaches).toBe(3 /* a */ + 3 /* b, with the process */);
    expect(d.events('shd-exit').map((e) => e.detail)).toEqual(['term', 'term', 'term']);
  });

  test('SIGTERM, polled 10 × 100 ms: an shd that exits in 50 ms is gone at the first poll; a slow one is SIGKILLed at 1 s', () => {
    for (const [exit, gone, detail] of [
      ['50ms', 50_000, 'term'],
      ['5s', STOP_POLLS * STOP_POLL_INTERVAL, 'kill'],
    ] as const) {
      const d = new Driver('mux', { model: { shd_exit_time: exit } });
      for (const s of rep3('a')) d.exec(s);
      d.wait(S(10));
      const f = d.start('gluster volume stop a');
      expect(d.until(() => d.logCount('h1', 'glustershd', '100032') === 1, S(1))).not.toBeNull();
      const term = d.now; // "received signum (15), shutting down"
      d.until(() => f.done, S(10));
      const exitEv = d.events('shd-exit', 'h1')[0]!;
      expect(exitEv.at - term).toBe(gone);
      expect(exitEv.detail).toBe(detail);
    }
  });

  test('a distribute volume has no shd', () => {
    const { model, rows } = runScenario('mux', [
      'gluster volume create d0 h{1..3}:/bricks/d0',
      'gluster volume start d0',
      'wait 10s',
      'expect shd_count(h1) == 0',
      'expect shd_starts(h1) == 0',
      'expect shd_pid(d0, h1) == 0',
      'expect pidfile(d0, h1) == 0',
      'expect attached(d0, h1) == 0',
      'expect healer_threads(h1, afr) == 0',
    ]);
    expect(failed(rows)).toEqual([]);
    expect(model.cluster.counters.graphAttaches).toBe(0);
  });

  test('volume delete of a stopped volume removes its shd volfile', () => {
    const d = new Driver('mux');
    for (const s of [...rep3('a'), ...rep3('b')]) d.exec(s);
    const vol = '/var/lib/glusterd/vols/b/b-shd.vol';
    expect(d.cluster.node('h1').workFiles.has(vol)).toBe(true);
    d.exec('gluster volume stop b');
    expect(d.exec('gluster volume delete b').ok).toBe(true);
    for (const h of HOSTS) expect(d.cluster.node(h).workFiles.has(vol)).toBe(false);
  });
});
