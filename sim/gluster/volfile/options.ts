/**
 * The volume options the model knows: their defaults, how glusterd validates a `volume set` value,
 * and where a value the user set lands in the shd graph (reference §2.2, §3.1).
 *
 * How options reach the shd volfile. glusterd builds the shd graph and then applies the volume's
 * option dictionary with its shd filter: an option whose table entry is one of the shd-only mappings
 * (`!self-heal-daemon`, `!heal-timeout`) is written without the `!`, any other `!` entry is skipped,
 * and every plain entry is written on each xlator of the entry's xlator type. Only options the user
 * set are in that dictionary; the forced shd options (background-self-heal-count 0 and the three
 * *-self-heal on) are applied last and win over the user's values. So, in the shd graph:
 * - `carried` options appear on the matching xlators only when set (heal-timeout, shd-max-threads…);
 * - `overrides` options replace the value of an option the shd graph always has (self-heal-daemon,
 *   io-stats log-level, client ping-timeout…), or fill an optional slot (transport.address-family);
 * - `forced` options never show the user's value;
 * - `nowhere` options (and unknown keys) are stored on the volume and never written.
 */

export type ShdXlatorType = 'cluster/replicate' | 'cluster/disperse' | 'protocol/client' | 'debug/io-stats';

export interface ShdLanding {
  how: 'carried' | 'overrides' | 'forced';
  /** Each xlator type this option is written on, with the key it is written as. */
  on: readonly { type: ShdXlatorType; key: string }[];
}

type ValueRule =
  | { kind: 'int'; min: number; max: number }
  | { kind: 'bool' }
  | { kind: 'enum'; values: readonly string[] };

export interface VolumeOptionSpec {
  /** CLI key, as in `gluster volume set V <key> <value>`. */
  key: string;
  default: string;
  /** The xlator option key glusterd's validation messages name. */
  xlatorKey: string;
  rule: ValueRule;
  /** undefined: never written into an shd volfile. */
  shd?: ShdLanding;
  help: string;
}

const INT_MAX = 2147483647;
const LOG_LEVELS = ['DEBUG', 'WARNING', 'ERROR', 'INFO', 'CRITICAL', 'NONE', 'TRACE'] as const;
const REPLICATE = 'cluster/replicate';
const DISPERSE = 'cluster/disperse';
const CLIENT = 'protocol/client';
const IO_STATS = 'debug/io-stats';

const SPECS: readonly VolumeOptionSpec[] = [
  {
    key: 'cluster.heal-timeout',
    default: '600',
    xlatorKey: 'heal-timeout',
    // AFR's minimum. EC's own minimum is 60, but glusterd validates the key against the replicate
    // table, so a disperse volume accepts 5..59 here too (EC would clamp at reconfigure; not modelled).
    rule: { kind: 'int', min: 5, max: INT_MAX },
    shd: { how: 'carried', on: [{ type: REPLICATE, key: 'heal-timeout' }, { type: DISPERSE, key: 'heal-timeout' }] },
    help: 'seconds an idle index healer waits before crawling again',
  },
  {
    key: 'cluster.shd-max-threads',
    default: '1',
    xlatorKey: 'shd-max-threads',
    rule: { kind: 'int', min: 1, max: 64 },
    shd: { how: 'carried', on: [{ type: REPLICATE, key: 'shd-max-threads' }] },
    help: 'entries healed in parallel per local brick (replicate)',
  },
  {
    key: 'cluster.shd-wait-qlength',
    default: '1024',
    xlatorKey: 'shd-wait-qlength',
    // 655536 (sic) is AFR's own maximum.
    rule: { kind: 'int', min: 1, max: 655536 },
    shd: { how: 'carried', on: [{ type: REPLICATE, key: 'shd-wait-qlength' }] },
    help: 'entries queued for the heal threads per local brick (replicate)',
  },
  {
    key: 'cluster.self-heal-daemon',
    default: 'on',
    xlatorKey: 'self-heal-daemon',
    rule: { kind: 'bool' },
    // The shd graph always has self-heal-daemon (enable); a value the user set replaces it, which is
    // how `volume set V cluster.self-heal-daemon off` disables the shd for one replicate volume.
    shd: { how: 'overrides', on: [{ type: REPLICATE, key: 'self-heal-daemon' }] },
    help: 'whether the shd heals this replicate volume',
  },
  {
    key: 'cluster.disperse-self-heal-daemon',
    default: 'enable',
    xlatorKey: 'self-heal-daemon',
    rule: { kind: 'bool' },
    shd: { how: 'overrides', on: [{ type: DISPERSE, key: 'self-heal-daemon' }] },
    help: 'whether the shd heals this disperse volume',
  },
  {
    key: 'cluster.background-self-heal-count',
    default: '8',
    xlatorKey: 'background-self-heal-count',
    rule: { kind: 'int', min: 0, max: 256 },
    shd: { how: 'forced', on: [{ type: REPLICATE, key: 'background-self-heal-count' }] },
    help: 'client-side background heals; always 0 in the shd (heals run in the healer threads)',
  },
  {
    key: 'cluster.data-self-heal',
    default: 'on',
    xlatorKey: 'data-self-heal',
    rule: { kind: 'bool' },
    shd: { how: 'forced', on: [{ type: REPLICATE, key: 'data-self-heal' }] },
    help: 'client-side data heal; always on in the shd',
  },
  {
    key: 'cluster.metadata-self-heal',
    default: 'on',
    xlatorKey: 'metadata-self-heal',
    rule: { kind: 'bool' },
    shd: { how: 'forced', on: [{ type: REPLICATE, key: 'metadata-self-heal' }] },
    help: 'client-side metadata heal; always on in the shd',
  },
  {
    key: 'cluster.entry-self-heal',
    default: 'on',
    xlatorKey: 'entry-self-heal',
    rule: { kind: 'bool' },
    shd: { how: 'forced', on: [{ type: REPLICATE, key: 'entry-self-heal' }] },
    help: 'client-side entry heal; always on in the shd',
  },
  {
    key: 'cluster.eager-lock',
    default: 'on',
    xlatorKey: 'eager-lock',
    rule: { kind: 'bool' },
    // A plain replicate option: the shd filter writes it like any other (reference §2.2).
    shd: { how: 'carried', on: [{ type: REPLICATE, key: 'eager-lock' }] },
    help: 'replicate eager locking',
  },
  {
    key: 'cluster.data-self-heal-window-size',
    // The reference's §3.1 table gives 8; the thin-arbiter shd sample carries 1 (AFR's own default in
    // recent releases). The model follows the reference table.
    default: '8',
    xlatorKey: 'data-self-heal-window-size',
    rule: { kind: 'int', min: 1, max: 1024 },
    shd: { how: 'carried', on: [{ type: REPLICATE, key: 'data-self-heal-window-size' }] },
    help: '128 KiB blocks healed per data-heal step',
  },
  {
    key: 'performance.flush-behind',
    default: 'on',
    xlatorKey: 'flush-behind',
    rule: { kind: 'bool' },
    // write-behind is a client (mount) xlator: the shd graph has none.
    help: 'write-behind flush-behind (client mounts only)',
  },
  {
    key: 'disperse.shd-max-threads',
    default: '1',
    xlatorKey: 'shd-max-threads',
    rule: { kind: 'int', min: 1, max: 64 },
    shd: { how: 'carried', on: [{ type: DISPERSE, key: 'shd-max-threads' }] },
    help: 'entries healed in parallel per local brick (disperse)',
  },
  {
    key: 'disperse.shd-wait-qlength',
    default: '1024',
    xlatorKey: 'shd-wait-qlength',
    rule: { kind: 'int', min: 1, max: 65536 },
    shd: { how: 'carried', on: [{ type: DISPERSE, key: 'shd-wait-qlength' }] },
    help: 'entries queued for the heal threads per local brick (disperse)',
  },
  {
    key: 'diagnostics.client-log-level',
    default: 'INFO',
    xlatorKey: 'log-level',
    rule: { kind: 'enum', values: LOG_LEVELS },
    // The io-stats top of every shd graph has `log-level INFO` unless the user set another level.
    shd: { how: 'overrides', on: [{ type: IO_STATS, key: 'log-level' }] },
    help: 'log level of client processes (the shd included)',
  },
  {
    key: 'network.ping-timeout',
    default: '42',
    xlatorKey: 'ping-timeout',
    rule: { kind: 'int', min: 0, max: 1013 },
    shd: { how: 'overrides', on: [{ type: CLIENT, key: 'ping-timeout' }] },
    help: 'seconds without a brick reply before a client disconnects it',
  },
  {
    key: 'client.ssl',
    default: 'off',
    xlatorKey: 'transport.socket.ssl-enabled',
    rule: { kind: 'bool' },
    shd: { how: 'overrides', on: [{ type: CLIENT, key: 'transport.socket.ssl-enabled' }] },
    help: 'TLS on client connections',
  },
  {
    key: 'transport.address-family',
    default: 'inet',
    xlatorKey: 'transport.address-family',
    rule: { kind: 'enum', values: ['inet', 'inet6', 'unix', 'inet_sdp'] },
    // Written into client xlators only when set (an optional slot right after transport-type).
    shd: { how: 'overrides', on: [{ type: CLIENT, key: 'transport.address-family' }] },
    help: 'address family of client connections',
  },
];

const BY_KEY: ReadonlyMap<string, VolumeOptionSpec> = new Map(SPECS.map((s) => [s.key, s]));

/** Every known option, in table order. */
export const VOLUME_OPTIONS: readonly VolumeOptionSpec[] = SPECS;

export function volumeOptionSpec(key: string): VolumeOptionSpec | undefined {
  return BY_KEY.get(key);
}

/**
 * glusterd's check of a `volume set` value. Unknown keys are accepted as they are (stored on the
 * volume, never written into shd volfiles). The value is returned as given: glusterd stores and
 * writes what the user typed.
 */
export function validateVolumeOption(key: string, value: string): { ok: true; value: string } | { ok: false; message: string } {
  const spec = BY_KEY.get(key);
  if (!spec) return { ok: true, value };
  const k = spec.xlatorKey;
  const rule = spec.rule;
  switch (rule.kind) {
    case 'int': {
      if (!/^\s*[+-]?[0-9]+$/.test(value)) return { ok: false, message: `invalid number format "${value}" in option "${k}"` };
      const n = Number(value);
      if (n < rule.min || n > rule.max) {
        return { ok: false, message: `'${n}' in 'option ${k} ${value}' is out of range [${rule.min} - ${rule.max}]` };
      }
      return { ok: true, value };
    }
    case 'bool':
      if (parseBoolean(value) === undefined) return { ok: false, message: `option ${k} ${value}: '${value}' is not a valid boolean value` };
      return { ok: true, value };
    case 'enum':
      if (!rule.values.some((v) => v.toLowerCase() === value.toLowerCase())) {
        return { ok: false, message: `option ${k} ${value}: '${value}' is not valid (possible options are ${rule.values.join(', ')})` };
      }
      return { ok: true, value };
  }
}

export function optionDefault(key: string): string | undefined {
  return BY_KEY.get(key)?.default;
}

/** Effective value for the model: the user's value if set, else the default (undefined: unknown and unset). */
export function effectiveOption(options: ReadonlyMap<string, string>, key: string): string | undefined {
  return options.get(key) ?? BY_KEY.get(key)?.default;
}

const TRUE_WORDS = new Set(['1', 'on', 'yes', 'true', 'enable']);
const FALSE_WORDS = new Set(['0', 'off', 'no', 'false', 'disable']);

/** GlusterFS's boolean words, case-insensitive; undefined for anything else. */
export function parseBoolean(value: string): boolean | undefined {
  const v = value.toLowerCase();
  if (TRUE_WORDS.has(v)) return true;
  if (FALSE_WORDS.has(v)) return false;
  return undefined;
}

/** True for GlusterFS's true words (on, yes, true, enable, 1; any case); false for anything else. */
export function isTrue(value: string): boolean {
  return parseBoolean(value) === true;
}

/**
 * The user-set options that land on xlators of `type` in an shd graph, as [xlator key, value] in the
 * order the user set them; forced options are left out (their forced value stands).
 */
export function shdOptionsFor(options: ReadonlyMap<string, string>, type: ShdXlatorType): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of options) {
    const landing = BY_KEY.get(key)?.shd;
    if (!landing || landing.how === 'forced') continue;
    for (const t of landing.on) if (t.type === type) out.push([t.key, value]);
  }
  return out;
}
