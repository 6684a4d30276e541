/**
 * A node's socket table: who listens where (`bind` + `listen`), and the connections made to each
 * listener (`connect`), so that a listener going away (its process died) breaks them. glusterd finds
 * an shd by the `-S` socket path it gave it, as GlusterFS does — never by looking for the process.
 */
import { check } from '../../engine/assert.js';
import type { Simulation } from '../../engine/simulation.js';
import type { Listeners, MgmtClient } from './protocol.js';

/** One accepted connection, from the listener's side. */
export interface Accepted {
  /** The connecting process (connections break in pid order: the order the processes were started). */
  readonly clientPid: number;
  /** Called when the listener goes away. */
  readonly onClose: () => void;
  /** The client's side, for a listener that calls back on its connections (glusterd's FETCHSPEC). */
  readonly callback?: MgmtClient;
}

interface Listener<K extends keyof Listeners = keyof Listeners> {
  readonly kind: K;
  readonly server: Listeners[K];
  readonly connections: Set<Accepted>;
}

/** What `connect` returns: the peer's server side, and how to hang up. */
export interface Connected<K extends keyof Listeners> {
  readonly server: Listeners[K];
  hangUp(): void;
}

export class SocketTable {
  private readonly listeners = new Map<string, Listener>();

  constructor(
    private readonly sim: Simulation,
    readonly host: string,
  ) {}

  /** bind + listen. The address must be free: two live listeners on one socket is a model bug. */
  listen<K extends keyof Listeners>(kind: K, address: string, server: Listeners[K]): void {
    const old = this.listeners.get(address);
    check(this.sim, old === undefined, () => `${this.host}: pid ${server.pid} listens on ${address}, where pid ${old!.server.pid} already listens`);
    this.listeners.set(address, { kind, server, connections: new Set() } as Listener);
  }

  /** The listener closes (its process died): every connection to it breaks, in client pid order. */
  close(address: string, server: { readonly pid: number }): void {
    const l = this.listeners.get(address);
    check(this.sim, l !== undefined && l.server.pid === server.pid, () => `${this.host}: pid ${server.pid} closes ${address}, where it does not listen`);
    this.listeners.delete(address);
    const conns = [...l.connections].sort((a, b) => a.clientPid - b.clientPid);
    l.connections.clear();
    for (const c of conns) c.onClose();
  }

  /** The connections to `address`'s listener, in client pid order. */
  connections(address: string): Accepted[] {
    const l = this.listeners.get(address);
    return l ? [...l.connections].sort((a, b) => a.clientPid - b.clientPid) : [];
  }

  /** The server listening on `address` with protocol `kind`, if any (no connection is made). */
  peek<K extends keyof Listeners>(kind: K, address: string): Listeners[K] | undefined {
    const l = this.listeners.get(address);
    return l !== undefined && l.kind === kind ? (l.server as Listeners[K]) : undefined;
  }

  /** connect(): the listener's server side, or undefined (ECONNREFUSED) when nothing listens there. */
  connect<K extends keyof Listeners>(kind: K, address: string, client: Accepted): Connected<K> | undefined {
    const l = this.listeners.get(address);
    if (l === undefined || l.kind !== kind) return undefined;
    l.connections.add(client);
    return { server: l.server as Listeners[K], hangUp: () => void l.connections.delete(client) };
  }

  /** The address `pid` listens on with protocol `kind` (what `ss -xlp` shows), if any. */
  addressOf(kind: keyof Listeners, pid: number): string | undefined {
    for (const [address, l] of this.listeners) if (l.kind === kind && l.server.pid === pid) return address;
    return undefined;
  }
}
