/**
 * A server of the cluster: its processes (by pid), its files — runtime files under /var/run (pidfiles,
 * lost on reboot) and glusterd's working directory /var/lib/glusterd (volfiles, kept) — and its bricks'
 * disks, and its socket table. `powered` is false while the host is down (reboot): nothing on it answers.
 */
import type { Scope } from '../engine/scope.js';
import { BrickDisk, type BrickProcess } from './brick.js';
import type { OsProcess } from './process.js';
import { SocketTable } from './rpc/sockets.js';

export const RUNDIR = '/var/run/gluster';
export const WORKDIR = '/var/lib/glusterd';

export class Node {
  powered = true;
  /** Live processes by pid. */
  readonly procs = new Map<number, OsProcess>();
  /** /var/run files: pidfiles, path → pid. Lost on reboot. */
  readonly runFiles = new Map<string, number>();
  /** /var/lib/glusterd files: path → content. Kept across reboots. */
  readonly workFiles = new Map<string, string>();
  /** Brick disks by export path (kept across process restarts and reboots). */
  readonly disks = new Map<string, BrickDisk>();
  /** Running brick processes by export path. */
  readonly bricks = new Map<string, BrickProcess>();
  /** Who listens where on this host (glusterd's port, the shds' unix sockets). */
  readonly sockets: SocketTable;
  /** shd processes spawned on this node since the run began. */
  shdStarts = 0;
  private nextPort = 49152;

  constructor(
    readonly name: string,
    readonly uuid: string,
    /** Parent scope of every process on this node. */
    readonly scope: Scope,
  ) {
    this.sockets = new SocketTable(scope.sim, name);
  }

  disk(path: string): BrickDisk {
    let d = this.disks.get(path);
    if (!d) {
      d = new BrickDisk(this.name, path);
      this.disks.set(path, d);
    }
    return d;
  }

  /** glusterd's portmapper hands out brick ports from 49152 upwards. */
  allocatePort(): number {
    return this.nextPort++;
  }

  /** `gf_is_service_running(pidfile)`: the pid in the file, if that process is alive. */
  runningPid(pidfile: string): number | undefined {
    const pid = this.runFiles.get(pidfile);
    return pid !== undefined && this.procs.get(pid)?.alive ? pid : undefined;
  }

  isRunning(pid: number): boolean {
    return this.procs.get(pid)?.alive ?? false;
  }

  /** The host's shutdown, a `pkill gluster`: every gluster process dies at once. */
  killAll(): void {
    for (const p of [...this.procs.values()]) p.signal('KILL');
  }
}
