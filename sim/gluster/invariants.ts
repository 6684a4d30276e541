/**
 * Invariants checked after every event (TigerBeetle-style), by default in `shdsim run` and `check`
 * (`--no-invariants` turns them off) and in tests: a breach stops the run with the event, the time and
 * the seed to reproduce it.
 *
 * - at most one shd per node (mux);
 * - each shd's own consistency (ShdProcess.check: the mux parent graph's links and counts, every listed
 *   graph attached and active);
 * - glusterd's shd service state (ShdService.check);
 * - with no fault switched on: no graph left attached for a stopped or deleted volume once a node is
 *   idle (no operation in flight, its glusterd up and not holding its big lock).
 *
 * They run millions of times in a long run (4.8 million events in mass-volume-churn), so they are one
 * pass over the nodes that allocates nothing, and the expensive walks (the mux parent graph, a legacy
 * shd's hundred volumes) are made again only after what they walk changed (the parent graph's id, the
 * volume store's generation). A breach found by such a cached walk is found at the first event after the
 * change that caused it.
 */
import type { Simulation } from '../engine/simulation.js';
import type { Daemons } from './daemons.js';

export function registerInvariants(sim: Simulation, daemons: Daemons, opsInFlight: () => number): void {
  const cluster = daemons.cluster;
  const names = daemons.nodeNames;
  const lists = daemons.shdLists;
  const mux = cluster.mode === 'mux';
  const idleCheck = cluster.faults.size === 0;
  sim.addInvariant('model state', () => {
    const idle = idleCheck && opsInFlight() === 0;
    const generation = cluster.store.generation;
    for (let i = 0; i < lists.length; i++) {
      const shds = lists[i]!;
      const node = names[i]!;
      if (mux && shds.length > 1) return `at most one shd per node (mux): ${shds.length} shd processes on ${node}: pids ${shds.map((s) => s.pid).join(', ')}`;
      for (let j = 0; j < shds.length; j++) {
        const why = shds[j]!.check();
        if (why) return `shd graphs consistent: ${why}`;
      }
      const g = daemons.glusterds.latest(node);
      if (g === undefined) continue;
      const why = g.shd.check();
      if (why) return `glusterd's shd service consistent: glusterd on ${node}: ${why}`;
      // A node whose glusterd is down or busy has not caught up yet: GlusterFS behaves the same.
      if (!idle || shds.length === 0 || !g.ready || !g.alive || !g.node.powered || g.bigLock.locked) continue;
      for (let j = 0; j < shds.length; j++) {
        const p = shds[j]!;
        if (p.state !== 'running') continue;
        // Found attached to started volumes only, at this store generation and list of graphs: so until
        // either changes (a graph's volumes are fixed with its topology).
        const seen = p.idleCheckedAt;
        if (seen.generation === generation && seen.graphs === p.graphsVersion) continue;
        for (const rt of p.volfiles.values()) {
          for (const v of rt.volumes()) {
            const vol = cluster.store.get(v);
            if (!vol || !vol.started) return `every attached graph belongs to a started volume: shd ${p.pid} on ${node} has ${v} attached but the volume is ${vol ? vol.state : 'deleted'}`;
          }
        }
        p.idleCheckedAt = { generation, graphs: p.graphsVersion };
      }
    }
    return undefined;
  });
}
