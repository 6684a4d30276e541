/**
 * The CSV files of a run: for each, its name, the ModeResult list it holds, and its columns with
 * their cell types, in the field order of `reports/types.ts`. Writing and reading both go through
 * this table, so the two can never disagree.
 *
 * A `Record<keyof Row, CellType>` makes the compiler insist on every field and no other; the key
 * order written here is the column order.
 */
import type { Mode } from '../sim/mode.js';
import { MODES } from '../sim/mode.js';
import { BOOL, INT, MIB, SECONDS, SECONDS_OR_NULL, STRING, oneOf, type CellType } from './cells.js';
import type {
  ExpectationRow,
  HealRow,
  LogRow,
  ModeResult,
  NodeRow,
  OpRow,
  SummaryRow,
  TimelineKind,
  TimelineRow,
  TimeseriesRow,
} from './types.js';

const MODE = oneOf(...MODES);

export const TIMELINE_KINDS: readonly TimelineKind[] = [
  'shd-start',
  'shd-exit',
  'shd-crash',
  'attach',
  'detach',
  'reconfigure',
  'cleanup-done',
  'glusterd-start',
  'glusterd-stop',
  'brick-start',
  'brick-stop',
  'node-down',
  'node-up',
];

const SUMMARY: Record<keyof SummaryRow, CellType> = {
  mode: MODE,
  seed: INT,
  sim_seconds: SECONDS,
  heals_completed: INT,
  heal_latency_p50_s: SECONDS_OR_NULL,
  heal_latency_p99_s: SECONDS_OR_NULL,
  heal_latency_max_s: SECONDS_OR_NULL,
  pending_heals_end: INT,
  shd_starts: INT,
  graph_attaches: INT,
  graph_detaches: INT,
  frames_unwound_enotconn: INT,
  log_lines: INT,
  log_bytes: INT,
  peak_shd_rss_mib: MIB,
  events: INT,
  heals_aborted: INT,
  heals_abandoned: INT,
  graph_reconfigures: INT,
  shd_exits: INT,
  shd_crashes: INT,
  frames_sent: INT,
  frames_lost: INT,
  attach_retries: INT,
  attach_failures: INT,
  ops_total: INT,
  ops_failed: INT,
  op_latency_p99_s: SECONDS_OR_NULL,
  writes_failed: INT,
  cleanup_max_s: SECONDS_OR_NULL,
  expectations_failed: INT,
  fingerprint: STRING,
};

const HEALS: Record<keyof HealRow, CellType> = {
  mode: MODE,
  volume: STRING,
  subvolume: STRING,
  brick: STRING,
  gfid: STRING,
  kind: oneOf('data', 'entry', 'metadata'),
  pending_at_s: SECONDS,
  healable_at_s: SECONDS_OR_NULL,
  healed_at_s: SECONDS_OR_NULL,
  latency_s: SECONDS_OR_NULL,
  pending_latency_s: SECONDS_OR_NULL,
  attempts: INT,
};

const TIMESERIES: Record<keyof TimeseriesRow, CellType> = {
  mode: MODE,
  t_s: SECONDS,
  pending_heals: INT,
  heals_done: INT,
  heals_done_interval: INT,
  log_lines: INT,
  log_bytes: INT,
  shd_processes: INT,
  attached_graphs: INT,
  frames_in_flight: INT,
  frames_unwound_enotconn: INT,
  cleanup_threads: INT,
  shd_rss_mib: MIB,
};

const NODES: Record<keyof NodeRow, CellType> = {
  mode: MODE,
  t_s: SECONDS,
  node: STRING,
  shd_pid: INT,
  shd_rss_mib: MIB,
  attached_graphs: INT,
  healer_threads: INT,
  log_bytes: INT,
};

const OPS: Record<keyof OpRow, CellType> = {
  mode: MODE,
  at_s: SECONDS,
  host: STRING,
  command: STRING,
  result: oneOf('ok', 'failed'),
  latency_s: SECONDS,
  message: STRING,
};

const EVENTS: Record<keyof TimelineRow, CellType> = {
  mode: MODE,
  at_s: SECONDS,
  node: STRING,
  kind: oneOf(...TIMELINE_KINDS),
  volume: STRING,
  pid: INT,
  detail: STRING,
};

const LOGS: Record<keyof LogRow, CellType> = {
  mode: MODE,
  node: STRING,
  process: oneOf('glustershd', 'glusterd'),
  msgid: STRING,
  level: oneOf('T', 'D', 'I', 'W', 'E', 'C', '-'),
  lines: INT,
  bytes: INT,
};

const EXPECTATIONS: Record<keyof ExpectationRow, CellType> = {
  mode: MODE,
  where: STRING,
  text: STRING,
  passed: BOOL,
  observed: STRING,
  at_s: SECONDS,
};

/** The ModeResult fields that hold one list of rows each (summary is a single row). */
export type ListField = Exclude<keyof ModeResult, 'mode' | 'summary'>;

export interface TableSpec {
  readonly file: string;
  /** Where the rows live in a ModeResult: `summary` (one row) or one of its lists. */
  readonly field: 'summary' | ListField;
  readonly columns: readonly { readonly name: string; readonly type: CellType }[];
}

function table(file: string, field: TableSpec['field'], cols: Record<string, CellType>): TableSpec {
  return { file, field, columns: Object.entries(cols).map(([name, type]) => ({ name, type })) };
}

/** Every CSV file of a run, in the order they are written (and documented in docs/outputs.md). */
export const TABLES: readonly TableSpec[] = [
  table('summary.csv', 'summary', SUMMARY),
  table('heals.csv', 'heals', HEALS),
  table('timeseries.csv', 'timeseries', TIMESERIES),
  table('nodes.csv', 'nodes', NODES),
  table('ops.csv', 'ops', OPS),
  table('events.csv', 'timeline', EVENTS),
  table('logs.csv', 'logs', LOGS),
  table('expectations.csv', 'expectations', EXPECTATIONS),
];

/** The rows of one table for one mode, as plain records. */
export function rowsOf(result: ModeResult, spec: TableSpec): readonly Record<string, unknown>[] {
  const rows = spec.field === 'summary' ? [result.summary] : result[spec.field];
  return rows as unknown as readonly Record<string, unknown>[];
}

export function isMode(value: unknown): value is Mode {
  return typeof value === 'string' && (MODES as readonly string[]).includes(value);
}
