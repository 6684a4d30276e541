/**
 * The GlusterFS log messages the model emits (reference §2.4, §3.3, §1.4–§1.13): level, message id,
 * source location and text. Message ids and texts follow the reference (and, where it is silent,
 * GlusterFS's message headers: EC_MSG_EC_UP = 122061, glusterfsd "received signum" = 100032). Source
 * file names and functions are GlusterFS's; the line numbers are approximations of GlusterFS 7.x,
 * kept constant so byte counts are stable. `msgid: null` marks gf_log() lines, which carry no
 * `[MSGID: N]` part.
 */
export type Level = 'T' | 'D' | 'I' | 'W' | 'E' | 'C';

export interface MessageDef<A = never> {
  readonly level: Level;
  readonly msgid: number | null;
  /** `file.c:line:function` */
  readonly where: string;
  readonly text: (args: A) => string;
}

function def<A = void>(level: Level, msgid: number | null, where: string, text: (args: A) => string): MessageDef<A> {
  return { level, msgid, where, text };
}

type Vol = { volume: string };
type VolPid = { volume: string; pid: number };

/** What glusterd logs (domain `0-management`). */
export const GLUSTERD = {
  started: def<{ version: string; args: string }>('I', 100030, 'glusterfsd.c:2847:main', (a) => `Started running /usr/sbin/glusterd version ${a.version} (args: ${a.args})`),
  pid: def<{ pid: number }>('I', null, 'glusterfsd.c:2539:daemonize', (a) => `Pid of current running process is ${a.pid}`),
  attachAdding: def<VolPid>('I', 106618, 'glusterd-svc-helper.c:700:glusterd_attach_svc', (a) => `adding svc glustershd (volume=${a.volume}) to existing process with pid ${a.pid}`),
  notConnectedYet: def('I', 106498, 'glusterd-svc-helper.c:563:__glusterd_send_svc_configure_req', () => 'not connected yet'),
  attachStale: def<Vol>('I', 106617, 'glusterd-svc-helper.c:714:glusterd_attach_svc', (a) => `Volume ${a.volume}  is marked as stale, not attempting further shd svc attach attempts`),
  attachSuccess: def<VolPid>('I', 106617, 'glusterd-svc-helper.c:464:glusterd_svc_attach_cbk', (a) => `svc glustershd of volume ${a.volume} attached successfully to pid ${a.pid}`),
  attachReplyFailed: def<VolPid>('E', 106617, 'glusterd-svc-helper.c:468:glusterd_svc_attach_cbk', (a) => `svc glustershd of volume ${a.volume} failed to attach to pid ${a.pid}`),
  attachFailed: def<Vol>('W', 106617, 'glusterd-svc-helper.c:749:glusterd_attach_svc', (a) => `attach failed for glustershd(volume=${a.volume})`),
  attachCallerFailed: def<VolPid>('E', 106048, 'glusterd-shd-svc.c:519:glusterd_shdsvc_start', (a) => `Failed to attach shd svc(volume=${a.volume}) to pid=${a.pid}`),
  detachRemoving: def<VolPid>('I', 106619, 'glusterd-svc-helper.c:768:glusterd_detach_svc', (a) => `removing svc glustershd (volume=${a.volume}) from existing process with pid ${a.pid}`),
  detachFailed: def<Vol>('W', 106620, 'glusterd-svc-helper.c:802:glusterd_detach_svc', (a) => `detach failed for glustershd(volume=${a.volume})`),
  detachDone: def<VolPid>('I', 106568, 'glusterd-shd-svc.c:704:glusterd_shdsvc_stop', (a) => `Shd service is detached for volume ${a.volume} from pid ${a.pid}`),
  detachDoneFailed: def<VolPid>('E', 106570, 'glusterd-shd-svc.c:708:glusterd_shdsvc_stop', (a) => `shd service is failed to detach volume ${a.volume} from pid ${a.pid}`),
  shdDisconnected: def('I', 106006, 'glusterd-svc-mgmt.c:392:glusterd_muxsvc_common_rpc_notify', () => 'glustershd has disconnected from glusterd.'),
  stopping: def<{ pid: number }>('I', 106568, 'glusterd-proc-mgmt.c:92:glusterd_proc_stop', (a) => `Stopping glustershd daemon running in pid: ${a.pid}`),
  alreadyStopped: def('I', 106131, 'glusterd-proc-mgmt.c:79:glusterd_proc_stop', () => 'glustershd already stopped'),
  serviceStopped: def('I', 106568, 'glusterd-svc-mgmt.c:259:glusterd_svc_stop', () => 'glustershd service is stopped'),
  restartFailed: def<Vol>('E', 106615, 'glusterd-shd-svc.c:633:glusterd_shdsvc_restart', (a) => `Couldn't start shd for vol: ${a.volume} on restart`),
} as const;

type Gfid = { gfid: string };
type HealKind = 'data' | 'metadata' | 'entry';

/** What the shd logs; the domain is `0-glusterfs`, `0-mgmt`, or `<graph id>-<xlator>`. */
export const SHD = {
  started: def<{ version: string; args: string }>('I', 100030, 'glusterfsd.c:2847:main', (a) => `Started running /usr/sbin/glusterfs version ${a.version} (args: ${a.args})`),
  pid: def<{ pid: number }>('I', null, 'glusterfsd.c:2539:daemonize', (a) => `Pid of current running process is ${a.pid}`),
  epollThread: def<{ index: number }>('I', 101190, 'event-epoll.c:668:event_dispatch_epoll_worker', (a) => `Started thread with index [{index=${a.index}}]`),
  signum: def<{ signum: number }>('W', 100032, 'glusterfsd.c:1577:cleanup_and_exit', (a) => `received signum (${a.signum}), shutting down`),
  volfileChanged: def('I', null, 'glusterfsd-mgmt.c:58:mgmt_cbk_spec', () => 'Volume file changed'),
  attachReceived: def<{ id: string }>('I', 100041, 'glusterfsd-mgmt.c:964:glusterfs_handle_svc_attach', (a) => `received attach request for volfile [{volfile-id=${a.id}}]`),
  attachNoGraph: def<{ id: string }>('W', 100041, 'glusterfsd-mgmt.c:979:glusterfs_handle_svc_attach', (a) => `got attach for ${a.id} but no active graph`),
  noChangeLegacy: def('I', null, 'glusterfsd-mgmt.c:2241:mgmt_getspec_cbk', () => 'No change in volfile,continuing'),
  noChange: def('I', 100040, 'glusterfsd-mgmt.c:2134:mgmt_process_volfile', () => 'No change in volfile, countinuing'),
  detaching: def<{ id: string }>('I', 101218, 'graph.c:1683:glusterfs_process_svc_detach', (a) => `detaching child ${a.id}`),
  detachNotFound: def<{ id: string }>('E', 100041, 'glusterfsd-mgmt.c:1013:glusterfs_handle_svc_detach', (a) => `can't detach ${a.id} - not found`),
  oldPid: def<{ old: number; file: string; pid: number }>('I', 101220, 'graph.c:1530:glusterfs_update_mux_pid', (a) => `Old pid=${a.old} found in pidfile ${a.file}. Cleaning the old pid and Updating new pid=${a.pid}`),
  constructFailed: def('E', 101219, 'graph.c:1771:glusterfs_process_svc_attach_volfp', () => 'failed to construct the graph'),
  optionSet: def<{ key: string; value: string }>('I', 0, 'options.c:1236:xlator_option_reconf', (a) => `option ${a.key} using set value ${a.value}`),
  clientConnecting: def('I', 114020, 'client.c:2325:notify', () => 'parent translators are ready, attempting connect on transport []'),
  clientConnected: def<{ xlator: string; path: string }>('I', 114046, 'client-handshake.c:1107:client_setvolume_cbk', (a) => `Connected to ${a.xlator}, attached to remote volume '${a.path}'.`),
  portmapFailed: def('E', 114058, 'client-handshake.c:1269:client_query_portmap_cbk', () => "failed to get the port number for remote subvolume. Please run 'gluster volume status' on server to see if brick process is running."),
  clientDisconnected: def<{ xlator: string }>('I', 114018, 'client.c:2236:client_rpc_notify', (a) => `disconnected from ${a.xlator}. Client process will keep trying to connect to glusterd until brick's port is available`),
  graphInactive: def('I', 114021, 'client.c:2342:notify', () => 'current graph is no longer active, destroying rpc_client '),
  forcedUnwind: def<{ op: string; opnum: number; at: string; xid: number }>(
    'E',
    null,
    'rpc-clnt.c:346:saved_frames_unwind',
    // gf_log_callingfn prints the caller chain; the addresses are fixed placeholders of real length.
    (a) =>
      `(--> /lib64/libglusterfs.so.0(_gf_log_callingfn+0x13b)[0x7f3c8e8f1a2b] (--> /lib64/libgfrpc.so.0(+0xce11)[0x7f3c8e6a4e11] ` +
      `(--> /lib64/libgfrpc.so.0(+0xcf2e)[0x7f3c8e6a4f2e] (--> /lib64/libgfrpc.so.0(rpc_clnt_connection_cleanup+0x91)[0x7f3c8e6a6461] ` +
      `(--> /lib64/libgfrpc.so.0(+0xda8a)[0x7f3c8e6a5a8a] ))))) forced unwinding frame type(GlusterFS 4.x v1) op(${a.op}(${a.opnum})) called at ${a.at} (xid=0x${a.xid.toString(16)})`,
  ),
  remoteOpFailed: def<{ gfid: string }>('W', 114031, 'client-rpc-fops_v2.c:2561:client4_0_lookup_cbk', (a) => `remote operation failed. [{path=<gfid:${a.gfid}>}, {gfid=${a.gfid}}, {errno=107}, {error=Transport endpoint is not connected}]`),
  afrUp: def<{ child: string }>('I', 108005, 'afr-common.c:5964:__afr_handle_child_up_event', (a) => `Subvolume '${a.child}' came back up; going online.`),
  afrAllDown: def('E', 108006, 'afr-common.c:6040:__afr_handle_child_down_event', () => 'All subvolumes are down. Going offline until at least one of them comes back up.'),
  healStart: def<Gfid & { kind: HealKind }>('I', 108026, 'afr-self-heal-common.c:2548:afr_selfheal_do', (a) => `performing ${a.kind} selfheal on ${a.gfid}`),
  healDone: def<Gfid & { kind: HealKind; sources: string; sinks: string }>(
    'I',
    108026,
    'afr-self-heal-common.c:2690:afr_log_selfheal',
    (a) => `Completed ${a.kind} selfheal on ${a.gfid}. sources=${a.sources}  sinks=${a.sinks} `,
  ),
  fullSweepStart: def<{ subvol: string }>('I', 108026, 'afr-self-heald.c:1004:afr_shd_full_healer', (a) => `starting full sweep on subvol ${a.subvol}`),
  fullSweepDone: def<{ subvol: string }>('I', 108026, 'afr-self-heald.c:1009:afr_shd_full_healer', (a) => `finished full sweep on subvol ${a.subvol}`),
  ecUp: def('I', 122061, 'ec.c:364:ec_up', () => 'Going UP'),
  ecDown: def('I', 122062, 'ec.c:380:ec_down', () => 'Going DOWN'),
  ecFullSweepStart: def<{ subvol: string }>('I', 122059, 'ec-heald.c:320:ec_shd_full_healer', (a) => `starting full sweep on subvol ${a.subvol}`),
  ecFullSweepDone: def<{ subvol: string }>('I', 122059, 'ec-heald.c:326:ec_shd_full_healer', (a) => `finished full sweep on subvol ${a.subvol}`),
} as const;

/**
 * The block glusterfs prints when it dies on a signal (SIGSEGV in the F6 fault): plain lines, no
 * timestamp prefix except the crash time.
 */
export function crashDump(time: string, version: string): string[] {
  return [
    'pending frames:',
    'frame : type(0) op(0)',
    'patchset: git://git.gluster.org/glusterfs.git',
    'signal received: 11',
    `time of crash: `,
    time,
    'configuration details:',
    'argp 1',
    'backtrace 1',
    'dlfcn 1',
    'libpthread 1',
    'llistxattr 1',
    'setfsid 1',
    'spinlock 1',
    'epoll.h 1',
    'xattr.h 1',
    'st_atim.tv_nsec 1',
    `package-string: glusterfs ${version}`,
    '---------',
  ];
}
