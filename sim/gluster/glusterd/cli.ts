/**
 * The gluster CLI talking to glusterd: one management transaction (reference §1.4; glusterd's op state
 * machine, simplified). The CLI reaches the first node whose glusterd is up; that glusterd (the
 * originator) takes its big lock, locks and stages on its peers, changes the volume store, and has every
 * peer whose glusterd is up run the commit (each under its own big lock, in parallel), then unlocks and
 * answers. A peer whose glusterd is down is skipped; it catches up when it starts (its restart runs the
 * shd manager for every started volume).
 */
import { allOf, sleep, waitFor, type ProcessBody } from '../../engine/process.js';
import type { Waitable } from '../../engine/signal.js';
import type { GlusterCommand } from '../../scenario/ast.js';
import type { CommandOutcome } from '../../scenario/model-api.js';
import type { Cluster } from '../cluster.js';
import { LOOPBACK_ONE_WAY } from '../network.js';
import type { Glusterd, Glusterds } from './glusterd.js';
import { plan } from './ops.js';

export const NOT_RUNNING = 'Connection failed. Please check if gluster daemon is operational.';

export interface CliResult extends CommandOutcome {
  /** The node whose glusterd answered ('' when none could). */
  readonly host: string;
}

/** Glusterds able to take part in a transaction, in node order. */
function readyGlusterds(cluster: Cluster, glusterds: Glusterds): Glusterd[] {
  const out: Glusterd[] = [];
  for (const name of cluster.nodes.keys()) {
    const g = glusterds.up(name);
    if (g?.ready) out.push(g);
  }
  return out;
}

export function* runGlusterCommand(cluster: Cluster, glusterds: Glusterds, cmd: GlusterCommand): ProcessBody<CliResult> {
  const config = cluster.config;
  const originator = readyGlusterds(cluster, glusterds)[0];
  if (!originator) return { ok: false, message: NOT_RUNNING, host: '' };
  const host = originator.node.name;
  yield sleep(2 * LOOPBACK_ONE_WAY); // CLI → glusterd over its local socket
  yield waitFor(originator.bigLock.acquire());
  const peers = readyGlusterds(cluster, glusterds);
  const peerRtt = Math.max(0, ...peers.map((p) => cluster.network.rtt(host, p.node.name)));
  yield sleep(2 * peerRtt); // mgmt_v3 lock and stage on every peer
  const planned = plan(cluster, cmd);
  if ('error' in planned) {
    originator.bigLock.release();
    return { ok: false, message: planned.error, host };
  }
  if (planned.before) yield* planned.before(originator);
  yield sleep(config.glusterd_op_time);
  planned.apply();
  const errors: string[] = [];
  const commits: Waitable[] = [];
  for (const g of peers) {
    if (!g.alive || (planned.peers && !planned.peers(g))) continue;
    const held = g === originator;
    commits.push(
      g.scope.spawn(`commit ${cmd.op} on ${g.node.name}`, (function* (): ProcessBody<void> {
        if (!held) yield waitFor(g.bigLock.acquire());
        const err: string = yield* planned.commit(g, originator);
        if (err) errors.push(err);
        if (!held) g.bigLock.release();
      })()).exited,
    );
  }
  if (commits.length) yield allOf(commits);
  yield sleep(peerRtt); // unlock
  if (originator.alive) originator.bigLock.release();
  if (errors.length) return { ok: false, message: errors[0]!, host };
  return { ok: true, message: planned.success, host };
}
