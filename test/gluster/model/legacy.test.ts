/**
 * The legacy shd (GlusterFS ≤ 6, reference §0): one process per node with one combined volfile
 * (`glustershd/glustershd-server.vol`, top io-stats `glustershd`) holding every started
 * replicate/disperse volume. Its manager stops and starts the process on every start, stop,
 * add-brick and remove-brick of such a volume (not of a distribute one); an options-only change goes
 * through fetch-spec and is reconfigured in place ("option … using set value …", no restart). A
 * restart loses the frames in flight (they are never answered nor unwound) and the heals start over
 * in the new process.
 */
import { LEGACY_PIDFILE, LEGACY_VOLFILE } from '../../../sim/gluster/glusterd/shd-legacy.js';
import { finalGraphDumpSize } from '../../../sim/gluster/volfile/dump.js';
import { parseVolfile } from '../../../sim/gluster/volfile/parse.js';
import { Driver, S, rep3 } from './helpers.js';

const HOSTS = ['h1', 'h2', 'h3'];

describe('legacy: one shd per node, restarted by the manager', () => {
  test('its pid changes on every start/stop/add-brick/remove-brick of a replicate volume, and shd_starts counts each', () => {
    const d = new Driver('legacy');
    const pids: number[] = [];
    const step = (cmd: string, restarts: boolean) => {
      const before = d.shd('h1')?.pid ?? 0;
      const starts = d.shdStarts('h1');
      expect(d.exec(cmd).ok).toBe(true);
      d.wait(S(5));
      const after = d.shd('h1')?.pid ?? 0;
      if (restarts) {
        expect(after).not.toBe(before);
        expect(d.shdStarts('h1')).toBe(starts + 1);
        pids.push(after);
      } else {
        expect(after).toBe(before);
        expect(d.shdStarts('h1')).toBe(starts);
      }
      for (const h of HOSTS) expect(d.model.daemons.liveShds(h).length).toBeLessThanOrEqual(1);
    };
    for (const s of ['gluster volume create a replica 3 h{1..3}:/b/a', 'gluster volume create b replica 3 h{1..3}:/b/b', 'gluster volume create d h{1..3}:/b/d']) d.exec(s);
    step('gluster volume start a', true);
    step('gluster volume start b', true);
    step('gluster volume start d', false); // distribute: not shd-compatible, no manager call
    step('gluster volume set a cluster.heal-timeout 20', false); // options only: fetch-spec
    step('gluster volume set b cluster.shd-max-threads 2', false);
    step('gluster volume add-brick a h{1..3}:/b/a2', true);
    step('gluster volume remove-brick a h{1..3}:/b/a2 force', true);
    step('gluster volume stop d', false);
    step('gluster volume stop b', true);
    expect(d.shdStarts('h1')).toBe(5);
    // The last replicate volume stopped: the process is stopped, not restarted.
    expect(d.exec('gluster volume stop a').ok).toBe(true);
    expect(HOSTS.map((h) => d.shdCount(h))).toEqual([0, 0, 0]);
    expect(d.shdStarts('h1')).toBe(5);
    expect(d.cluster.node('h1').runFiles.has(LEGACY_PIDFILE)).toBe(false);
    expect(new Set(pids).size).toBe(pids.length);
    // Every node restarted as often.
    expect(HOSTS.map((h) => d.shdStarts(h))).toEqual([5, 5, 5]);
  });

  test('a replicate volume turned distribute by remove-brick: GlusterFS 6\'s manager skips it, the shd keeps its graph', () => {
    const d = new Driver('legacy');
    for (const s of ['gluster volume create a replica 2 h1:/b/a h2:/b/a', 'gluster volume start a', ...rep3('b')]) d.exec(s);
    d.wait(S(5));
    const pid = d.shd('h1')!.pid;
    const starts = d.shdStarts('h1');
    const volfile = d.cluster.node('h1').workFiles.get(LEGACY_VOLFILE);
    expect(d.exec('gluster volume remove-brick a replica 1 h2:/b/a force').ok).toBe(true);
    d.wait(S(5));
    // glusterd_shdsvc_manager (v6): `if (!(volinfo && !glusterd_is_shd_compatible_volume(volinfo)))`
    // guards both the stop and the restart: nothing happens, the combined volfile is not rewritten.
    expect(d.shd('h1')!.pid).toBe(pid);
    expect(d.shdStarts('h1')).toBe(starts);
    expect(d.cluster.node('h1').workFiles.get(LEGACY_VOLFILE)).toBe(volfile);
    expect([...d.legacyShd('h1')!.legacyGraph!.volumes()].sort()).toEqual(['a', 'b']);
    // The next manager call for a shd-compatible volume rebuilds it without `a`.
    d.exec('gluster volume stop b');
    d.exec('gluster volume start b');
    d.wait(S(5));
    expect(d.legacyShd('h1')!.legacyGraph!.volumes()).toEqual(['b']);
  });

  test('the combined graph holds every started replicate/disperse volume, under one io-stats "glustershd"', () => {
    const d = new Driver('legacy');
    for (const s of [
      ...rep3('a'),
      'gluster volume create e disperse 3 redundancy 1 h{1..3}:/b/e',
      'gluster volume start e',
      'gluster volume create d h1:/b/d',
      'gluster volume start d',
      ...rep3('stopped', false),
    ]) expect(d.exec(s).ok).toBe(true);
    d.wait(S(5));
    const p = d.legacyShd('h1')!;
    expect(p.spawn.volfileId).toBe('gluster/glustershd');
    expect([...p.legacyGraph!.volumes()].sort()).toEqual(['a', 'e']);
    const graph = parseVolfile(d.cluster.node('h1').workFiles.get(LEGACY_VOLFILE)!, LEGACY_VOLFILE);
    expect(graph.top.name).toBe('glustershd');
    expect(graph.top.type).toBe('debug/io-stats');
    // GlusterFS 6 build_shd_graph: every volume's replicate/disperse subtree straight below it.
    expect(graph.top.children.map((c) => c.name).sort()).toEqual(['a-replicate-0', 'e-disperse-0']);
    for (const v of ['a', 'e']) {
      expect(d.attached(v, 'h1')).toBe(1);
      expect(d.shdPid(v, 'h1')).toBe(p.pid);
      expect(d.pidfile(v, 'h1')).toBe(p.pid);
    }
    for (const v of ['d', 'stopped']) {
      expect(d.attached(v, 'h1')).toBe(0);
      expect(d.shdPid(v, 'h1')).toBe(0);
      expect(d.pidfile(v, 'h1')).toBe(0);
    }
    expect(d.healers('h1', 'afr')).toBe(1);
    expect(d.healers('h1', 'ec')).toBe(1);
  });

  test('every start logs the whole combined graph', () => {
    const d = new Driver('legacy');
    for (const s of [...rep3('a'), ...rep3('b')]) d.exec(s);
    d.wait(S(5));
    const dumpLines = d.logCount('h1', 'glustershd', 'graph-dump');
    const combined = parseVolfile(d.cluster.node('h1').workFiles.get(LEGACY_VOLFILE)!, LEGACY_VOLFILE);
    d.exec('gluster volume create c replica 3 h{1..3}:/b/c');
    d.exec('gluster volume start c');
    d.wait(S(5));
    const withC = parseVolfile(d.cluster.node('h1').workFiles.get(LEGACY_VOLFILE)!, LEGACY_VOLFILE);
    const row = () => d.cluster.logs.rows().find((r) => r.node === 'h1' && r.key === 'graph-dump')!;
    expect(row().lines - dumpLines).toBe(finalGraphDumpSize(withC).lines);
    // a + b + c's graph is bigger than a + b's: the dump grows with every volume the node serves.
    expect(finalGraphDumpSize(withC).lines).toBeGreaterThan(finalGraphDumpSize(combined).lines);
  });

  test('an options-only change is reconfigured in place: "option … using set value …", no dump, no restart', () => {
    const d = new Driver('legacy');
    for (const s of [...rep3('a'), ...rep3('b')]) d.exec(s);
    d.wait(S(5));
    const pid = d.shd('h1')!.pid;
    const dumps = d.logCount('h1', 'glustershd', 'graph-dump');
    const optionLines = d.logCount('h1', 'glustershd', '0');
    expect(optionLines).toBe(0);
    expect(d.exec('gluster volume set a cluster.heal-timeout 20').ok).toBe(true);
    d.wait(S(5));
    expect(d.shd('h1')!.pid).toBe(pid);
    expect(d.logCount('h1', 'glustershd', 'graph-dump')).toBe(dumps);
    expect(d.cluster.counters.graphReconfigures).toBe(3); // one per node
    expect(d.logCount('h1', 'glustershd', '0')).toBeGreaterThan(0);
    expect(d.events('reconfigure', 'h1').map((e) => e.volume).sort()).toEqual(['a', 'b']);
    // The new value reached a's replicate xlator, not b's.
    const xls = d.legacyShd('h1')!.legacyGraph!.clusters;
    expect(xls.find((x) => x.volume === 'a')!.healTimeout).toBe(S(20));
    expect(xls.find((x) => x.volume === 'b')!.healTimeout).toBe(S(600));
  });

  test('a restart during heals loses their frames; the entries heal in the new process', () => {
    const d = new Driver('legacy');
    for (const s of [...rep3('v'), 'gluster volume set v cluster.shd-max-threads 4', 'mount v /mnt/v', 'kill-brick h3:/bricks/v', 'write /mnt/v files=8 size=64MiB']) d.exec(s);
    d.wait(S(30));
    d.exec('gluster volume start v force');
    expect(d.until(() => d.inFlight('h1') + d.inFlight('h2') > 0, S(30))).not.toBeNull();
    d.exec('gluster volume create other replica 3 h{1..3}:/bricks/other');
    const inFlight = HOSTS.reduce((n, h) => n + d.inFlight(h), 0);
    expect(inFlight).toBeGreaterThan(0);
    const lost0 = d.cluster.counters.framesLost;
    d.exec('gluster volume start other'); // restarts every node's shd
    expect(d.cluster.counters.framesLost - lost0).toBeGreaterThanOrEqual(1);
    expect(HOSTS.reduce((n, h) => n + d.unwound(h), 0)).toBe(0);
    expect(d.until(() => d.pending('v') === 0, S(600))).not.toBeNull();
    expect(d.cluster.heals.entries.every((e) => e.healedAt !== null)).toBe(true);
  });
});
