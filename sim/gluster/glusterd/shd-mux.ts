/**
 * glusterd's shd service in mux mode (reference §1.2–§1.8, §1.13, §1.14): one svc object per volume,
 * sharing one process object (`glusterd_svc_proc_t`) per node.
 *
 * - manager: serialised by `restart_shd`; writes the volume's volfile; mux_init picks the process (a
 *   running one found through the volume's pidfile, any attachable one, or a new one) — a running pid
 *   that no process object owns is stale (after a glusterd restart) and is killed; then start or stop.
 * - start: the first volume of a new process spawns it (it fetches its own volfile); later volumes are
 *   attached by RPC, retried 15 × 1 s while the process is not connected (the big lock is dropped during
 *   each sleep). The volume goes online in the reply's callback.
 * - stop: the last volume's stop kills the process (SIGTERM, 10 × 100 ms, SIGKILL); others are detached
 *   by RPC, and glusterd does not wait for the cleanup.
 * - reconfigure: an identical volfile does nothing; same topology → write it and fetchspec-notify; else
 *   the manager (a re-attach, which the process turns into a graph replacement).
 */
import { check, removeFrom } from '../../engine/assert.js';
import { sleep, waitFor, type ProcessBody } from '../../engine/process.js';
import { Signal } from '../../engine/signal.js';
import { seconds } from '../../engine/time.js';
import { topologyEqual } from '../graph/topology.js';
import { GLUSTERD } from '../logs/catalogue.js';
import { RUNDIR, WORKDIR } from '../node.js';
import type { HealAction } from '../rpc/protocol.js';
import type { SvcClient } from '../rpc/svc-client.js';
import { generateShdVolfile } from '../volfile/generate.js';
import { parseVolfile } from '../volfile/parse.js';
import type { Volume } from '../volume.js';
import type { Glusterd } from './glusterd.js';
import { socketPath, type HealOpResult, type ShdService } from './shd-service.js';

/** glusterd_attach_svc / glusterd_detach_svc: 15 tries, one second apart. */
export const SVC_RPC_TRIES = 15;
export const SVC_RPC_RETRY = seconds(1);

type ProcStatus = 'starting' | 'started' | 'disconnected' | 'died' | 'stopping';

/** volinfo->shd: one per volume. */
class ShdSvc {
  inited = false;
  /** The volume's graph is (or is being) loaded into a running process. */
  attached = false;
  online = false;
  proc: SvcProc | undefined = undefined;
  readonly volfileId: string;
  readonly pidfile: string;
  readonly volfile: string;
  readonly sockpath: string;

  constructor(
    readonly volume: string,
    nodeUuid: string,
  ) {
    this.volfileId = `shd/${volume}`;
    this.pidfile = `${RUNDIR}/shd/${volume}/${volume}-shd.pid`;
    this.volfile = `${WORKDIR}/vols/${volume}/${volume}-shd.vol`;
    this.sockpath = socketPath(`${RUNDIR}/shd/${volume}/run-${nodeUuid}`);
  }
}

/** glusterd_svc_proc_t: the process shared by several volumes' svcs. */
class SvcProc {
  status: ProcStatus = 'starting';
  readonly svcs: ShdSvc[] = [];
  constructor(readonly conn: SvcClient) {}
}

export class MuxShdService implements ShdService {
  /** conf->shd_procs (0 or 1 entries in practice). */
  readonly procs: SvcProc[] = [];
  /** volinfo->shd of every volume this glusterd has seen. */
  readonly svcs = new Map<string, ShdSvc>();
  private restartShd = false;
  /** Moves with every change of the process objects' and svcs' links (what check()'s cache keys on). */
  private linksChanged = 0;
  private linksCheckedAt = -1;
  private readonly condRestartShd = new Signal('cond_restart_shd');

  constructor(private readonly g: Glusterd) {}

  private get node() {
    return this.g.node;
  }

  private get cluster() {
    return this.g.cluster;
  }

  private svc(volume: string): ShdSvc {
    let s = this.svcs.get(volume);
    if (!s) {
      s = new ShdSvc(volume, this.node.uuid);
      this.svcs.set(volume, s);
    }
    return s;
  }

  // ---- manager ---------------------------------------------------------------------------------

  *manager(volume: Volume): ProcessBody<number> {
    const g = this.g;
    // Serialisation (03ee8ec13b): one manager at a time, waiting with the big lock released.
    while (this.restartShd) {
      g.bigLock.release();
      yield waitFor(this.condRestartShd);
      yield waitFor(g.bigLock.acquire());
    }
    this.restartShd = true;
    let ret = 0;
    const svc = this.svc(volume.name);
    if (!volume.shdCompatible) {
      if (svc.inited) yield* this.stop(svc);
    } else {
      this.node.workFiles.set(svc.volfile, generateShdVolfile(volume.layout()));
      yield* this.muxInit(svc);
      // glusterd_svcs_shd_compatible_volumes_stopped tests only this volume (quirk F22).
      if (!volume.started) yield* this.stop(svc);
      else ret = yield* this.start(svc, volume);
    }
    this.restartShd = false;
    this.condRestartShd.fire();
    return ret;
  }

  /** glusterd_shd_svc_mux_init: choose or create the process object for `svc`. */
  private *muxInit(svc: ShdSvc): ProcessBody<void> {
    const node = this.node;
    const f3 = this.cluster.hasFault('attach-dead-process');
    // Killed abnormally since: forget it and start over (GlusterFS 7.0 and later; F3 is about an svc
    // that is not inited yet being handed the dead process by __gf_find_compatible_svc).
    if (svc.inited && node.runningPid(svc.pidfile) === undefined) this.svcprocCleanup(svc);
    if (svc.inited) return;
    let stalePid = false;
    let adoptSock: string | undefined;
    let proc: SvcProc | undefined;
    const pid = node.runningPid(svc.pidfile);
    if (pid !== undefined) {
      proc = this.procs.find((p) => this.ownsPid(p, pid) && this.attachable(p));
      if (!proc) {
        if (this.cluster.config.glusterd_restart === 'adopt') {
          // What-if: take the running process over instead of killing it.
          // The socket the running process listens on (what `ss -xlp` shows of it).
          adoptSock = node.sockets.addressOf('svc', pid);
        } else {
          stalePid = true;
        }
      }
    }
    if (!proc && adoptSock === undefined) proc = this.findCompatible();
    if (proc) {
      svc.attached = true;
      // GlusterFS 7 filled the new volume's pidfile from the process's (glusterd_copy_file); later
      // versions let the process write it on attach. The 7.x faults model the 7.x behaviour.
      if (this.cluster.hasFault('attach-before-graph') || f3) {
        const parentPid = proc.svcs[0] && node.runFiles.get(proc.svcs[0].pidfile);
        if (parentPid !== undefined) node.runFiles.set(svc.pidfile, parentPid);
      }
    } else {
      const p: SvcProc = new SvcProc(this.g.svcClient(adoptSock ?? svc.sockpath, (ev) => this.connEvent(p, ev)));
      this.procs.push(p);
      this.linksChanged++;
      proc = p;
    }
    proc.svcs.push(svc);
    svc.proc = proc;
    this.linksChanged++;
    svc.inited = true;
    // After the lock: the stale process is stopped and its pidfile unlinked.
    if (stalePid) yield* this.g.procStop(svc.pidfile);
  }

  private ownsPid(p: SvcProc, pid: number): boolean {
    return p.svcs.some((s) => this.node.runningPid(s.pidfile) === pid);
  }

  /** glusterd_is_svcproc_attachable (process states came with bf751fff5d, 8.0). */
  private attachable(p: SvcProc): boolean {
    if (p.status === 'starting') return true;
    const first = p.svcs[0];
    return (p.status === 'started' || p.status === 'disconnected') && first !== undefined && this.node.runningPid(first.pidfile) !== undefined;
  }

  /** __gf_find_compatible_svc. GlusterFS 7 (F3): prefers a running one, else the first — even dead. */
  private findCompatible(): SvcProc | undefined {
    if (this.cluster.hasFault('attach-dead-process')) {
      return this.procs.find((p) => p.svcs[0] && this.node.runningPid(p.svcs[0].pidfile) !== undefined) ?? this.procs[0];
    }
    return this.procs.find((p) => this.attachable(p));
  }

  /** CONNECT / DISCONNECT of a process's rpc (glusterd_muxsvc_common_rpc_notify). */
  private connEvent(p: SvcProc, ev: 'connect' | 'disconnect'): void {
    if (ev === 'connect') {
      p.status = 'started';
      for (const s of p.svcs) s.online = true;
      return;
    }
    for (const s of p.svcs) s.online = false;
    const first = p.svcs[0];
    p.status = first && this.node.runningPid(first.pidfile) !== undefined ? 'disconnected' : 'died';
    this.g.log(GLUSTERD.shdDisconnected, undefined);
  }

  /** The pid glusterd reports for a process object: the first svc's pidfile. */
  private procPid(p: SvcProc | undefined): number {
    const first = p?.svcs[0];
    return (first && this.node.runFiles.get(first.pidfile)) ?? -1;
  }

  // ---- start / attach --------------------------------------------------------------------------

  private *start(svc: ShdSvc, volume: Volume): ProcessBody<number> {
    const proc = svc.proc;
    check(this.cluster.sim, proc !== undefined, () => `glusterd ${this.g.pid}: starting the shd of ${volume.name} with no process object`);
    if (!svc.attached) {
      // glusterd_new_shd_svc_start: the process loads this first volume through its own getspec.
      if (this.node.runningPid(svc.pidfile) === undefined) {
        if (!this.node.workFiles.has(svc.volfile)) return -1;
        this.g.spawnShd({ volfileId: svc.volfileId, pidfile: svc.pidfile, sockpath: proc.conn.sockpath });
      }
      proc.conn.start();
      svc.attached = true;
      return 0;
    }
    return yield* this.attach(svc, volume);
  }

  /** glusterd_attach_svc: 15 tries, one second apart, while the process is not connected. */
  private *attach(svc: ShdSvc, volume: Volume): ProcessBody<number> {
    const g = this.g;
    const pid = this.procPid(svc.proc);
    g.log(GLUSTERD.attachAdding, { volume: volume.name, pid });
    for (let tries = SVC_RPC_TRIES; tries > 0; tries--) {
      if (!this.cluster.store.has(volume.name)) {
        g.log(GLUSTERD.attachStale, { volume: volume.name });
        return 0;
      }
      const proc = svc.proc;
      if (proc && proc.conn.connected) {
        this.sendAttach(svc, proc, volume.name);
        return 0;
      }
      g.log(GLUSTERD.notConnectedYet, undefined);
      this.cluster.counters.attachRetries++;
      g.bigLock.release();
      yield sleep(SVC_RPC_RETRY);
      yield waitFor(g.bigLock.acquire());
    }
    g.log(GLUSTERD.attachFailed, { volume: volume.name });
    g.log(GLUSTERD.attachCallerFailed, { volume: volume.name, pid });
    this.cluster.counters.attachFailures++;
    this.svcprocCleanup(svc);
    return -1;
  }

  /** The ATTACH request carries the whole volfile and the volume's pidfile; its reply sets online. */
  private sendAttach(svc: ShdSvc, proc: SvcProc, volume: string): void {
    const g = this.g;
    const content = this.node.workFiles.get(svc.volfile) ?? '';
    g.blockerStarted();
    const reply = proc.conn.call({ proc: 'attach', volfileId: svc.volfileId, volfile: content, pidfile: svc.pidfile }, `attach ${svc.volfileId}`);
    proc.conn.onReply(reply, `attach ${svc.volfileId}`, (ret) => {
      const pid = this.procPid(proc);
      if (ret === 0) {
        svc.online = true;
        g.log(GLUSTERD.attachSuccess, { volume, pid });
      } else {
        g.log(GLUSTERD.attachReplyFailed, { volume, pid });
        this.cluster.counters.attachFailures++;
        if (svc.proc === proc) this.svcprocCleanup(svc);
      }
      g.blockerDone();
    });
  }

  // ---- stop / detach ---------------------------------------------------------------------------

  /** glusterd_shdsvc_stop. */
  private *stop(svc: ShdSvc): ProcessBody<void> {
    const proc = svc.proc;
    if (!proc) return;
    const g = this.g;
    // gf_is_service_running reports the pid written in the file whether or not it still runs; a
    // detach is attempted for any pid found (and spins 15 × 1 s if the process is gone).
    const pid = this.node.runFiles.get(svc.pidfile);
    removeFrom(this.cluster.sim, proc.svcs, svc, `glusterd ${g.pid}: stopping ${svc.volume}'s shd, not in its process object`);
    this.linksChanged++;
    const last = proc.svcs.length === 0;
    if (last) {
      proc.status = 'stopping';
      removeFrom(this.cluster.sim, this.procs, proc, `glusterd ${g.pid}: stopping ${svc.volume}'s shd, whose process object is not in shd_procs`);
      // Unlinked from shd_procs: the svc no longer belongs to a listed process object while the stop
      // polls (the big lock is held throughout, so nothing reads svc.proc meanwhile).
      svc.proc = undefined;
      // The whole process goes: no detach RPC.
      yield* g.procStop(svc.pidfile);
      proc.conn.disable();
      g.log(GLUSTERD.serviceStopped, undefined);
    } else if (pid !== undefined) {
      yield* this.detach(svc, proc, pid);
    }
    svc.online = false;
    this.node.runFiles.delete(svc.pidfile);
    this.svcprocCleanup(svc);
  }

  /** glusterd_detach_svc: answered before the cleanup, so glusterd never waits for it. */
  private *detach(svc: ShdSvc, proc: SvcProc, pid: number): ProcessBody<void> {
    const g = this.g;
    g.log(GLUSTERD.detachRemoving, { volume: svc.volume, pid });
    let sent = false;
    for (let tries = SVC_RPC_TRIES; tries > 0 && !sent; tries--) {
      if (proc.conn.connected) {
        g.blockerStarted();
        const reply = proc.conn.call({ proc: 'detach', volfileId: svc.volfileId }, `detach ${svc.volfileId}`);
        proc.conn.onReply(reply, `detach ${svc.volfileId}`, () => g.blockerDone());
        sent = true;
        break;
      }
      g.bigLock.release();
      yield sleep(SVC_RPC_RETRY);
      yield waitFor(g.bigLock.acquire());
    }
    if (!sent) g.log(GLUSTERD.detachFailed, { volume: svc.volume });
    g.log(sent ? GLUSTERD.detachDone : GLUSTERD.detachDoneFailed, { volume: svc.volume, pid });
  }

  /**
   * glusterd_shd_svcproc_cleanup: the svc leaves its process object (an empty one is dropped) and its
   * pidfile is unlinked.
   */
  private svcprocCleanup(svc: ShdSvc): void {
    this.linksChanged++;
    const proc = svc.proc;
    if (proc) {
      const i = proc.svcs.indexOf(svc);
      if (i >= 0) proc.svcs.splice(i, 1);
      if (proc.svcs.length === 0) {
        const j = this.procs.indexOf(proc);
        if (j >= 0) this.procs.splice(j, 1);
        proc.conn.disable();
      }
    }
    svc.proc = undefined;
    svc.inited = false;
    svc.attached = false;
    svc.online = false;
    // The volume's pidfile goes with it (glusterd_unlink_file(svc->proc.pidfile)).
    this.node.runFiles.delete(svc.pidfile);
  }

  // ---- reconfigure, delete, restart ------------------------------------------------------------

  *reconfigure(volume: Volume): ProcessBody<void> {
    const svc = this.svc(volume.name);
    if (!volume.shdCompatible || !svc.inited) {
      yield* this.manager(volume);
      return;
    }
    const next = generateShdVolfile(volume.layout());
    const current = this.node.workFiles.get(svc.volfile);
    if (current === next) return;
    if (current !== undefined && topologyEqual(parseVolfile(current, svc.volfile), parseVolfile(next, svc.volfile))) {
      this.node.workFiles.set(svc.volfile, next);
      this.g.fetchspecNotify();
      return;
    }
    yield* this.manager(volume);
  }

  *deleted(volume: Volume): ProcessBody<void> {
    const svc = this.svcs.get(volume.name);
    if (svc?.inited) yield* this.stop(svc);
    this.svcs.delete(volume.name);
    this.linksChanged++;
    this.node.workFiles.delete(`${WORKDIR}/vols/${volume.name}/${volume.name}-shd.vol`);
  }

  *stopForTopology(volume: Volume): ProcessBody<void> {
    const svc = this.svcs.get(volume.name);
    if (svc?.inited) yield* this.stop(svc);
  }

  /** glusterd_shdsvc_restart: the manager for every started volume, stopping at the first failure. */
  *restart(): ProcessBody<void> {
    for (const v of this.cluster.store.started()) {
      const ret: number = yield* this.manager(v);
      if (ret !== 0) {
        this.g.log(GLUSTERD.restartFailed, { volume: v.name });
        return;
      }
    }
  }

  // ---- heal, getspec, status -------------------------------------------------------------------

  *heal(volume: Volume, action: HealAction): ProcessBody<HealOpResult> {
    const svc = this.svcs.get(volume.name);
    const proc = svc?.proc;
    if (!svc || !svc.online || !proc) return { ok: false, message: 'Self-heal daemon is not running. Check self-heal daemon log file.' };
    const reply = proc.conn.call({ proc: 'heal', volume: volume.name, action }, `heal ${volume.name}`);
    const ret: number = yield waitFor(reply);
    return ret === 0 ? { ok: true, message: '' } : { ok: false, message: 'Self-heal daemon is not running. Check self-heal daemon log file.' };
  }

  volfileFor(volfileId: string): { content: string; pidfile?: string } | null {
    if (!volfileId.startsWith('shd/')) return null;
    const volume = volfileId.slice(4);
    const svc = this.svcs.get(volume);
    const path = svc?.volfile ?? `${WORKDIR}/vols/${volume}/${volume}-shd.vol`;
    const content = this.node.workFiles.get(path);
    if (content === undefined) return null;
    return { content, pidfile: svc?.pidfile ?? `${RUNDIR}/shd/${volume}/${volume}-shd.pid` };
  }

  status(volume: string): { online: boolean; pid: number } {
    const svc = this.svcs.get(volume);
    if (!svc || !svc.inited) return { online: false, pid: 0 };
    const pid = this.node.runningPid(svc.pidfile) ?? 0;
    return { online: svc.online && pid !== 0, pid };
  }

  /** Every svc in the process object it points to, and back (walked again only after a change of links). */
  check(): string | undefined {
    if (this.linksChanged === this.linksCheckedAt) return undefined;
    for (const p of this.procs) {
      for (const s of p.svcs) if (s.proc !== p) return `svc of ${s.volume} listed in a process object it does not point to`;
    }
    for (const s of this.svcs.values()) {
      if (s.proc && !this.procs.includes(s.proc)) return `svc of ${s.volume} points to a process object no longer in shd_procs`;
    }
    this.linksCheckedAt = this.linksChanged;
    return undefined;
  }
}
