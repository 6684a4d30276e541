/**
 * Invariants checked after every event in tests (TigerBeetle-style): a breach stops the run with the
 * event, the time and the seed to reproduce it.
 */
import type { Simulation } from '../engine/simulation.js';
import type { Cluster } from './cluster.js';

export function registerInvariants(sim: Simulation, cluster: Cluster, opsInFlight: () => number): void {
  if (cluster.mode === 'mux') {
    sim.addInvariant('at most one shd per node (mux)', () => {
      for (const [node, shds] of cluster.shds) if (shds.length > 1) return `${shds.length} shd processes on ${node}: pids ${shds.map((s) => s.pid).join(', ')}`;
      return undefined;
    });
  }

  sim.addInvariant('parent graph links and counts consistent', () => {
    for (const shds of cluster.shds.values()) {
      for (const p of shds) {
        const problems = p.parent?.check() ?? [];
        if (problems.length) return `shd ${p.pid}: ${problems.join('; ')}`;
        for (const [id, rt] of p.volfiles) {
          if (p.parent && !p.parent.get(id)) return `shd ${p.pid}: ${id} in the volfile list but not in the parent graph`;
          if (rt.state !== 'active') return `shd ${p.pid}: ${id} listed but its graph is ${rt.state}`;
        }
      }
    }
    return undefined;
  });

  sim.addInvariant("glusterd's shd service state consistent", () => {
    for (const g of cluster.glusterds.values()) {
      const why = g.shd.check();
      if (why) return `glusterd on ${g.node.name}: ${why}`;
    }
    return undefined;
  });

  if (cluster.faults.size === 0) {
    sim.addInvariant('every attached graph belongs to a started volume (node idle)', () => {
      if (opsInFlight() > 0) return undefined;
      for (const [node, shds] of cluster.shds) {
        const g = cluster.glusterd(node);
        // A node whose glusterd is down or busy has not caught up yet: GlusterFS behaves the same.
        if (!g?.ready || g.bigLock.locked) continue;
        for (const p of shds) {
          if (p.state !== 'running') continue;
          for (const rt of p.volfiles.values()) {
            for (const v of rt.volumes()) {
              const vol = cluster.store.get(v);
              if (!vol || !vol.started) return `shd ${p.pid} on ${node} has ${v} attached but the volume is ${vol ? vol.state : 'deleted'}`;
            }
          }
        }
      }
      return undefined;
    });
  }
}
