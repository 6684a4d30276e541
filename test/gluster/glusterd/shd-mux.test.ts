/**
 * glusterd's multiplexed shd service (shd-mux.ts) against a scripted fake shd: what it sends, when, and
 * what it makes of each answer — without a real shd process, graph or brick.
 */
import { S } from '../model/helpers.js';
import { GlusterdBench } from './fake-shd.js';

const US = 1;

function bench(): GlusterdBench {
  return new GlusterdBench('mux');
}

describe('glusterd mux shd service against a fake shd', () => {
  test('the first volume spawns the shd with its own volfile id, pidfile and socket; online once connected (3 s retry)', () => {
    const b = bench();
    const v1 = b.volume('v1');
    const r = b.task('manager v1', () => b.glusterd.shd.manager(v1));
    b.run(S(1));
    expect(r).toEqual({ value: 0, done: true });
    expect(b.shds).toHaveLength(1);
    const p = b.shds[0]!;
    expect(p.spawn.volfileId).toBe('shd/v1');
    expect(p.spawn.pidfile).toBe('/var/run/gluster/shd/v1/v1-shd.pid');
    expect(p.spawn.sockpath).toMatch(/^\/var\/run\/gluster\/[0-9a-f]{32}\.socket$/);
    // Spawned, listening after 100 ms, but glusterd's first connect (at the spawn) failed: next try at 3 s.
    expect(b.glusterd.shd.status('v1')).toEqual({ online: false, pid: p.pid });
    b.run(S(2) - 1);
    expect(b.glusterd.shd.status('v1').online).toBe(false);
    b.run(1);
    expect(b.glusterd.shd.status('v1')).toEqual({ online: true, pid: p.pid });
    // No request: the first volume comes with the process's own getspec.
    expect(p.requests).toEqual([]);
  });

  test('a second volume is attached by one RPC carrying its whole volfile, after "not connected yet" retries', () => {
    const b = bench();
    const v1 = b.volume('v1');
    const v2 = b.volume('v2');
    b.task('manager v1', () => b.glusterd.shd.manager(v1));
    const r = b.task('manager v2', () => b.glusterd.shd.manager(v2));
    b.run(S(10));
    expect(r).toEqual({ value: 0, done: true });
    expect(b.shds).toHaveLength(1); // attached to the same process
    const p = b.shds[0]!;
    // Retried at 0, 1 and 2 s; at 3 s the connection (retrying every 3 s) is up and the attach goes out.
    expect(b.cluster.counters.attachRetries).toBe(3);
    expect(p.requests).toHaveLength(1);
    const { at, request } = p.requests[0]!;
    expect(at).toBe(S(3) + 25 * US); // one loopback hop
    expect(request).toMatchObject({ proc: 'attach', volfileId: 'shd/v2', pidfile: '/var/run/gluster/shd/v2/v2-shd.pid' });
    expect(request.proc === 'attach' && request.volfile).toBe(b.cluster.node('h1').workFiles.get('/var/lib/glusterd/vols/v2/v2-shd.vol'));
    expect(b.svc('call')).toEqual([{ proc: 'attach' }]);
    expect(b.svc('reply')).toEqual([{ proc: 'attach', reply: 0 }]);
    expect(b.glusterd.shd.status('v2').online).toBe(true);
    expect(b.glusterd.blockers).toBe(0);
    expect(b.cluster.counters.attachFailures).toBe(0);
  });

  test('an attach answered -1 fails: the volume is offline, its pidfile gone, the process kept for the others', () => {
    const b = bench();
    const v1 = b.volume('v1');
    const v2 = b.volume('v2');
    b.script.answer = (req) => (req.proc === 'attach' ? -1 : 0);
    b.task('manager v1', () => b.glusterd.shd.manager(v1));
    b.run(S(4));
    const r = b.task('manager v2', () => b.glusterd.shd.manager(v2));
    b.run(S(1));
    // The op does not wait for the reply (the volume goes online in its callback).
    expect(r).toEqual({ value: 0, done: true });
    expect(b.svc('reply')).toEqual([{ proc: 'attach', reply: -1 }]);
    expect(b.cluster.counters.attachFailures).toBe(1);
    expect(b.glusterd.shd.status('v2')).toEqual({ online: false, pid: 0 });
    expect(b.cluster.node('h1').runFiles.has('/var/run/gluster/shd/v2/v2-shd.pid')).toBe(false);
    expect(b.glusterd.shd.status('v1').online).toBe(true);
    expect(b.glusterd.blockers).toBe(0);
  });

  test('a process that never listens: 15 tries one second apart, then the attach fails (-1)', () => {
    const b = bench();
    b.script.listenAfter = null;
    const v1 = b.volume('v1');
    const v2 = b.volume('v2');
    b.task('manager v1', () => b.glusterd.shd.manager(v1));
    const r = b.task('manager v2', () => b.glusterd.shd.manager(v2));
    b.run(S(14));
    expect(r.done).toBe(false);
    b.run(S(2));
    expect(r).toEqual({ value: -1, done: true });
    expect(b.cluster.counters.attachRetries).toBe(15);
    expect(b.cluster.counters.attachFailures).toBe(1);
    expect(b.shds[0]!.requests).toEqual([]);
    expect(b.svc('call')).toEqual([]);
  });

  test('the shd dying with an attach in flight: the rpc fails (-1) and the attach is given up', () => {
    const b = bench();
    const v1 = b.volume('v1');
    const v2 = b.volume('v2');
    b.task('manager v1', () => b.glusterd.shd.manager(v1));
    b.run(S(4));
    b.script.handleTime = S(5);
    b.task('manager v2', () => b.glusterd.shd.manager(v2));
    b.run(S(1));
    expect(b.glusterd.blockers).toBe(1);
    b.shds[0]!.signal('KILL');
    b.run(S(1));
    expect(b.svc('reply')).toEqual([{ proc: 'attach', reply: -1 }]);
    expect(b.cluster.counters.attachFailures).toBe(1);
    expect(b.glusterd.blockers).toBe(0);
    expect(b.glusterd.shd.status('v1').online).toBe(false);
    expect(b.messages.filter((m) => m.dir === 'disconnect').map((m) => m.conn)).toEqual(['svc']);
  });

  test('stopping one of two volumes sends a detach and does not wait for the cleanup; the last stop kills the process', () => {
    const b = bench();
    const v1 = b.volume('v1');
    const v2 = b.volume('v2');
    b.task('manager v1', () => b.glusterd.shd.manager(v1));
    b.task('manager v2', () => b.glusterd.shd.manager(v2));
    b.run(S(5));
    b.script.handleTime = S(30); // a slow detach: glusterd goes on all the same
    v2.state = 'stopped';
    const stop2 = b.task('stop v2', () => b.glusterd.shd.manager(v2));
    b.run(S(1));
    expect(stop2).toEqual({ value: 0, done: true });
    const p = b.shds[0]!;
    expect(p.requests.map((r) => r.request)).toEqual([
      expect.objectContaining({ proc: 'attach', volfileId: 'shd/v2' }),
      { proc: 'detach', volfileId: 'shd/v2' },
    ]);
    expect(b.glusterd.blockers).toBe(1); // the detach is still outstanding
    v1.state = 'stopped';
    b.task('stop v1', () => b.glusterd.shd.manager(v1));
    b.run(S(2));
    expect(p.alive).toBe(false); // SIGTERM: no detach RPC for the last volume
    expect(p.requests).toHaveLength(2);
    expect(b.glusterd.blockers).toBe(0); // the pending detach failed with the connection
  });

  test('gluster volume heal goes to the shd as a heal op; a failed one is "Self-heal daemon is not running"', () => {
    const b = bench();
    const v1 = b.volume('v1');
    b.task('manager v1', () => b.glusterd.shd.manager(v1));
    b.run(S(4));
    const ok = b.task('heal full', () => b.glusterd.shd.heal(v1, 'full'));
    b.run(S(1));
    expect(ok.value).toEqual({ ok: true, message: '' });
    expect(b.shds[0]!.requests.map((r) => r.request)).toEqual([{ proc: 'heal', volume: 'v1', action: 'full' }]);
    b.script.answer = () => -1;
    const bad = b.task('heal', () => b.glusterd.shd.heal(v1, 'index'));
    b.run(S(1));
    expect(bad.value).toEqual({ ok: false, message: 'Self-heal daemon is not running. Check self-heal daemon log file.' });
  });
});
