/**
 * A `protocol/client` xlator of an shd graph and its connection to one brick (reference §1.10, §1.12,
 * §3.3): on PARENT_UP it asks the brick host's glusterd for the brick's port (portmap), connects and
 * handshakes; while the brick is unreachable it retries every 3 s; it tells its parent CHILD_UP and
 * CHILD_DOWN (each once per transition, as client_notify_dispatch_uniq does); every request it sends is
 * a saved frame until answered, and a transport disconnect unwinds the saved frames with ENOTCONN.
 *
 * The connection is its own event (an Activity) stepping through its phases, so thousands of clients
 * cost no allocation per reconnect.
 */
import { check } from '../../engine/assert.js';
import { Activity } from '../../engine/scope.js';
import type { Micros } from '../../engine/time.js';
import type { BrickDisk, BrickPeer, BrickProcess } from '../brick.js';
import { SHD } from '../logs/catalogue.js';
import { timestamp } from '../logs/format.js';
import type { Xlator } from '../graph/xlator.js';
import type { ClusterXlator } from './cluster-xlator.js';
import { RECONNECT_INTERVAL } from '../rpc/protocol.js';
import { FOPS, Frame, type Fop, type FrameOwner } from './frame.js';
import type { GraphRuntime } from './graph-runtime.js';

/** The epoll thread noticing a closed transport. */
const DISCONNECT_NOTICE: Micros = 50;

export type ClientState = 'idle' | 'connecting' | 'connected' | 'disconnected' | 'disabled';
type Phase = 'portmap' | 'handshake' | 'retry' | 'closing';

export class ClientXlator extends Activity implements BrickPeer, FrameOwner {
  state: ClientState = 'idle';
  /** PARENT_DOWN received: the graph is going away. */
  parentDown = false;
  readonly saved = new Set<Frame>();
  readonly host: string;
  readonly path: string;
  /** The brick's disk, when the host is a node of the cluster. */
  readonly disk: BrickDisk | undefined;
  parent: ClusterXlator | undefined = undefined;
  childIndex = 0;

  private phase: Phase = 'retry';
  private brick: BrickProcess | undefined = undefined;
  private portmapErrorLogged = false;
  private lastSent: 'none' | 'up' | 'down' = 'none';
  private xid = 0;

  constructor(
    readonly graph: GraphRuntime,
    readonly xl: Xlator,
  ) {
    super(graph.scope, xl.name);
    this.host = xl.options.get('remote-host') ?? '';
    this.path = xl.options.get('remote-subvolume') ?? '';
    const node = graph.cluster.nodes.get(this.host);
    this.disk = node?.disk(this.path);
  }

  get name(): string {
    return this.xl.name;
  }

  private get domain(): string {
    return `${this.graph.id}-${this.xl.name}`;
  }

  /** PARENT_UP: start connecting. */
  parentUp(): void {
    this.graph.log(this.domain, SHD.clientConnecting, undefined);
    this.connect();
  }

  private connect(): void {
    this.state = 'connecting';
    this.phase = 'portmap';
    this.arm(this.graph.cluster.network.rtt(this.graph.node, this.host));
  }

  protected onFire(): void {
    switch (this.phase) {
      case 'portmap':
        return this.portmapAnswered();
      case 'handshake':
        return this.handshakeAnswered();
      case 'retry':
        return this.connect();
      case 'closing':
        return this.transportDown();
    }
  }

  private portmapAnswered(): void {
    const cluster = this.graph.cluster;
    const node = cluster.nodes.get(this.host);
    // The port comes from the brick host's glusterd: no host or no glusterd, no connection.
    const port = cluster.rpc.portmap(this.graph.node, node?.powered ? node.sockets : undefined, this.host, this.path);
    if (port === 'refused') return this.connectFailed();
    const brick = cluster.brick(this.host, this.path);
    if (port === 'none' || !brick) {
      if (!this.portmapErrorLogged) {
        this.graph.log(this.domain, SHD.portmapFailed, undefined);
        this.portmapErrorLogged = true;
      }
      return this.connectFailed();
    }
    this.brick = brick;
    this.phase = 'handshake';
    // TCP connect, then SETVOLUME.
    this.arm(2 * cluster.network.rtt(this.graph.node, this.host));
  }

  private handshakeAnswered(): void {
    const brick = this.brick;
    if (!brick || !brick.alive || !brick.serving) {
      this.brick = undefined;
      return this.connectFailed();
    }
    this.state = 'connected';
    this.portmapErrorLogged = false;
    brick.peers.add(this);
    this.graph.log(this.domain, SHD.clientConnected, { xlator: this.xl.name, path: this.path });
    this.notifyParent('up');
  }

  private connectFailed(): void {
    this.state = 'disconnected';
    this.notifyParent('down');
    this.phase = 'retry';
    this.arm(RECONNECT_INTERVAL);
  }

  /** CHILD_UP / CHILD_DOWN to the parent, once per transition. */
  private notifyParent(event: 'up' | 'down'): void {
    if (this.lastSent === event) return;
    this.lastSent = event;
    if (!this.parent) return;
    if (event === 'up') this.parent.childUp(this.childIndex);
    else this.parent.childDown(this.childIndex);
  }

  /** The brick process died: the transport breaks at once (a closed socket). */
  brickGone(brick: BrickProcess): void {
    if (this.brick !== brick || this.state !== 'connected') return;
    this.transportDown();
  }

  /**
   * RPC_CLNT_DISCONNECT: unwind every saved frame with ENOTCONN, log the disconnect, tell the parent,
   * and — unless the graph is going away — retry in 3 s.
   */
  private transportDown(): void {
    const wasConnected = this.brick !== undefined;
    this.brick?.peers.delete(this);
    this.brick = undefined;
    this.unwindSavedFrames();
    if (wasConnected) this.graph.log(this.domain, SHD.clientDisconnected, { xlator: this.xl.name });
    if (this.parentDown) {
      this.state = 'disabled';
      this.notifyParent('down');
      // The last CHILD_DOWN of this client: the graph counts it towards its cleanup.
      this.graph.clientDown();
      return;
    }
    this.state = 'disconnected';
    this.notifyParent('down');
    this.phase = 'retry';
    this.arm(RECONNECT_INTERVAL);
  }

  private unwindSavedFrames(): void {
    if (this.saved.size === 0) return;
    const frames = [...this.saved];
    this.saved.clear();
    const counters = this.graph.cluster.counters;
    for (const f of frames) {
      this.graph.touch(`unwinding ${f.fop} on ${this.xl.name}`);
      if (!this.graph.live) return; // the touch crashed the process (F6)
      this.graph.log(this.domain, SHD.forcedUnwind, { op: f.fop, opnum: FOPS[f.fop], at: `${timestamp(f.sentAt)} +0000`, xid: f.xid });
      this.graph.log(this.domain, SHD.remoteOpFailed, { gfid: f.gfid });
      counters.framesUnwound++;
      counters.unwoundOn.set(this.graph.node, (counters.unwoundOn.get(this.graph.node) ?? 0) + 1);
      f.complete('enotconn');
    }
  }

  /**
   * PARENT_DOWN (graph cleanup): disable the rpc — cancel reconnects and close the transport. A
   * connected client's saved frames are then unwound when the disconnect is noticed; a client that was
   * not connected counts towards the cleanup at once.
   */
  disable(): void {
    this.graph.log(this.domain, SHD.graphInactive, undefined);
    this.parentDown = true;
    this.cancel();
    if (this.state === 'connected' || (this.state === 'connecting' && this.phase === 'handshake')) {
      this.phase = 'closing';
      this.arm(DISCONNECT_NOTICE);
      return;
    }
    this.state = 'disabled';
    this.brick = undefined;
    this.graph.clientDown();
  }

  /**
   * Sends a request to the brick: a frame saved until its reply. `ops` disk operations over `diskBytes`,
   * `sendBytes` out and `replyBytes` back (see network.ts). A client that is not connected fails the
   * fop at once with ENOTCONN.
   */
  send(fop: Fop, gfid: string, ops: number, diskBytes: number, sendBytes: number, replyBytes: number): Frame {
    const cluster = this.graph.cluster;
    const f = new Frame(this.graph.scope, this, fop, ++this.xid, cluster.sim.now, gfid);
    cluster.counters.framesSent++;
    if (this.state !== 'connected' || !this.disk || this.graph.draining) {
      if (!this.graph.draining) this.graph.log(this.domain, SHD.remoteOpFailed, { gfid });
      f.complete('enotconn');
      return f;
    }
    this.saved.add(f);
    f.armAt(cluster.network.requestDone(cluster.sim.now, this.graph.node, this.disk, sendBytes, ops, diskBytes, replyBytes));
    return f;
  }

  /** A reply arrived. */
  replied(f: Frame): void {
    this.graph.touch(`reply to ${f.fop} on ${this.xl.name}`);
    if (!this.graph.live) return;
    check(this.graph.cluster.sim, this.saved.delete(f), () => `${this.xl.name}: a reply to ${f.fop} xid ${f.xid}, which is not a saved frame`);
    f.complete('ok');
  }

  /** The process died: frames in flight are lost, never answered or unwound. */
  lose(): number {
    const n = this.saved.size;
    this.saved.clear();
    this.brick?.peers.delete(this);
    this.brick = undefined;
    this.state = 'disabled';
    return n;
  }
}
