/**
 * glusterd's rpc connection to a daemon over its unix socket (`glusterd_conn_connect`): it connects when
 * a process listens on that socket, retries every 3 s while none does, and reports CONNECT and
 * DISCONNECT to its owner (reference §1.13). Requests go through rpc.ts; a request still pending when
 * the process goes away is answered with an rpc error (-1).
 */
import { waitFor, type ProcessBody } from '../../engine/process.js';
import { Activity, type Scope } from '../../engine/scope.js';
import type { Future } from '../../engine/signal.js';
import { RECONNECT_INTERVAL, type SvcReply, type SvcRequest, type SvcServer } from './protocol.js';
import type { Rpc, SvcChannel } from './rpc.js';
import type { Connected, SocketTable } from './sockets.js';

export type ConnEvent = 'connect' | 'disconnect';

export class SvcClient extends Activity implements SvcChannel {
  connected = false;
  /** The process at the other end while connected. */
  server: SvcServer | undefined = undefined;
  /** Requests sent and not answered yet. */
  readonly awaiting = new Map<Future<SvcReply>, SvcRequest>();
  private enabled = false;
  private link: Connected<'svc'> | undefined = undefined;

  constructor(
    private readonly rpc: Rpc,
    /** glusterd's scope: the connection, its timers and its reply callbacks die with glusterd. */
    readonly clientScope: Scope,
    readonly clientPid: number,
    private readonly sockets: SocketTable,
    readonly sockpath: string,
    private readonly onEvent: (ev: ConnEvent) => void,
  ) {
    super(clientScope, `conn ${sockpath}`);
  }

  get host(): string {
    return this.sockets.host;
  }

  /** Start (or restart) connecting now. */
  start(): void {
    this.enabled = true;
    if (!this.connected) this.arm(0);
  }

  protected onFire(): void {
    if (!this.enabled || this.connected) return;
    const link = this.rpc.connectSvc(this, this.sockets, () => this.closed());
    if (!link) {
      this.arm(RECONNECT_INTERVAL);
      return;
    }
    this.connected = true;
    this.link = link;
    this.server = link.server;
    this.onEvent('connect');
  }

  /** The process went away (its socket closed). */
  private closed(): void {
    if (!this.clientScope.alive) return; // this glusterd is gone too: nobody listens on this connection
    const server = this.server!;
    this.connected = false;
    this.server = undefined;
    this.link = undefined;
    this.rpc.svcClosed(this, this.host, server);
    this.failPending();
    this.onEvent('disconnect');
    if (this.enabled) this.arm(RECONNECT_INTERVAL);
  }

  /** rpc unref / disconnect: stop reconnecting; pending requests fail. */
  disable(): void {
    this.enabled = false;
    this.cancel();
    this.link?.hangUp();
    this.link = undefined;
    this.server = undefined;
    this.connected = false;
    this.failPending();
  }

  /** Sends a request (rpc.ts); the future resolves with op_ret, or -1 if the connection goes first. */
  call(request: SvcRequest, name: string): Future<SvcReply> {
    return this.rpc.call(this, request, name);
  }

  /** Runs `then(ret)` in glusterd when `reply` settles (an rpc callback). */
  onReply(reply: Future<SvcReply>, name: string, then: (ret: SvcReply) => void): void {
    this.clientScope.spawn(`${name} cbk`, (function* (): ProcessBody<void> {
      const ret: SvcReply = yield waitFor(reply);
      then(ret);
    })());
  }

  private failPending(): void {
    const pending = [...this.awaiting];
    this.awaiting.clear();
    for (const [f, request] of pending) this.rpc.failed(this, request, f);
  }
}
