/**
 * The `model:` settings of a scenario: every key, its type, its default and what it means. The
 * scenario loader validates `model.*` keys against this table before anything runs; `run.json`
 * records every value in force, defaults included.
 *
 * Timing defaults are modelling choices where GlusterFS gives no number (a LAN round trip, a process
 * exec); where the reference gives one (ping-timeout 42 s, reconnect 3 s, 15 × 1 s attach retries,
 * heal-timeout 600 s) it is a constant in the model, not a setting.
 */
import { parseDuration, type Micros } from '../engine/time.js';
import { VERSION_SETTINGS, type VersionSetting } from './version.js';

export type Fault = 'attach-before-graph' | 'first-child-down-cleanup' | 'attach-dead-process';
export const FAULTS: readonly Fault[] = ['attach-before-graph', 'first-child-down-cleanup', 'attach-dead-process'];

export interface ModelConfig {
  /** The GlusterFS release modelled (version.ts): `auto` takes each mode's default (legacy 6.10, mux 10.3). */
  version: VersionSetting;
  /** What a detach does with frames in flight: GlusterFS unwinds them with ENOTCONN; `drain` waits first. */
  detach: 'enotconn' | 'drain';
  /** Longest a `drain` detach waits for in-flight frames before unwinding the rest. */
  drain_timeout: Micros;
  /** glusterd restart with a live shd: GlusterFS kills it as stale and respawns (`respawn`); `adopt` keeps it. */
  glusterd_restart: 'respawn' | 'adopt';
  /** GlusterFS 7 bugs to switch on (reference §5: F4, F6, F3). */
  faults: Fault[];
  /** shd inode table per replicate/disperse xlator: `large` (~1 MiB of hash lists, GlusterFS < 9) or `small` (9.0+). */
  inode_table: 'large' | 'small';
  /** Sampling interval of timeseries.csv and nodes.csv. */
  sample_interval: Micros;
  /** Network round trip between two nodes (or a client and a node). */
  net_rtt: Micros;
  /** Network bandwidth of one connection, bytes per second. */
  net_bandwidth: number;
  /** Disk bandwidth of one brick, bytes per second (reads and writes share it). */
  brick_bandwidth: number;
  /** Disk latency of one brick operation (metadata op, or the seek before a data block). */
  brick_latency: Micros;
  /** Time glusterd spends on one management transaction's lock/stage/commit, besides what it waits for. */
  glusterd_op_time: Micros;
  /** Time from exec of a glusterfs process (shd or brick) to its listening and fetching its volfile. */
  process_start_time: Micros;
  /** Extra time per xlator to construct and init a graph in the shd. */
  graph_init_time_per_xlator: Micros;
  /** Time for the shd to exit on SIGTERM. */
  shd_exit_time: Micros;
  /** Time for glusterd to start (read its store) before it restarts bricks and daemons. */
  glusterd_start_time: Micros;
}

type Spec =
  | { kind: 'enum'; values: readonly string[]; default: string; help: string }
  | { kind: 'list'; values: readonly string[]; default: string[]; help: string }
  | { kind: 'duration'; default: string; help: string }
  | { kind: 'bandwidth'; default: string; help: string };

/** The table. Defaults are written as a user would write them, and parsed like user input. */
export const MODEL_SETTINGS: Readonly<Record<keyof ModelConfig, Spec>> = {
  version: { kind: 'enum', values: VERSION_SETTINGS, default: 'auto', help: 'GlusterFS release: auto (legacy 6.10, mux 10.3), 6.10 (legacy), 7.9 or 10.3 (mux)' },
  detach: { kind: 'enum', values: ['enotconn', 'drain'], default: 'enotconn', help: 'frames in flight at detach: unwound with ENOTCONN (GlusterFS) or drained first' },
  drain_timeout: { kind: 'duration', default: '30s', help: 'longest a drain detach waits before unwinding the rest' },
  glusterd_restart: { kind: 'enum', values: ['respawn', 'adopt'], default: 'respawn', help: 'glusterd restart with a live shd: kill and respawn it (GlusterFS) or adopt it' },
  faults: { kind: 'list', values: FAULTS, default: [], help: 'GlusterFS 7 faults to switch on' },
  inode_table: { kind: 'enum', values: ['large', 'small'], default: 'large', help: 'shd inode table size per replicate/disperse xlator (large: GlusterFS < 9)' },
  sample_interval: { kind: 'duration', default: '10s', help: 'sampling interval of timeseries.csv and nodes.csv' },
  net_rtt: { kind: 'duration', default: '200us', help: 'network round trip between two hosts' },
  net_bandwidth: { kind: 'bandwidth', default: '1GiB/s', help: 'bandwidth of one network connection' },
  brick_bandwidth: { kind: 'bandwidth', default: '200MiB/s', help: 'disk bandwidth of one brick' },
  brick_latency: { kind: 'duration', default: '1ms', help: 'disk latency of one brick operation' },
  glusterd_op_time: { kind: 'duration', default: '20ms', help: 'glusterd time for one management transaction' },
  process_start_time: { kind: 'duration', default: '300ms', help: 'exec of a glusterfs process until it serves requests' },
  graph_init_time_per_xlator: { kind: 'duration', default: '1ms', help: 'graph construct and init time per xlator in the shd' },
  shd_exit_time: { kind: 'duration', default: '50ms', help: 'time for the shd to exit on SIGTERM' },
  glusterd_start_time: { kind: 'duration', default: '1s', help: 'glusterd start-up before it restarts bricks and daemons' },
};

export const MODEL_KEYS = Object.keys(MODEL_SETTINGS) as (keyof ModelConfig)[];

const SIZE_UNITS: Record<string, number> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, KB: 1e3, MB: 1e6, GB: 1e9 };

/** Parses a size such as `64MiB`, `4KiB`, `512B`, `1.5GiB`; null when it is not one. */
export function parseSize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KiB|MiB|GiB|KB|MB|GB)$/.exec(text.trim());
  if (!m) return null;
  return Math.round(Number(m[1]) * SIZE_UNITS[m[2]!]!);
}

/** What a setting's value should look like, for error messages. */
export function expectedForm(key: keyof ModelConfig): string {
  const spec = MODEL_SETTINGS[key];
  switch (spec.kind) {
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    case 'list':
      return `a list of: ${spec.values.join(', ')}`;
    case 'duration':
      return 'a duration such as 500ms, 30s, 2m';
    case 'bandwidth':
      return 'a bandwidth such as 200MiB/s or 1GiB/s';
  }
}

export type ParsedSetting = { ok: true; value: unknown } | { ok: false; message: string; expected: string };

/**
 * Checks one `model.*` value from YAML (string, number, list) or from `--set` (always a string; a
 * list is then comma-separated, or `[]`). Returns the value in the ModelConfig's own type.
 */
export function parseModelSetting(key: string, raw: unknown): ParsedSetting {
  if (!(key in MODEL_SETTINGS)) {
    return { ok: false, message: `unknown model setting '${key}'`, expected: `one of ${MODEL_KEYS.join(', ')}` };
  }
  const k = key as keyof ModelConfig;
  const spec = MODEL_SETTINGS[k];
  const bad = (): ParsedSetting => ({ ok: false, message: `bad value ${JSON.stringify(raw)} for model.${key}`, expected: expectedForm(k) });
  switch (spec.kind) {
    case 'enum':
      return typeof raw === 'string' && spec.values.includes(raw) ? { ok: true, value: raw } : bad();
    case 'list': {
      let items: unknown[];
      if (Array.isArray(raw)) items = raw;
      else if (typeof raw === 'string') items = raw.trim() === '' || raw.trim() === '[]' ? [] : raw.replace(/^\[|\]$/g, '').split(',').map((s) => s.trim());
      else return bad();
      if (!items.every((i) => typeof i === 'string' && spec.values.includes(i))) return bad();
      return { ok: true, value: [...new Set(items as string[])] };
    }
    case 'duration': {
      const d = typeof raw === 'string' ? parseDuration(raw) : typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw * 1_000_000 : null;
      return d === null ? bad() : { ok: true, value: d };
    }
    case 'bandwidth': {
      const m = typeof raw === 'string' ? /^(.+)\/s$/.exec(raw.trim()) : null;
      const b = m ? parseSize(m[1]!) : null;
      return b === null || b <= 0 ? bad() : { ok: true, value: b };
    }
  }
}

/** The defaults, parsed. */
export function defaultModelConfig(): ModelConfig {
  const out: Record<string, unknown> = {};
  for (const k of MODEL_KEYS) {
    const r = parseModelSetting(k, MODEL_SETTINGS[k].default);
    if (!r.ok) throw new Error(`bad default for model.${k}: ${r.message}`);
    out[k] = r.value;
  }
  return out as unknown as ModelConfig;
}

/** Defaults overlaid with already-parsed settings (from the scenario file, then --set). */
export function resolveModelConfig(settings: Readonly<Record<string, unknown>>): ModelConfig {
  return { ...defaultModelConfig(), ...settings } as ModelConfig;
}

/** The config as a user would read it (durations in µs become `30s`-style strings), for run.json. */
export function describeModelConfig(config: ModelConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of MODEL_KEYS) {
    const spec = MODEL_SETTINGS[k];
    const v = config[k];
    if (spec.kind === 'duration') out[k] = `${(v as number) / 1000}ms`.replace(/^(\d+)000ms$/, '$1s');
    else if (spec.kind === 'bandwidth') out[k] = `${v}B/s`;
    else out[k] = v;
  }
  return out;
}
