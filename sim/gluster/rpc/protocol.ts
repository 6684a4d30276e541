/**
 * The protocol between glusterd and the self-heal daemon, as typed messages: everything one of them
 * asks of the other goes through these types and through rpc.ts, never through the other's objects.
 *
 * Three connections, as in GlusterFS:
 *
 * - **svc** (glusterd → shd, over the shd's `-S` unix socket): the GLUSTERD_SVC_ATTACH and
 *   GLUSTERD_SVC_DETACH procedures ("ATTACH CLIENT" / "DETACH CLIENT", glusterfsd-mgmt.c, sent by
 *   glusterd_attach_svc / glusterd_detach_svc in glusterd-svc-helper.c) and the heal brick op
 *   (GLUSTERD_BRICK_XLATOR_OP, "TRANSLATOR OP", for `gluster volume heal V [full]`). The reply is an
 *   op_ret; an rpc error (the process went away) is -1.
 * - **mgmt** (shd → glusterd on port 24007, `-s localhost`): the handshake's GETSPEC (GF_HNDSK_GETSPEC,
 *   mgmt_getspec_cbk) and, the other way round on the same connection, glusterd's FETCHSPEC callback
 *   (GF_CBK_FETCHSPEC, glusterd_fetchspec_notify → mgmt_cbk_spec: "Volume file changed").
 * - **portmap** (an shd client → the brick host's glusterd): PMAP_PORTBYBRICK (glusterd-pmap.c), the
 *   brick's port, before the client connects to the brick itself.
 *
 * `gluster volume status V shd` is not a message to the shd: glusterd answers it from its own service
 * state and the pidfile (glusterd_add_shd_to_dict, glusterd-utils.c), so it has no type here.
 *
 * This module is a leaf: it imports nothing of the model, so both sides (and test doubles) can use it.
 */
import type { ProcessBody } from '../../engine/process.js';
import type { Scope } from '../../engine/scope.js';
import { seconds, type Micros } from '../../engine/time.js';

/** rpc-clnt's reconnect interval (reference §3.1 table: 3 s): brick clients, glusterd → shd, shd → glusterd. */
export const RECONNECT_INTERVAL: Micros = seconds(3);

/** glusterd's management port, where the shd's mgmt connection and every portmap query go. */
export const GLUSTERD_PORT = 'tcp:24007';

export type HealAction = 'index' | 'full';

/** How glusterd starts an shd (its command line): what the process is told, and all glusterd knows of it. */
export interface ShdSpawn {
  /** `--volfile-id`: `shd/<vol>` (mux) or `gluster/glustershd` (legacy). */
  readonly volfileId: string;
  /** `-p`: the pidfile the process writes at start. */
  readonly pidfile: string;
  /** `-S`: the unix socket the process listens on, where glusterd connects. */
  readonly sockpath: string;
}

/** A request on the svc connection, glusterd → shd. */
export type SvcRequest =
  /** GLUSTERD_SVC_ATTACH: the whole volfile travels with the request, and the volume's pidfile. */
  | { readonly proc: 'attach'; readonly volfileId: string; readonly volfile: string; readonly pidfile: string }
  /** GLUSTERD_SVC_DETACH: answered before the graph's cleanup. */
  | { readonly proc: 'detach'; readonly volfileId: string }
  /** GLUSTERD_BRICK_XLATOR_OP for `gluster volume heal V [full]`. */
  | { readonly proc: 'heal'; readonly volume: string; readonly action: HealAction };

/** The reply to any SvcRequest: op_ret (0 success, -1 failure or rpc error). */
export type SvcReply = number;

/** GF_HNDSK_GETSPEC's answer: the volfile, and for `shd/<vol>` that volume's pidfile; null when there is none. */
export type GetspecReply = { readonly content: string; readonly pidfile?: string } | null;

/** The shd's side of the svc socket (what listens on `-S`). */
export interface SvcServer {
  readonly pid: number;
  /** The process's scope: a request is handled by a thread in it, killed with the process. */
  readonly scope: Scope;
  readonly alive: boolean;
  /** Handles one request on the process's rpc thread; returns op_ret. */
  handle(request: SvcRequest): ProcessBody<SvcReply>;
}

/** glusterd's side of port 24007. */
export interface MgmtServer {
  readonly pid: number;
  /** Done starting: glusterd answers getspec (a process that connects earlier waits and retries). */
  readonly ready: boolean;
  /** GETSPEC: `respond` is called once with the answer (from a glusterd thread, under its big lock). */
  getspec(volfileId: string, respond: (reply: GetspecReply) => void): void;
  /** PMAP_PORTBYBRICK: whether the brick `path` of this host has a port (is running and serving). */
  portmap(path: string): boolean;
}

/** The shd's side of its mgmt connection: what glusterd can tell it. */
export interface MgmtClient {
  readonly pid: number;
  /** GF_CBK_FETCHSPEC: re-fetch every volfile. */
  fetchspec(): void;
  /** The connection broke (glusterd died). */
  disconnected(): void;
}

/** The listener kinds a node's socket table holds, by the protocol spoken on them. */
export interface Listeners {
  svc: SvcServer;
  mgmt: MgmtServer;
}

/** Every message, as `--trace` and a test's tap see it. */
export type RpcMessage =
  | { readonly conn: 'svc'; readonly dir: 'call'; readonly from: number; readonly to: number; readonly request: SvcRequest }
  | { readonly conn: 'svc'; readonly dir: 'reply'; readonly from: number; readonly to: number; readonly request: SvcRequest; readonly reply: SvcReply }
  | { readonly conn: 'mgmt'; readonly dir: 'call'; readonly from: number; readonly to: number; readonly request: { readonly proc: 'getspec'; readonly volfileId: string } }
  | { readonly conn: 'mgmt'; readonly dir: 'reply'; readonly from: number; readonly to: number; readonly request: { readonly proc: 'getspec'; readonly volfileId: string }; readonly reply: 'volfile' | 'none' }
  | { readonly conn: 'mgmt'; readonly dir: 'notify'; readonly from: number; readonly to: number; readonly request: { readonly proc: 'fetchspec' } }
  | { readonly conn: 'portmap'; readonly dir: 'call'; readonly from: string; readonly to: string; readonly request: { readonly proc: 'portbybrick'; readonly brick: string }; readonly reply: 'port' | 'none' | 'refused' }
  | { readonly conn: 'svc' | 'mgmt'; readonly dir: 'connect' | 'disconnect'; readonly from: number; readonly to: number; readonly address: string };
