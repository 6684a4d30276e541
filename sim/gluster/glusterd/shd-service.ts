/**
 * glusterd's shd service manager, as each mode implements it: `mux` (shd-mux.ts, GlusterFS 7 →
 * master) and `legacy` (shd-legacy.ts, GlusterFS ≤ 6). glusterd's operations call it; it runs under the
 * big lock (and may release it while it waits, as GlusterFS does).
 */
import { createHash } from 'node:crypto';
import type { ProcessBody } from '../../engine/process.js';
import { RUNDIR } from '../node.js';
import type { GetspecReply, HealAction } from '../rpc/protocol.js';
import type { Volume } from '../volume.js';

export interface HealOpResult {
  ok: boolean;
  /** The CLI's error when not ok. */
  message: string;
}

export interface ShdService {
  /** glusterd_shdsvc_manager for `volume` (start, stop, topology change, restart); 0 or -1. */
  manager(volume: Volume): ProcessBody<number>;
  /** `volume set` / `reset`: glusterd_shdsvc_reconfigure. */
  reconfigure(volume: Volume): ProcessBody<void>;
  /** `volume delete`: stop the volume's shd service if it has one, forget the volume. */
  deleted(volume: Volume): ProcessBody<void>;
  /** `add-brick` raising the replica count stops the volume's shd first (2057ee71cd, #1240). */
  stopForTopology(volume: Volume): ProcessBody<void>;
  /** glusterd start-up: glusterd_shdsvc_restart. */
  restart(): ProcessBody<void>;
  /** `gluster volume heal V [full]`, the brick op to this node's shd. */
  heal(volume: Volume, action: HealAction): ProcessBody<HealOpResult>;
  /** getspec: the volfile for an id this service owns, with the pidfile for `shd/<vol>`. */
  volfileFor(volfileId: string): GetspecReply;
  /** What `gluster volume status V shd` shows for this node. */
  status(volume: string): { online: boolean; pid: number };
  /** Consistency of the service's own state; a description of the breach, or undefined. */
  check(): string | undefined;
}

/** glusterd_set_socket_filepath: /var/run/gluster/<md5 of a per-daemon path>.socket */
export function socketPath(seed: string): string {
  return `${RUNDIR}/${createHash('md5').update(seed).digest('hex')}.socket`;
}
