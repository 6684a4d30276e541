/**
 * The GlusterFS release a run models (`model.version`), and every behaviour that differs between the
 * releases the model knows, in ONE table. Each row cites the GlusterFS source (tag:file function, or the
 * commit) it follows; /work/notes/version-facts.md in the development notes, and docs/model.md for
 * users, give the evidence.
 *
 * - 6.10: the last release before shd multiplexing — the `legacy` mode's only release.
 * - 7.9: multiplexing as first shipped (the 7.x line's last release), with the 7.x faults (F3, F4, F6).
 * - 10.3: the release Debian bookworm ships, and the default of the `mux` mode.
 *
 * `model.version: auto` (the default) takes each mode's default release; an explicit release applies to
 * the mode it belongs to (6.10 to legacy, 7.9 and 10.3 to mux), and the other mode keeps its default, so
 * `--set model.version=7.9` compares legacy 6.10 with mux 7.9.
 */
import type { Mode } from '../mode.js';

export const GLUSTER_VERSIONS = ['6.10', '7.9', '10.3'] as const;
export type GlusterVersion = (typeof GLUSTER_VERSIONS)[number];

/** What `model.version` accepts. */
export const VERSION_SETTINGS = ['auto', ...GLUSTER_VERSIONS] as const;
export type VersionSetting = (typeof VERSION_SETTINGS)[number];

/** The release each mode models unless `model.version` names another one of that mode. */
export const DEFAULT_VERSION: Readonly<Record<Mode, GlusterVersion>> = { legacy: '6.10', mux: '10.3' };

/** The mode a release belongs to: its shd is multiplexed from 7.0 on (22d0dda951, v7.0). */
export function modeOfVersion(v: GlusterVersion): Mode {
  return v === '6.10' ? 'legacy' : 'mux';
}

/** The release a run in `mode` models under `setting`. */
export function versionFor(mode: Mode, setting: VersionSetting): GlusterVersion {
  if (setting === 'auto' || modeOfVersion(setting) !== mode) return DEFAULT_VERSION[mode];
  return setting;
}

/**
 * One row per behaviour that differs between releases. Add a row here (with its citation) rather than
 * testing a release anywhere else in the model: the rest of the model reads `cluster.traits`.
 */
export interface VersionTraits {
  /** The version string its processes print in their start lines and crash dumps. */
  readonly release: GlusterVersion;
}

export const VERSION_TABLE: Readonly<Record<GlusterVersion, VersionTraits>> = {
  '6.10': { release: '6.10' },
  '7.9': { release: '7.9' },
  '10.3': { release: '10.3' },
};

export function traitsOf(v: GlusterVersion): VersionTraits {
  return VERSION_TABLE[v];
}
