/**
 * Invariants checked after every event (TigerBeetle-style), by default in `shdsim run` and `check`
 * (`--no-invariants` turns them off) and in tests: a breach stops the run with the event, the time and
 * the seed to reproduce it.
 *
 * They run millions of times in a long run, so each is written to cost little when nothing changed:
 * no allocation, and what is expensive to walk (the mux parent graph, a legacy shd's hundred volumes) is
 * walked again only after it changed (the parent graph's id, the volume store's generation).
 */
import type { Simulation } from '../engine/simulation.js';
import type { Daemons } from './daemons.js';
import type { GraphRuntime } from './shd/graph-runtime.js';

export function registerInvariants(sim: Simulation, daemons: Daemons, opsInFlight: () => number): void {
  const cluster = daemons.cluster;
  if (cluster.mode === 'mux') {
    sim.addInvariant('at most one shd per node (mux)', () => {
      for (const [node, shds] of daemons.shds) if (shds.length > 1) return `${shds.length} shd processes on ${node}: pids ${shds.map((s) => s.pid).join(', ')}`;
      return undefined;
    });
  }

  sim.addInvariant('shd graphs consistent (parent graph links and counts, listed graphs active)', () => {
    for (const shds of daemons.shds.values()) {
      for (const p of shds) {
        const why = p.check();
        if (why) return why;
      }
    }
    return undefined;
  });

  sim.addInvariant("glusterd's shd service state consistent", () => {
    for (const g of daemons.glusterds.all()) {
      const why = g.shd.check();
      if (why) return `glusterd on ${g.node.name}: ${why}`;
    }
    return undefined;
  });

  if (cluster.faults.size === 0) {
    // A graph found attached to started volumes only, at a store generation: it stays so until the
    // store changes (the graph's volumes are fixed with its topology).
    const verified = new WeakMap<GraphRuntime, number>();
    sim.addInvariant('every attached graph belongs to a started volume (node idle)', () => {
      if (opsInFlight() > 0) return undefined;
      const generation = cluster.store.generation;
      for (const [node, shds] of daemons.shds) {
        if (shds.length === 0) continue;
        const g = daemons.glusterd(node);
        // A node whose glusterd is down or busy has not caught up yet: GlusterFS behaves the same.
        if (!g?.ready || g.bigLock.locked) continue;
        for (const p of shds) {
          if (p.state !== 'running') continue;
          for (const rt of p.volfiles.values()) {
            if (verified.get(rt) === generation) continue;
            for (const v of rt.volumes()) {
              const vol = cluster.store.get(v);
              if (!vol || !vol.started) return `shd ${p.pid} on ${node} has ${v} attached but the volume is ${vol ? vol.state : 'deleted'}`;
            }
            verified.set(rt, generation);
          }
        }
      }
      return undefined;
    });
  }
}
