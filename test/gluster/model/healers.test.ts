/**
 * Index-healer threads (reference §4, §3.1, §7): one per *local* child of every replicate / disperse
 * xlator attached in the node's shd, created on CHILD_UP; a child on another node gets none
 * (ASSERT_LOCAL). Counted before and after add-brick, remove-brick and distribute ↔ replicate
 * conversions, in both modes (legacy's combined graph holds the same xlators).
 */
import { Driver, MODES, S } from './helpers.js';

const HOSTS = ['h1', 'h2', 'h3'];

/** Runs the steps (waiting 10 s after each gluster command) and returns the driver. */
function after(mode: (typeof MODES)[number], steps: string[]): Driver {
  const d = new Driver(mode);
  for (const s of steps) {
    const r = d.exec(s);
    if (!r.ok) throw new Error(`${s}: ${r.message}`);
    d.wait(S(10));
  }
  return d;
}

const afr = (d: Driver) => HOSTS.map((h) => d.healers(h, 'afr'));
const ec = (d: Driver) => HOSTS.map((h) => d.healers(h, 'ec'));

describe.each(MODES)('%s: healer_threads', (mode) => {
  test('1x3 over 3 nodes: one AFR healer per node', () => {
    const d = after(mode, ['gluster volume create v replica 3 h{1..3}:/b/v', 'gluster volume start v']);
    expect(afr(d)).toEqual([1, 1, 1]);
    expect(ec(d)).toEqual([0, 0, 0]);
  });

  test('2x3 over 3 nodes: two per node', () => {
    const d = after(mode, ['gluster volume create v replica 3 h{1..3}:/b/v0 h{1..3}:/b/v1', 'gluster volume start v']);
    expect(afr(d)).toEqual([2, 2, 2]);
  });

  test('1x3 with two bricks on h1 (force): two on h1, one on h2, none on h3', () => {
    const d = after(mode, ['gluster volume create v replica 3 h1:/b/a h1:/b/b h2:/b/a force', 'gluster volume start v']);
    expect(afr(d)).toEqual([2, 1, 0]);
  });

  test('disperse 6 redundancy 2 (4+2) with two bricks per node: two EC healers per node', () => {
    const d = after(mode, ['gluster volume create e disperse 6 redundancy 2 h{1..3}:/b/e0 h{1..3}:/b/e1 force', 'gluster volume start e']);
    expect(ec(d)).toEqual([2, 2, 2]);
    expect(afr(d)).toEqual([0, 0, 0]);
  });

  test('two volumes add up: 1x3 + 2x3 → three per node; stopping the 2x3 leaves one', () => {
    const d = after(mode, [
      'gluster volume create a replica 3 h{1..3}:/b/a',
      'gluster volume create b replica 3 h{1..3}:/b/b0 h{1..3}:/b/b1',
      'gluster volume start a',
      'gluster volume start b',
    ]);
    expect(afr(d)).toEqual([3, 3, 3]);
    d.exec('gluster volume stop b');
    d.wait(S(10));
    expect(afr(d)).toEqual([1, 1, 1]);
  });

  test('add-brick 1x3 → 2x3 and remove-brick back to 1x3', () => {
    const d = after(mode, ['gluster volume create v replica 3 h{1..3}:/b/v0', 'gluster volume start v']);
    expect(afr(d)).toEqual([1, 1, 1]);
    d.exec('gluster volume add-brick v h{1..3}:/b/v1');
    d.wait(S(10));
    expect(afr(d)).toEqual([2, 2, 2]);
    d.exec('gluster volume remove-brick v h{1..3}:/b/v0 force');
    d.wait(S(10));
    expect(afr(d)).toEqual([1, 1, 1]);
  });

  test('distribute → replica 3 → replica 2 → distribute', () => {
    const d = after(mode, ['gluster volume create v h1:/b/v', 'gluster volume start v']);
    expect(afr(d)).toEqual([0, 0, 0]);
    expect(HOSTS.map((h) => d.shdCount(h))).toEqual([0, 0, 0]);
    d.exec('gluster volume add-brick v replica 3 h2:/b/v h3:/b/v');
    d.wait(S(10));
    expect(afr(d)).toEqual([1, 1, 1]);
    d.exec('gluster volume remove-brick v replica 2 h3:/b/v force');
    d.wait(S(10));
    expect(afr(d)).toEqual([1, 1, 0]);
    d.exec('gluster volume remove-brick v replica 1 h2:/b/v force');
    d.wait(S(10));
    if (mode === 'mux') {
      // No replicate/disperse volume left: the manager stops the svc of a volume that is no longer
      // shd-compatible, and with it the last (only) graph: no shd on any node.
      expect(afr(d)).toEqual([0, 0, 0]);
      expect(HOSTS.map((h) => d.shdCount(h))).toEqual([0, 0, 0]);
    } else {
      // GlusterFS 6's manager skips a volume that is not shd-compatible (it neither stops nor
      // restarts): the shd keeps its replica-2 graph.
      expect(afr(d)).toEqual([1, 1, 0]);
      expect(HOSTS.map((h) => d.shdCount(h))).toEqual([1, 1, 1]);
    }
  });

  test('a local brick down when the graph comes up gets no healer until it is back', () => {
    const d = after(mode, ['gluster volume create v replica 3 h{1..3}:/b/v']);
    d.exec('gluster volume start v');
    d.exec('kill-brick h2:/b/v');
    d.wait(S(10));
    // The h2 brick was killed as the shd started: h2's child never came up.
    expect(afr(d)).toEqual([1, 0, 1]);
    d.exec('gluster volume start v force');
    d.wait(S(10));
    expect(afr(d)).toEqual([1, 1, 1]);
  });
});
