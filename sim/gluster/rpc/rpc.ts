/**
 * The one place every glusterd ↔ shd message goes through (protocol.ts has their types): it delivers
 * them with the loopback latency, records each one in the trace — on the kernel's trace-only channel,
 * so `--trace` shows every rpc while the trajectory fingerprint ignores them — and lets a test tap
 * them, typed. The connections themselves are svc-client.ts (glusterd's side of an shd's socket) and
 * the MgmtLink below (an shd's side of glusterd's port).
 */
import type { ProcessBody } from '../../engine/process.js';
import type { Scope } from '../../engine/scope.js';
import { Future } from '../../engine/signal.js';
import type { Simulation } from '../../engine/simulation.js';
import { LOOPBACK_ONE_WAY } from '../network.js';
import { GLUSTERD_PORT, type GetspecReply, type MgmtClient, type MgmtServer, type RpcMessage, type SvcReply, type SvcRequest, type SvcServer } from './protocol.js';
import type { Connected, SocketTable } from './sockets.js';

/** glusterd's side of an svc connection, as the rpc layer sends on it (svc-client.ts). */
export interface SvcChannel {
  readonly host: string;
  readonly clientPid: number;
  /** glusterd's scope: timers and threads of the connection die with glusterd. */
  readonly clientScope: Scope;
  readonly sockpath: string;
  readonly connected: boolean;
  /** The process at the other end while connected. */
  readonly server: SvcServer | undefined;
  /** Requests sent and not answered yet. */
  readonly awaiting: Map<Future<SvcReply>, SvcRequest>;
}

export type RpcTap = (message: RpcMessage, host: string) => void;

/** An shd's mgmt connection to its glusterd. */
export interface MgmtLink {
  readonly server: MgmtServer;
  hangUp(): void;
}

export class Rpc {
  private taps: RpcTap[] = [];

  constructor(private readonly sim: Simulation) {}

  /** Every message from now on, typed (tests); returns the function that stops it. */
  tap(listener: RpcTap): () => void {
    this.taps = [...this.taps, listener];
    return () => {
      this.taps = this.taps.filter((t) => t !== listener);
    };
  }

  /** True when a message would be recorded: building it can be skipped otherwise. */
  private get recording(): boolean {
    return this.taps.length !== 0 || this.sim.tracing;
  }

  private record(host: string, m: RpcMessage): void {
    for (const t of this.taps) t(m, host);
    if (!this.sim.tracing) return;
    // The trace keeps the attach's volfile as its size: the file itself is glusterd's, on disk.
    const request = 'request' in m && m.request.proc === 'attach' ? { ...m.request, volfile: `${Buffer.byteLength(m.request.volfile)} bytes` } : 'request' in m ? m.request : undefined;
    this.sim.trace(`rpc-${m.dir}`, host, (request ? { ...m, request } : m) as unknown as Readonly<Record<string, unknown>>);
  }

  // ---- svc: glusterd → shd -----------------------------------------------------------------------

  /** glusterd connects to the process listening on `client.sockpath`, if any. */
  connectSvc(client: SvcChannel, sockets: SocketTable, onClose: () => void): Connected<'svc'> | undefined {
    const link = sockets.connect('svc', client.sockpath, { clientPid: client.clientPid, onClose });
    if (link && this.recording) this.record(sockets.host, { conn: 'svc', dir: 'connect', from: client.clientPid, to: link.server.pid, address: client.sockpath });
    return link;
  }

  /** The svc connection broke (the process went away). */
  svcClosed(client: SvcChannel, host: string, server: SvcServer): void {
    if (this.recording) this.record(host, { conn: 'svc', dir: 'disconnect', from: client.clientPid, to: server.pid, address: client.sockpath });
  }

  /**
   * Sends `request` on `client`'s connection: it reaches the process after the loopback latency and is
   * handled by a thread in it; the reply comes back the same way. The future resolves with op_ret, or
   * -1 at once when not connected, or when the connection breaks first (SvcClient fails it).
   */
  call(client: SvcChannel, request: SvcRequest, name: string): Future<SvcReply> {
    const reply = new Future<SvcReply>(name);
    const server = client.server;
    const host = client.host;
    if (!client.connected || !server) {
      if (this.recording) this.record(host, { conn: 'svc', dir: 'reply', from: -1, to: client.clientPid, request, reply: -1 });
      reply.resolve(-1);
      return reply;
    }
    if (this.recording) this.record(host, { conn: 'svc', dir: 'call', from: client.clientPid, to: server.pid, request });
    client.awaiting.set(reply, request);
    const scope = client.clientScope;
    const rpc = this;
    scope.schedule(LOOPBACK_ONE_WAY, () => {
      if (!server.alive || client.server !== server) return; // already failed by the disconnect
      server.scope.spawn(`${name} handler`, (function* (): ProcessBody<void> {
        const ret: SvcReply = yield* server.handle(request);
        if (!scope.alive) return; // glusterd died meanwhile: nobody reads the reply
        scope.schedule(LOOPBACK_ONE_WAY, () => {
          if (!client.awaiting.delete(reply)) return;
          if (rpc.recording) rpc.record(host, { conn: 'svc', dir: 'reply', from: server.pid, to: client.clientPid, request, reply: ret });
          reply.resolve(ret);
        }, `${name} reply`);
      })());
    }, `${name} request`);
    return reply;
  }

  /** A request that will get no reply (its connection broke): answered -1 on the client's side. */
  failed(client: SvcChannel, request: SvcRequest, reply: Future<SvcReply>): void {
    if (this.recording) this.record(client.host, { conn: 'svc', dir: 'reply', from: -1, to: client.clientPid, request, reply: -1 });
    reply.resolve(-1);
  }

  // ---- mgmt: shd ↔ glusterd ----------------------------------------------------------------------

  /**
   * An shd connects to its node's glusterd: only a glusterd that is up and done starting takes the
   * connection (before, the shd retries in 3 s). `client.disconnected()` runs if glusterd goes away.
   */
  connectMgmt(sockets: SocketTable, client: MgmtClient): MgmtLink | undefined {
    const server = sockets.peek('mgmt', GLUSTERD_PORT);
    if (!server?.ready) return undefined;
    const link = sockets.connect('mgmt', GLUSTERD_PORT, { clientPid: client.pid, onClose: () => this.mgmtClosed(sockets.host, client, server), callback: client })!;
    if (this.recording) this.record(sockets.host, { conn: 'mgmt', dir: 'connect', from: client.pid, to: server.pid, address: GLUSTERD_PORT });
    return link;
  }

  private mgmtClosed(host: string, client: MgmtClient, server: MgmtServer): void {
    if (this.recording) this.record(host, { conn: 'mgmt', dir: 'disconnect', from: client.pid, to: server.pid, address: GLUSTERD_PORT });
    client.disconnected();
  }

  /** GETSPEC on an shd's mgmt connection; a lost connection leaves it unanswered (the caller races the two). */
  getspec(host: string, from: number, link: MgmtLink, volfileId: string): Future<GetspecReply> {
    const answer = new Future<GetspecReply>(`getspec ${volfileId}`);
    const request = { proc: 'getspec', volfileId } as const;
    const server = link.server;
    if (this.recording) this.record(host, { conn: 'mgmt', dir: 'call', from, to: server.pid, request });
    server.getspec(volfileId, (reply) => {
      if (this.recording) this.record(host, { conn: 'mgmt', dir: 'reply', from: server.pid, to: from, request, reply: reply ? 'volfile' : 'none' });
      answer.resolve(reply);
    });
    return answer;
  }

  /** glusterd_fetchspec_notify: FETCHSPEC to every process connected to this glusterd, in pid order. */
  fetchspecNotify(sockets: SocketTable, server: MgmtServer): void {
    for (const c of sockets.connections(GLUSTERD_PORT)) {
      if (!c.callback) continue;
      if (this.recording) this.record(sockets.host, { conn: 'mgmt', dir: 'notify', from: server.pid, to: c.clientPid, request: { proc: 'fetchspec' } });
      c.callback.fetchspec();
    }
  }

  // ---- portmap: an shd client → the brick host's glusterd ---------------------------------------

  /** PMAP_PORTBYBRICK of `path` to `host`'s glusterd: 'refused' when no glusterd listens there. */
  portmap(from: string, sockets: SocketTable | undefined, host: string, path: string): 'port' | 'none' | 'refused' {
    const server = sockets?.peek('mgmt', GLUSTERD_PORT);
    const reply = server === undefined ? 'refused' : server.portmap(path) ? 'port' : 'none';
    if (this.recording) this.record(from, { conn: 'portmap', dir: 'call', from, to: host, request: { proc: 'portbybrick', brick: `${host}:${path}` }, reply });
    return reply;
  }
}
