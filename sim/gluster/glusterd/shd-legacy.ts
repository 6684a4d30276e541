/**
 * glusterd's shd service in legacy mode (GlusterFS ≤ 6, reference §0): one svc per node with one
 * combined volfile (`glustershd/glustershd-server.vol`, top io-stats `glustershd`) holding every started
 * replicate/disperse volume. Its manager — run when such a volume starts, stops or changes topology, and
 * at glusterd start — stops the process and starts a new one (every graph, connection and heal of every
 * volume is lost and rebuilt, and the new process dumps the whole graph into the log). An options-only
 * change rewrites the volfile and goes through fetch-spec: the process reconfigures in place.
 *
 * `model.glusterd_restart: adopt` (a what-if) keeps a running shd at glusterd start when its volfile
 * has not changed.
 */
import { waitFor, type ProcessBody } from '../../engine/process.js';
import { topologyEqual } from '../graph/topology.js';
import { GLUSTERD } from '../logs/catalogue.js';
import { RUNDIR, WORKDIR } from '../node.js';
import type { HealAction } from '../rpc/protocol.js';
import type { SvcClient } from '../rpc/svc-client.js';
import { generateLegacyShdVolfile } from '../volfile/generate.js';
import { parseVolfile } from '../volfile/parse.js';
import type { Volume } from '../volume.js';
import type { Glusterd } from './glusterd.js';
import { socketPath, type HealOpResult, type ShdService } from './shd-service.js';

export const LEGACY_VOLFILE_ID = 'gluster/glustershd';
export const LEGACY_PIDFILE = `${RUNDIR}/glustershd/glustershd.pid`;
export const LEGACY_VOLFILE = `${WORKDIR}/glustershd/glustershd-server.vol`;

export class LegacyShdService implements ShdService {
  online = false;
  private readonly conn: SvcClient;

  constructor(private readonly g: Glusterd) {
    this.conn = g.svcClient(socketPath(`${RUNDIR}/glustershd/run-${g.node.uuid}`), (ev) => {
      this.online = ev === 'connect';
      if (ev === 'disconnect') g.log(GLUSTERD.shdDisconnected, undefined);
    });
  }

  private get cluster() {
    return this.g.cluster;
  }

  /** Started replicate/disperse volumes: what the combined volfile holds. */
  private served(): Volume[] {
    return this.cluster.store.started().filter((v) => v.shdCompatible);
  }

  private combined(): string {
    return generateLegacyShdVolfile(this.served().map((v) => v.layout()));
  }

  /**
   * GlusterFS 6 glusterd_shdsvc_manager: stop + start, or just stop when nothing is left to serve. A
   * call for a volume that is not replicate/disperse (e.g. one remove-brick just turned into plain
   * distribute) does neither: `!(volinfo && !glusterd_is_shd_compatible_volume(volinfo))` guards
   * both branches, so the running shd keeps its graph until the next manager call.
   */
  *manager(volume?: Volume): ProcessBody<number> {
    if (volume && !volume.shdCompatible) return 0;
    const node = this.g.node;
    if (this.served().length === 0) {
      if (node.runningPid(LEGACY_PIDFILE) !== undefined) yield* this.stop();
      return 0;
    }
    node.workFiles.set(LEGACY_VOLFILE, this.combined());
    yield* this.stop();
    this.g.spawnShd({ volfileId: LEGACY_VOLFILE_ID, pidfile: LEGACY_PIDFILE, sockpath: this.conn.sockpath });
    this.conn.start();
    return 0;
  }

  /** glusterd_svc_stop: the process, then the connection. */
  private *stop(): ProcessBody<void> {
    yield* this.g.procStop(LEGACY_PIDFILE);
    this.conn.disable();
    this.online = false;
    this.g.log(GLUSTERD.serviceStopped, undefined);
  }

  *reconfigure(volume: Volume): ProcessBody<void> {
    if (!volume.started) return; // a stopped volume is not in the combined volfile
    const node = this.g.node;
    const next = this.combined();
    const current = node.workFiles.get(LEGACY_VOLFILE);
    if (current === next) return;
    if (current !== undefined && node.runningPid(LEGACY_PIDFILE) !== undefined && topologyEqual(parseVolfile(current, LEGACY_VOLFILE), parseVolfile(next, LEGACY_VOLFILE))) {
      node.workFiles.set(LEGACY_VOLFILE, next);
      this.g.fetchspecNotify();
      return;
    }
    yield* this.manager(volume);
  }

  *deleted(_volume: Volume): ProcessBody<void> {
    // A deleted volume was stopped first: the manager already rebuilt the combined volfile.
  }

  *stopForTopology(_volume: Volume): ProcessBody<void> {
    // The legacy manager restarts the whole process after the change anyway.
  }

  *restart(): ProcessBody<void> {
    const node = this.g.node;
    if (this.cluster.config.glusterd_restart === 'adopt' && node.runningPid(LEGACY_PIDFILE) !== undefined && node.workFiles.get(LEGACY_VOLFILE) === this.combined()) {
      this.conn.start();
      return;
    }
    yield* this.manager();
  }

  *heal(volume: Volume, action: HealAction): ProcessBody<HealOpResult> {
    if (!this.online || !this.conn.connected) return { ok: false, message: 'Self-heal daemon is not running. Check self-heal daemon log file.' };
    const reply = this.conn.call({ proc: 'heal', volume: volume.name, action }, `heal ${volume.name}`);
    const ret: number = yield waitFor(reply);
    return ret === 0 ? { ok: true, message: '' } : { ok: false, message: 'Self-heal daemon is not running. Check self-heal daemon log file.' };
  }

  volfileFor(volfileId: string): { content: string } | null {
    if (volfileId !== LEGACY_VOLFILE_ID) return null;
    const content = this.g.node.workFiles.get(LEGACY_VOLFILE);
    return content === undefined ? null : { content };
  }

  status(volume: string): { online: boolean; pid: number } {
    const v = this.cluster.store.get(volume);
    if (!v || !v.started || !v.shdCompatible) return { online: false, pid: 0 };
    const pid = this.g.node.runningPid(LEGACY_PIDFILE) ?? 0;
    return { online: this.online && pid !== 0, pid };
  }

  check(): string | undefined {
    return undefined;
  }
}
