/**
 * What one run of the model produces, per mode: the rows the model fills in and the CSV writers and
 * charts read (reports/types.ts re-exports them). Times are in seconds of simulated time (floats) here;
 * the model converts from µs. Every list is already in its final, stable order. The model owns this
 * module so that it needs nothing from reports/.
 */
import type { ModeLabel } from '../mode.js';

/** summary.csv: one row per mode. The spec's columns first, then additions. */
export interface SummaryRow {
  mode: ModeLabel;
  seed: number;
  sim_seconds: number;
  heals_completed: number;
  /** Latency = healed − healable, over completed heals; null when none completed. */
  heal_latency_p50_s: number | null;
  heal_latency_p99_s: number | null;
  heal_latency_max_s: number | null;
  pending_heals_end: number;
  shd_starts: number;
  graph_attaches: number;
  graph_detaches: number;
  frames_unwound_enotconn: number;
  log_lines: number;
  log_bytes: number;
  peak_shd_rss_mib: number;
  events: number;
  // additions
  heals_aborted: number; // heal attempts cut off (ENOTCONN, process death)
  heals_abandoned: number; // entries still pending at the end
  graph_reconfigures: number;
  shd_exits: number; // SIGTERM/SIGKILL/crash of an shd process
  shd_crashes: number; // fault-induced crashes (F6)
  frames_sent: number;
  frames_lost: number; // in flight when their shd process died (no unwinding)
  attach_retries: number; // "not connected yet" attempts
  attach_failures: number; // 15 tries exhausted, or failed reply
  ops_total: number;
  ops_failed: number;
  op_latency_p99_s: number | null;
  writes_failed: number; // client writes refused for lack of quorum / no brick
  cleanup_max_s: number | null; // longest graph cleanup (detach → graph destroyed); null when none
  expectations_failed: number;
  fingerprint: string;
}

/** heals.csv: one row per healed or abandoned entry. */
export interface HealRow {
  mode: ModeLabel;
  volume: string;
  subvolume: string; // e.g. v0-replicate-0
  brick: string; // HOST:PATH of the healer that healed it; '' when abandoned
  gfid: string;
  kind: 'data' | 'entry' | 'metadata';
  pending_at_s: number;
  healable_at_s: number | null; // null: its set never became whole again
  healed_at_s: number | null; // null: abandoned (still pending at the end)
  latency_s: number | null; // healed − healable
  pending_latency_s: number | null; // healed − pending
  attempts: number;
}

/** timeseries.csv: one row per mode per sampling interval (cluster-wide). */
export interface TimeseriesRow {
  mode: ModeLabel;
  t_s: number;
  pending_heals: number;
  heals_done: number; // cumulative
  heals_done_interval: number;
  log_lines: number; // cumulative
  log_bytes: number; // cumulative
  shd_processes: number;
  attached_graphs: number;
  frames_in_flight: number;
  frames_unwound_enotconn: number; // cumulative
  cleanup_threads: number;
  shd_rss_mib: number; // sum over nodes
}

/** nodes.csv: per node per interval (chart 6 reads RSS from here). */
export interface NodeRow {
  mode: ModeLabel;
  t_s: number;
  node: string;
  shd_pid: number; // 0 when none
  shd_rss_mib: number;
  attached_graphs: number;
  healer_threads: number;
  log_bytes: number; // cumulative
}

/** ops.csv: one row per management operation. */
export interface OpRow {
  mode: ModeLabel;
  at_s: number; // when it was issued
  host: string; // the glusterd that ran it
  command: string; // as written, e.g. "gluster volume start v0"
  result: 'ok' | 'failed';
  latency_s: number;
  message: string; // the CLI's answer, e.g. "volume start: v0: success"
}

/** events.csv: the shd lifecycle on a timeline (chart 4) and detaches (chart 5). */
export type TimelineKind =
  | 'shd-start'
  | 'shd-exit'
  | 'shd-crash'
  | 'attach'
  | 'detach'
  | 'reconfigure'
  | 'cleanup-done'
  | 'glusterd-start'
  | 'glusterd-stop'
  | 'brick-start'
  | 'brick-stop'
  | 'node-down'
  | 'node-up';

export interface TimelineRow {
  mode: ModeLabel;
  at_s: number;
  node: string;
  kind: TimelineKind;
  volume: string; // '' when not about one volume
  pid: number; // 0 when not about a process
  detail: string;
}

/** logs.csv: log volume per mode, node, process and message id. */
export interface LogRow {
  mode: ModeLabel;
  node: string;
  process: 'glustershd' | 'glusterd';
  msgid: string; // e.g. "106618"; "graph-dump" for Final graph blocks; "0" for MSGID 0
  level: 'T' | 'D' | 'I' | 'W' | 'E' | 'C' | '-';
  lines: number;
  bytes: number;
}

/** An `expect` step's outcome. */
export interface ExpectationRow {
  mode: ModeLabel;
  where: string; // file:line
  text: string;
  passed: boolean;
  observed: string; // the observed left-hand value(s) when it was decided
  at_s: number;
}

export interface ModeResult {
  mode: ModeLabel;
  summary: SummaryRow;
  heals: HealRow[];
  timeseries: TimeseriesRow[];
  nodes: NodeRow[];
  ops: OpRow[];
  timeline: TimelineRow[];
  logs: LogRow[];
  expectations: ExpectationRow[];
}
