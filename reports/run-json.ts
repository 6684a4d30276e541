/**
 * run.json: the RunInfo of a run (scenario, seed, version, params, every model setting in force,
 * modes, sampling interval and the per-mode trajectory fingerprints), pretty-printed with a stable
 * key order: the fields of RunInfo in their declared order, and the keys of `params`, `model` (at
 * every depth) and `fingerprints` sorted, so the bytes do not depend on the order a map was filled.
 */
import { MODES, type Mode } from '../sim/mode.js';
import { isMode } from './tables.js';
import type { RunInfo } from './types.js';

export const RUN_JSON = 'run.json';

export function runJsonText(info: RunInfo): string {
  const fingerprints: Partial<Record<Mode, string>> = {};
  for (const m of MODES) {
    const f = info.fingerprints[m];
    if (f !== undefined) fingerprints[m] = f;
  }
  const ordered = {
    scenario: { name: info.scenario.name, description: info.scenario.description, file: info.scenario.file },
    seed: info.seed,
    version: info.version,
    params: sortKeys(info.params),
    model: sortKeys(info.model),
    modes: info.modes,
    sample_interval_s: info.sample_interval_s,
    fingerprints,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out as T;
  }
  return value;
}

/** Parses and checks run.json; returns the RunInfo or what is wrong with it. */
export function parseRunJson(text: string): { info: RunInfo } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { error: `not valid JSON (${(err as Error).message})` };
  }
  const problems: string[] = [];
  const obj = (v: unknown, path: string): Record<string, unknown> => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    problems.push(`${path} must be an object`);
    return {};
  };
  const str = (o: Record<string, unknown>, k: string, path: string): string => {
    const v = o[k];
    if (typeof v === 'string') return v;
    problems.push(`${path}${k} must be a string`);
    return '';
  };
  const root = obj(data, 'the file');
  const scenario = obj(root.scenario, 'scenario');
  const info: RunInfo = {
    scenario: {
      name: str(scenario, 'name', 'scenario.'),
      description: str(scenario, 'description', 'scenario.'),
      file: str(scenario, 'file', 'scenario.'),
    },
    seed: 0,
    version: str(root, 'version', ''),
    params: {},
    model: obj(root.model, 'model'),
    modes: [],
    sample_interval_s: 0,
    fingerprints: {},
  };
  if (typeof root.seed === 'number' && Number.isSafeInteger(root.seed)) info.seed = root.seed;
  else problems.push('seed must be an integer');
  for (const [k, v] of Object.entries(obj(root.params, 'params'))) {
    if (typeof v === 'string' || typeof v === 'number') info.params[k] = v;
    else problems.push(`params.${k} must be a string or a number`);
  }
  if (Array.isArray(root.modes) && root.modes.length > 0 && root.modes.every(isMode)) {
    if (new Set(root.modes).size !== root.modes.length) problems.push('modes lists a mode twice');
    info.modes = root.modes as Mode[];
  } else {
    problems.push(`modes must be a non-empty list of ${MODES.join(', ')}`);
  }
  if (typeof root.sample_interval_s === 'number' && root.sample_interval_s > 0) {
    info.sample_interval_s = root.sample_interval_s;
  } else {
    problems.push('sample_interval_s must be a positive number');
  }
  for (const [k, v] of Object.entries(obj(root.fingerprints, 'fingerprints'))) {
    if (isMode(k) && typeof v === 'string') info.fingerprints[k] = v;
    else problems.push(`fingerprints.${k} must be a mode with a string fingerprint`);
  }
  return problems.length > 0 ? { error: problems.join('; ') } : { info };
}
