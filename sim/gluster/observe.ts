/**
 * The observables of the scenario language (spec §2.3), with the meaning the reference §4 gives them:
 * one query API that the scenario runner and the tests share.
 */
import type { Observable } from '../scenario/ast.js';
import type { Cluster } from './cluster.js';
import type { Daemons } from './daemons.js';
import { LEGACY_PIDFILE } from './glusterd/shd-legacy.js';
import { RUNDIR } from './node.js';
import type { ClusterKind } from './shd/cluster-xlator.js';

export function observe(daemons: Daemons, o: Observable): number {
  const cluster = daemons.cluster;
  switch (o.name) {
    case 'shd_count':
      return daemons.liveShds(o.host).length;
    case 'shd_pid':
      return shdPid(daemons, o.volume, o.host);
    case 'pidfile':
      return pidfile(cluster, o.volume, o.host);
    case 'healer_threads':
      return healerThreads(daemons, o.host, o.kind);
    case 'cleanup_threads':
      return cleanupThreads(daemons, o.host);
    case 'pending_heals':
      return pendingHeals(cluster, o.volume);
    case 'attached':
      return attached(daemons, o.volume, o.host) ? 1 : 0;
    case 'shd_starts':
      return cluster.node(o.host).shdStarts;
    case 'brick_up':
      return cluster.brick(o.brick.host, o.brick.path) ? 1 : 0;
    case 'glusterd_up':
      return daemons.glusterd(o.host) ? 1 : 0;
    case 'log_lines':
      return cluster.logs.nodeTotals(o.host).lines;
    case 'log_bytes':
      return cluster.logs.nodeTotals(o.host).bytes;
    case 'frames_unwound':
      return cluster.counters.unwoundOn.get(o.host) ?? 0;
    case 'frames_in_flight':
      return framesInFlight(daemons, o.host);
    case 'heals_completed':
      return cluster.counters.healedIn.get(o.volume) ?? 0;
  }
}

/** `gluster volume status V shd` on HOST: the pid if the shd serving V there is online, else 0. */
export function shdPid(daemons: Daemons, volume: string, host: string): number {
  const g = daemons.glusterd(host);
  if (!g?.ready) return 0;
  const s = g.shd.status(volume);
  return s.online ? s.pid : 0;
}

/** The pid in V's shd pidfile on HOST (legacy: the one glustershd.pid, for a volume it serves). */
export function pidfile(cluster: Cluster, volume: string, host: string): number {
  const node = cluster.node(host);
  if (cluster.mode === 'mux') return node.runFiles.get(`${RUNDIR}/shd/${volume}/${volume}-shd.pid`) ?? 0;
  const v = cluster.store.get(volume);
  if (!v || !v.started || !v.shdCompatible) return 0;
  return node.runFiles.get(LEGACY_PIDFILE) ?? 0;
}

export function healerThreads(daemons: Daemons, host: string, kind: ClusterKind): number {
  let n = 0;
  for (const p of daemons.liveShds(host)) for (const g of p.graphs) n += g.healerThreads(kind);
  return n;
}

export function cleanupThreads(daemons: Daemons, host: string): number {
  let n = 0;
  for (const p of daemons.liveShds(host)) for (const g of p.graphs) if (g.state === 'cleanup') n++;
  return n;
}

/** heal info: index entries summed over the volume's bricks that answer (a down brick shows none). */
export function pendingHeals(cluster: Cluster, volume: string): number {
  const v = cluster.store.get(volume);
  if (!v) return 0;
  let n = 0;
  for (const b of v.bricks) {
    if (!cluster.brick(b.host, b.path)) continue;
    n += cluster.node(b.host).disk(b.path).index.size;
  }
  return n;
}

/** V's graph is attached and active in the shd on HOST. */
export function attached(daemons: Daemons, volume: string, host: string): boolean {
  for (const p of daemons.liveShds(host)) if (p.isAttached(volume)) return true;
  return false;
}

export function framesInFlight(daemons: Daemons, host: string): number {
  let n = 0;
  for (const p of daemons.liveShds(host)) for (const g of p.graphs) n += g.framesInFlight();
  return n;
}
