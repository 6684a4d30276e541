/**
 * Invariants checked after every event (TigerBeetle-style), by default in `shdsim run` and `check`
 * (`--no-invariants` turns them off) and in tests: a breach stops the run with the event, the time and
 * the seed to reproduce it.
 *
 * They run millions of times in a long run, so each is written to cost little when nothing changed:
 * indexed loops that allocate nothing, and what is expensive to walk (the mux parent graph, a legacy
 * shd's hundred volumes) is walked again only after it changed (the parent graph's id, the volume
 * store's generation). A breach found by such a cached walk is found at the first event after the
 * change that caused it.
 */
import type { Simulation } from '../engine/simulation.js';
import type { Daemons } from './daemons.js';

export function registerInvariants(sim: Simulation, daemons: Daemons, opsInFlight: () => number): void {
  const cluster = daemons.cluster;
  const names = daemons.nodeNames;
  const lists = daemons.shdLists;
  if (cluster.mode === 'mux') {
    sim.addInvariant('at most one shd per node (mux)', () => {
      for (let i = 0; i < lists.length; i++) {
        const shds = lists[i]!;
        if (shds.length > 1) return `${shds.length} shd processes on ${names[i]}: pids ${shds.map((s) => s.pid).join(', ')}`;
      }
      return undefined;
    });
  }

  sim.addInvariant('shd graphs consistent (parent graph links and counts, listed graphs active)', () => {
    for (let i = 0; i < lists.length; i++) {
      const shds = lists[i]!;
      for (let j = 0; j < shds.length; j++) {
        const why = shds[j]!.check();
        if (why) return why;
      }
    }
    return undefined;
  });

  sim.addInvariant("glusterd's shd service state consistent", () => {
    for (let i = 0; i < names.length; i++) {
      const g = daemons.glusterds.latest(names[i]!);
      if (!g) continue;
      const why = g.shd.check();
      if (why) return `glusterd on ${g.node.name}: ${why}`;
    }
    return undefined;
  });

  if (cluster.faults.size === 0) {
    // A graph found attached to started volumes only, at a store generation (GraphRuntime's
    // `startedCheckedAt`): it stays so until the store changes (its volumes are fixed with its topology).
    sim.addInvariant('every attached graph belongs to a started volume (node idle)', () => {
      if (opsInFlight() > 0) return undefined;
      const generation = cluster.store.generation;
      for (let i = 0; i < lists.length; i++) {
        const shds = lists[i]!;
        if (shds.length === 0) continue;
        const node = names[i]!;
        const g = daemons.glusterd(node);
        // A node whose glusterd is down or busy has not caught up yet: GlusterFS behaves the same.
        if (!g?.ready || g.bigLock.locked) continue;
        for (let j = 0; j < shds.length; j++) {
          const p = shds[j]!;
          if (p.state !== 'running') continue;
          for (const rt of p.volfiles.values()) {
            if (rt.startedCheckedAt === generation) continue;
            for (const v of rt.volumes()) {
              const vol = cluster.store.get(v);
              if (!vol || !vol.started) return `shd ${p.pid} on ${node} has ${v} attached but the volume is ${vol ? vol.state : 'deleted'}`;
            }
            rt.startedCheckedAt = generation;
          }
        }
      }
      return undefined;
    });
  }
}
