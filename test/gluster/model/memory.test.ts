/**
 * shd resident memory (memory.ts; reference §5 F14, F19, §6): every attached graph adds its xlators,
 * client connections, the inode table of each replicate/disperse xlator (~1 MiB of hash lists before
 * GlusterFS 9, `model.inode_table=small` after ecdc77ceb9) and its healer threads; a detach gives it
 * all back once the cleanup is done, except the 89 B the attach RPC leaked (F19).
 */
import { MEMORY, shdRssBytes } from '../../../sim/gluster/memory.js';
import { ATTACH_LEAK_BYTES } from '../../../sim/gluster/shd/mux-process.js';
import { Driver, S, rep3 } from './helpers.js';

const KiB = 1024;
const MiB = 1024 * KiB;

function rss(d: Driver, h = 'h1'): number {
  return shdRssBytes(d.shd(h)!, d.model.config);
}

test('documented constants: 1 MiB vs 4 KiB inode tables, 89 B per attach RPC', () => {
  expect(MEMORY.inodeTable).toEqual({ large: MiB, small: 4 * KiB });
  expect(ATTACH_LEAK_BYTES).toBe(89);
});

describe('mux: shd RSS per attached graph', () => {
  /** One 1x3 graph on a node: io-stats + replicate + 3 clients, 1 local healer, its inode table. */
  const rep3Graph = (table: 'large' | 'small') => 5 * MEMORY.perXlator + 3 * MEMORY.perClient + MEMORY.inodeTable[table] + MEMORY.perHealerThread;

  test('grows by one graph per attach (+89 B for the RPC) and shrinks back after the detach cleanup', () => {
    const d = new Driver('mux');
    for (const s of rep3('a')) d.exec(s);
    d.wait(S(10));
    // The first volume: base process, the synthetic parent io-stats, and a's graph (no attach RPC).
    expect(rss(d)).toBe(MEMORY.base + MEMORY.perXlator + rep3Graph('large'));
    const one = rss(d);
    for (const s of rep3('b')) d.exec(s);
    d.wait(S(10));
    expect(rss(d) - one).toBe(rep3Graph('large') + ATTACH_LEAK_BYTES);
    const two = rss(d);
    for (const s of rep3('c')) d.exec(s);
    d.wait(S(10));
    expect(rss(d) - two).toBe(rep3Graph('large') + ATTACH_LEAK_BYTES);
    d.exec('gluster volume stop c');
    d.wait(S(5));
    expect(d.cleanups('h1')).toBe(0);
    expect(rss(d)).toBe(two + ATTACH_LEAK_BYTES);
    d.exec('gluster volume stop b');
    d.wait(S(5));
    expect(rss(d)).toBe(one + 2 * ATTACH_LEAK_BYTES);
  });

  test('a 2x3 graph has two inode tables and two local healers', () => {
    const d = new Driver('mux');
    for (const s of rep3('a')) d.exec(s);
    d.wait(S(10));
    const one = rss(d);
    d.exec('gluster volume create b replica 3 h{1..3}:/bricks/b0 h{1..3}:/bricks/b1');
    d.exec('gluster volume start b');
    d.wait(S(10));
    expect(rss(d) - one).toBe(9 * MEMORY.perXlator + 6 * MEMORY.perClient + 2 * MEMORY.inodeTable.large + 2 * MEMORY.perHealerThread + ATTACH_LEAK_BYTES);
  });

  test('inode_table=small saves (1 MiB − 4 KiB) per replicate xlator', () => {
    const rssOf = (table: 'large' | 'small') => {
      const d = new Driver('mux', { model: { inode_table: table } });
      for (const v of ['a', 'b', 'c', 'd']) for (const s of rep3(v)) d.exec(s);
      d.wait(S(10));
      return rss(d);
    };
    expect(rssOf('large') - rssOf('small')).toBe(4 * (MiB - 4 * KiB));
  });

  test('self-heal-daemon off/on toggles (GlusterFS\'s test: 500, < 10 MB growth): options-only reconfigures, no growth at all', () => {
    const d = new Driver('mux');
    for (const s of rep3('a')) d.exec(s);
    d.wait(S(10));
    const before = rss(d);
    const pid = d.shd('h1')!.pid;
    // 100 toggles (each one is the same options-only reconfigure: 0 bytes) keep the suite fast.
    for (let i = 0; i < 100; i++) {
      d.exec('gluster volume set a cluster.self-heal-daemon off');
      d.exec('gluster volume set a cluster.self-heal-daemon on');
    }
    d.wait(S(10));
    expect(d.shd('h1')!.pid).toBe(pid);
    expect(rss(d) - before).toBeLessThan(10 * 1000 * 1000);
    expect(rss(d)).toBe(before);
    expect(d.cluster.counters.graphReconfigures).toBe(3 * 200);
  });

  test('peak_shd_rss_mib in the summary is the largest sampled process', () => {
    const d = new Driver('mux');
    for (const v of ['a', 'b']) for (const s of rep3(v)) d.exec(s);
    d.wait(S(20));
    const peak = rss(d);
    d.exec('gluster volume stop b');
    d.wait(S(20));
    const summary = d.model.finish([]).summary;
    expect(summary.peak_shd_rss_mib).toBeCloseTo(peak / MiB, 9);
  });
});

test('legacy: the combined graph costs the same per volume, and a restart starts from the base', () => {
  const d = new Driver('legacy');
  for (const v of ['a', 'b']) for (const s of rep3(v)) d.exec(s);
  d.wait(S(10));
  // The combined graph: one io-stats top `glustershd` and each volume's replicate + 3 clients.
  const perVolume = 4 * MEMORY.perXlator + 3 * MEMORY.perClient + MEMORY.inodeTable.large + MEMORY.perHealerThread;
  expect(rss(d)).toBe(MEMORY.base + MEMORY.perXlator + 2 * perVolume);
});
