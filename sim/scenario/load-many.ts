/**
 * Loading several scenario files for one command: every file is loaded (so the user sees the errors
 * of all of them at once), then the caller decides what to do with the ones that failed.
 */
import { UserError } from '../errors.js';
import type { Scenario } from './ast.js';
import { loadScenarioFile } from './load.js';
import { parseOverrides } from './overrides.js';

export type Loaded = { readonly file: string; readonly ok: true; readonly scenario: Scenario } | { readonly file: string; readonly ok: false; readonly error: UserError };

/**
 * Loads each file with the same `--set` overrides (raw `KEY=VALUE` strings). A malformed override is
 * thrown at once, as it concerns the command line and not a file.
 */
export function loadScenarios(files: readonly string[], sets: readonly string[] = []): Loaded[] {
  const overrides = parseOverrides(sets);
  return files.map((file) => {
    try {
      return { file, ok: true, scenario: loadScenarioFile(file, { overrides }) };
    } catch (err) {
      if (err instanceof UserError) return { file, ok: false, error: err };
      throw err;
    }
  });
}

/** `--set` as yargs gives it: absent, one string, or several. */
export function setList(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}
