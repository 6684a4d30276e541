/**
 * glusterd's rpc connection to a daemon over its unix socket (`glusterd_conn_connect`): it connects when
 * the process listens on that socket, retries every 3 s while it does not, and reports CONNECT and
 * DISCONNECT to its owner (reference §1.13). Requests are GLUSTERD_SVC_ATTACH/DETACH and heal brick
 * ops; a request still pending when the process goes away is answered with an rpc error (-1).
 */
import { waitFor, type ProcessBody } from '../../engine/process.js';
import { Activity } from '../../engine/scope.js';
import { Future } from '../../engine/signal.js';
import { RECONNECT_INTERVAL } from '../shd/client.js';
import type { ShdProcess, ShdRpcPeer } from '../shd/shd-process.js';
import { LOOPBACK_ONE_WAY } from '../network.js';
import type { Glusterd } from './glusterd.js';

export type ConnEvent = 'connect' | 'disconnect';

export class SvcConnection extends Activity implements ShdRpcPeer {
  connected = false;
  target: ShdProcess | undefined = undefined;
  private enabled = false;
  private readonly awaiting = new Set<Future<number>>();

  constructor(
    readonly glusterd: Glusterd,
    readonly sockpath: string,
    private readonly onEvent: (ev: ConnEvent) => void,
  ) {
    super(glusterd.scope, `conn ${sockpath}`);
  }

  /** Start (or restart) connecting now. */
  start(): void {
    this.enabled = true;
    if (!this.connected) this.arm(0);
  }

  protected onFire(): void {
    if (!this.enabled || this.connected) return;
    const p = this.glusterd.cluster.liveShds(this.glusterd.node.name).find((s) => s.listening && s.spawn.sockpath === this.sockpath);
    if (!p) {
      this.arm(RECONNECT_INTERVAL);
      return;
    }
    this.connected = true;
    this.target = p;
    p.peers.add(this);
    this.onEvent('connect');
  }

  processGone(p: ShdProcess): void {
    if (this.target !== p) return;
    if (!this.scope.alive) return; // this glusterd is gone too: nobody listens on this connection
    this.connected = false;
    this.target = undefined;
    this.failPending();
    this.onEvent('disconnect');
    if (this.enabled) this.arm(RECONNECT_INTERVAL);
  }

  /** rpc unref / disconnect: stop reconnecting; pending requests fail. */
  disable(): void {
    this.enabled = false;
    this.cancel();
    this.target?.peers.delete(this);
    this.target = undefined;
    this.connected = false;
    this.failPending();
  }

  /**
   * Sends a request; `handler` runs in the process (as its rpc thread) and its return value is the
   * reply's op_ret. The future resolves with the reply, or -1 if the connection goes first.
   */
  call(name: string, handler: (p: ShdProcess) => ProcessBody<number>): Future<number> {
    const reply = new Future<number>(name);
    const p = this.target;
    if (!this.connected || !p) {
      reply.resolve(-1);
      return reply;
    }
    this.awaiting.add(reply);
    const scope = this.glusterd.scope;
    scope.schedule(LOOPBACK_ONE_WAY, () => {
      if (!p.alive || this.target !== p) return; // already failed by processGone
      p.scope.spawn(`${name} handler`, (function* (conn: SvcConnection): ProcessBody<void> {
        const ret: number = yield* handler(p);
        if (!conn.glusterd.scope.alive) return; // glusterd died meanwhile: nobody reads the reply
        conn.glusterd.scope.schedule(LOOPBACK_ONE_WAY, () => {
          if (conn.awaiting.delete(reply)) reply.resolve(ret);
        }, `${name} reply`);
      })(this));
    }, `${name} request`);
    return reply;
  }

  /** Runs `then(ret)` in glusterd when `reply` settles (an rpc callback). */
  onReply(reply: Future<number>, name: string, then: (ret: number) => void): void {
    this.glusterd.scope.spawn(`${name} cbk`, (function* (): ProcessBody<void> {
      const ret: number = yield waitFor(reply);
      then(ret);
    })());
  }

  private failPending(): void {
    const pending = [...this.awaiting];
    this.awaiting.clear();
    for (const f of pending) f.resolve(-1);
  }
}
