/**
 * What one run produces: the per-mode rows of the model (sim/gluster/rows.ts, re-exported here), and
 * run.json's information. The contract between the model, the CSV writers and the charts.
 */
import type { ModeLabel } from '../sim/mode.js';
import type { ModeResult } from '../sim/gluster/rows.js';

export type * from '../sim/gluster/rows.js';

/** run.json plus everything in memory. */
export interface RunInfo {
  scenario: { name: string; description: string; file: string };
  seed: number;
  version: string;
  params: Record<string, string | number>;
  /** Every model setting in force, defaults included. */
  model: Record<string, unknown>;
  modes: ModeLabel[];
  sample_interval_s: number;
  fingerprints: Partial<Record<ModeLabel, string>>;
}

export interface RunResult {
  info: RunInfo;
  results: ModeResult[]; // in the order of info.modes
}
