/**
 * glusterd's management operations (spec §2.2, §3; reference §1.4–§1.8): what GlusterFS refuses and
 * how its CLI says so, that a refused operation changes nothing, is recorded (`model.ops`, result
 * failed) and the run goes on; `start force` restarting dead bricks; a cluster without glusterd; the
 * CLI's 120 s timeout.
 */
import { NOT_RUNNING } from '../../../sim/gluster/glusterd/cli.js';
import { CLI_TIMEOUT } from '../../../sim/gluster/model.js';
import { Driver, MODES, S, failed, rep3, runScenario } from './helpers.js';

/** Everything a refused operation must leave alone. */
function state(d: Driver): string {
  const c = d.cluster;
  return JSON.stringify({
    volumes: c.store.all().map((v) => ({ n: v.name, s: v.state, ver: v.version, k: v.kind, r: v.replica, b: v.bricks, o: [...v.options] })),
    nodes: [...c.nodes.values()].map((n) => ({ run: [...n.runFiles], work: [...n.workFiles.keys()], bricks: [...n.bricks.keys()], procs: [...n.procs.keys()] })),
    shds: [...d.model.daemons.shds.values()].map((l) => l.map((p) => [p.pid, [...p.volfiles.keys()]])),
    attaches: c.counters.graphAttaches,
    detaches: c.counters.graphDetaches,
  });
}

describe.each(MODES)('%s: refused operations', (mode) => {
  const refusals: [string, string][] = [
    ['gluster volume start v0', 'volume start: v0: failed: Volume v0 already started'],
    ['gluster volume delete v0', 'volume delete: v0: failed: Volume v0 has been started.Volume needs to be stopped before deletion.'],
    ['gluster volume create v9 replica 3 h1:/bricks/a h2:/bricks/a h3:/bricks/a h1:/bricks/b', 'volume create: v9: failed: number of bricks is not a multiple of replica count'],
    ['gluster volume create v9 replica 3 h1:/bricks/v0 h2:/bricks/n h3:/bricks/n', 'volume create: v9: failed: /bricks/v0 is already part of a volume'],
    ['gluster volume create v0 replica 3 h{1..3}:/bricks/other', 'volume create: v0: failed: Volume v0 already exists'],
    ['gluster volume start nosuch', 'volume start: nosuch: failed: Volume nosuch does not exist'],
    ['gluster volume stop nosuch', 'volume stop: nosuch: failed: Volume nosuch does not exist'],
    ['gluster volume delete nosuch', 'volume delete: nosuch: failed: Volume nosuch does not exist'],
    ['gluster volume set nosuch cluster.heal-timeout 10', 'volume set: failed: Volume nosuch does not exist'],
    ['gluster volume stop v1', 'volume stop: v1: failed: Volume v1 is not in the started state'],
    [
      'gluster volume create v9 replica 3 h1:/bricks/a h1:/bricks/b h2:/bricks/a',
      "volume create: v9: failed: Multiple bricks of a replicate volume are present on the same server. This setup is not optimal. Bricks should be on different nodes to have best fault tolerant configuration. Use 'force' at the end of the command if you want to override this behavior. ",
    ],
    ['gluster volume set v0 cluster.heal-timeout abc', 'volume set: failed: invalid number format "abc" in option "heal-timeout"'],
    ['gluster volume set v0 cluster.heal-timeout 4', "volume set: failed: '4' in 'option heal-timeout 4' is out of range [5 - 2147483647]"],
    ['gluster volume set v0 cluster.shd-max-threads 65', "volume set: failed: '65' in 'option shd-max-threads 65' is out of range [1 - 64]"],
    ['gluster volume set v0 cluster.self-heal-daemon maybe', "volume set: failed: option self-heal-daemon maybe: 'maybe' is not a valid boolean value"],
    ['gluster volume add-brick v0 h{1..3}:/bricks/v1', 'volume add-brick: failed: Brick: h1:/bricks/v1 not available. Brick may be containing or be contained by an existing brick.'],
    ['gluster volume add-brick v0 h1:/bricks/x h2:/bricks/x', 'volume add-brick: failed: Incorrect number of bricks supplied 2 with count 3'],
    ['gluster volume remove-brick v0 h1:/bricks/nope force', 'volume remove-brick commit force: failed: Incorrect brick h1:/bricks/nope for volume v0'],
    // gf_cli_heal_volume_cbk: "<operation> on volume V has been unsuccessful:" then glusterd's reason.
    ['gluster volume heal nosuch', 'Launching heal operation to perform index self heal on volume nosuch has been unsuccessful:\nVolume nosuch does not exist'],
    ['gluster volume heal v1', 'Launching heal operation to perform index self heal on volume v1 has been unsuccessful:\nVolume v1 is not started.'],
    ['gluster volume heal v1 full', 'Launching heal operation to perform full self heal on volume v1 has been unsuccessful:\nVolume v1 is not started.'],
    ['gluster volume heal nosuch enable', 'Enable heal on volume nosuch has been unsuccessful:\nVolume nosuch does not exist'],
  ];

  test.each(refusals)('%s', (cmd, message) => {
    const d = new Driver(mode);
    for (const s of [...rep3('v0'), ...rep3('v1', false)]) expect(d.exec(s).ok).toBe(true);
    d.wait(S(10));
    const before = state(d);
    const opsBefore = d.model.ops.length;
    const r = d.exec(cmd);
    expect(r).toMatchObject({ ok: false, message });
    // Refused after the local round trip to glusterd and the lock/stage round trip to its peers:
    // 2 × 25 µs loopback + 2 × 200 µs RTT (model.net_rtt); nothing is committed.
    expect(r.latency).toBe(450);
    expect(state(d)).toBe(before);
    expect(d.model.ops).toHaveLength(opsBefore + 1);
    expect(d.model.ops[opsBefore]).toMatchObject({ command: cmd, ok: false, message, host: 'h1' });
    // The run goes on: the cluster still takes operations.
    expect(d.exec('gluster volume start v1').ok).toBe(true);
  });

  test('heal of a distribute volume: not of type replicate or disperse; enable fails without a reason', () => {
    const d = new Driver(mode);
    d.exec('gluster volume create d h1:/bricks/d');
    expect(d.exec('gluster volume heal d')).toMatchObject({ ok: false, message: 'Launching heal operation to perform index self heal on volume d has been unsuccessful:\nVolume d is not started.' });
    d.exec('gluster volume start d');
    expect(d.exec('gluster volume heal d')).toMatchObject({ ok: false, message: 'Launching heal operation to perform index self heal on volume d has been unsuccessful:\nVolume d is not of type replicate or disperse' });
    expect(d.exec('gluster volume heal d enable')).toMatchObject({ ok: false, message: 'Enable heal on volume d has been unsuccessful:\noperation failed' });
    expect(d.cluster.store.get('d')?.options.size).toBe(0);
  });

  test('bricks of one set on one host are accepted with force', () => {
    const d = new Driver(mode);
    const r = d.exec('gluster volume create v9 replica 3 h1:/bricks/a h1:/bricks/b h2:/bricks/a force');
    expect(r).toMatchObject({ ok: true, message: 'volume create: v9: success: please start the volume to access data' });
    expect(d.cluster.store.get('v9')?.bricks).toHaveLength(3);
  });

  test('a refused step does not stop a scenario; it is recorded and counted', () => {
    const { model, rows } = runScenario(mode, [
      ...rep3('v0'),
      'gluster volume start v0',
      'gluster volume delete v0',
      'gluster volume create bad replica 2 h{1..3}:/bricks/bad',
      'gluster volume stop v0',
      'gluster volume delete v0',
      'expect shd_count(h1) == 0 within 5s',
    ]);
    expect(failed(rows)).toEqual([]);
    expect(model.ops.map((o) => o.ok)).toEqual([true, true, false, false, false, true, true]);
    expect(model.cluster.store.has('v0')).toBe(false);
    const summary = model.finish(rows).summary;
    expect(summary.ops_total).toBe(7);
    expect(summary.ops_failed).toBe(3);
  });

  test('volume set/reset of a valid option succeed and change the store', () => {
    const d = new Driver(mode);
    for (const s of rep3('v0')) d.exec(s);
    expect(d.exec('gluster volume set v0 cluster.shd-max-threads 4')).toMatchObject({ ok: true, message: 'volume set: success' });
    expect(d.cluster.store.get('v0')?.options.get('cluster.shd-max-threads')).toBe('4');
    expect(d.exec('gluster volume reset v0 cluster.shd-max-threads')).toMatchObject({ ok: true, message: 'volume reset: success: reset volume successful' });
    expect(d.cluster.store.get('v0')?.options.has('cluster.shd-max-threads')).toBe(false);
  });

  test('start force restarts the dead bricks of a started volume', () => {
    const d = new Driver(mode);
    for (const s of rep3('v0')) d.exec(s);
    d.wait(S(5));
    const old = d.cluster.node('h2').bricks.get('/bricks/v0')!.pid;
    d.exec('kill-brick h2:/bricks/v0');
    expect(d.brickUp('h2', '/bricks/v0')).toBe(0);
    expect(d.brickUp('h1', '/bricks/v0')).toBe(1);
    const r = d.exec('gluster volume start v0 force');
    expect(r).toMatchObject({ ok: true, message: 'volume start: v0: success' });
    expect(d.brickUp('h2', '/bricks/v0')).toBe(1);
    const now = d.cluster.node('h2').bricks.get('/bricks/v0')!.pid;
    expect(now).not.toBe(old);
    // The live bricks were left alone.
    expect(d.events('brick-start').length).toBe(4);
  });
});

describe.each(MODES)('%s: glusterd unreachable or slow', (mode) => {
  test('with every glusterd down an operation fails at once with "Connection failed"', () => {
    const d = new Driver(mode);
    for (const s of rep3('v0')) d.exec(s);
    for (const h of ['h1', 'h2', 'h3']) d.exec(`kill-glusterd ${h}`);
    for (const h of ['h1', 'h2', 'h3']) expect(d.glusterdUp(h)).toBe(0);
    const before = state(d);
    const r = d.exec('gluster volume stop v0');
    expect(r).toMatchObject({ ok: false, message: NOT_RUNNING, latency: 0 });
    expect(NOT_RUNNING).toBe('Connection failed. Please check if gluster daemon is operational.');
    expect(d.model.ops.at(-1)).toMatchObject({ ok: false, host: '' });
    expect(state(d)).toBe(before);
  });

  test('an operation served by the first glusterd that is up when h1 is down', () => {
    const d = new Driver(mode);
    d.exec('kill-glusterd h1');
    const r = d.exec('gluster volume create v0 replica 3 h{1..3}:/bricks/v0');
    expect(r.ok).toBe(true);
    expect(d.model.ops.at(-1)?.host).toBe('h2');
  });

  test('a command stuck for more than 120 s is answered "Error : Request timed out"', () => {
    // A slow graph init (30 s per xlator, 5 xlators: 150 s) keeps the attach RPC of v1 outstanding;
    // glusterd's delete waits for outstanding attach/detach RPCs (glusterd_wait_for_blockers) and the
    // CLI gives up after its 120 s timeout. glusterd still finishes the delete afterwards.
    const d = new Driver(mode, { model: { graph_init_time_per_xlator: '30s' } });
    for (const s of [...rep3('v0'), ...rep3('v1'), ...rep3('v2', false)]) expect(d.exec(s).ok).toBe(true);
    if (mode === 'mux') {
      expect(d.model.daemons.glusterd('h1')!.blockers).toBe(1);
      const r = d.exec('gluster volume delete v2');
      expect(r).toMatchObject({ ok: false, message: 'Error : Request timed out', latency: CLI_TIMEOUT });
      expect(CLI_TIMEOUT).toBe(S(120));
      expect(d.model.ops.at(-1)).toMatchObject({ ok: false, latency: S(120), message: 'Error : Request timed out' });
      expect(d.cluster.store.has('v2')).toBe(true);
      // The attach finishes 150 s after it reached the shd; the delete then commits.
      expect(d.until(() => !d.cluster.store.has('v2'), S(60))).not.toBeNull();
      expect(d.model.daemons.glusterd('h1')!.blockers).toBe(0);
    } else {
      // Legacy glusterd sends no attach RPC: nothing blocks the delete.
      const r = d.exec('gluster volume delete v2');
      expect(r.ok).toBe(true);
      expect(r.latency).toBeLessThan(S(1));
    }
  });
});

describe('replica / distribute conversions through add-brick and remove-brick', () => {
  test.each(MODES)('%s: distribute → replica 3 → distribute', (mode) => {
    const d = new Driver(mode);
    expect(d.exec('gluster volume create d0 h1:/bricks/d0').ok).toBe(true);
    expect(d.exec('gluster volume start d0').ok).toBe(true);
    expect(d.cluster.store.get('d0')?.kind).toBe('distribute');
    const up = d.exec('gluster volume add-brick d0 replica 3 h2:/bricks/d0 h3:/bricks/d0');
    expect(up).toMatchObject({ ok: true, message: 'volume add-brick: success' });
    expect(d.cluster.store.get('d0')).toMatchObject({ kind: 'replicate', replica: 3 });
    const down2 = d.exec('gluster volume remove-brick d0 replica 2 h3:/bricks/d0 force');
    expect(down2.ok).toBe(true);
    expect(d.cluster.store.get('d0')).toMatchObject({ kind: 'replicate', replica: 2 });
    const down1 = d.exec('gluster volume remove-brick d0 replica 1 h2:/bricks/d0 force');
    expect(down1.ok).toBe(true);
    expect(d.cluster.store.get('d0')).toMatchObject({ kind: 'distribute' });
    expect(d.cluster.store.get('d0')?.bricks).toEqual([{ host: 'h1', path: '/bricks/d0' }]);
    // A removed brick's process is stopped.
    expect(d.brickUp('h2', '/bricks/d0')).toBe(0);
    expect(d.brickUp('h3', '/bricks/d0')).toBe(0);
  });
});
