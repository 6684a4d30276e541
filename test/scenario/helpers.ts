/** Builds scenario texts for the loader tests: the steps start on line 5 (or after the extra lines), column 5. */
import { UserErrors, UserError } from '../../sim/errors.js';
import type { Scenario } from '../../sim/scenario/ast.js';
import { loadScenarioText, type LoadOptions } from '../../sim/scenario/load.js';

export const HEADER = ['name: t', 'cluster:', '  nodes: [h1, h2, h3]'];

/** A scenario whose `steps:` list is `steps` (each a YAML list item's text), after `extra` top-level lines. */
export function yamlOf(steps: readonly string[], extra: readonly string[] = []): string {
  return [...HEADER, ...extra, 'steps:', ...steps.map((s) => `  - ${s}`)].join('\n') + '\n';
}

export function load(steps: readonly string[], extra: readonly string[] = [], options: LoadOptions = {}): Scenario {
  return loadScenarioText('s.yaml', yamlOf(steps, extra), options);
}

/** Every error report (`FILE:LINE:COL: message (expected …)`) of loading `text`; [] when it loads. */
export function errorsOf(text: string, options: LoadOptions = {}): string[] {
  try {
    loadScenarioText('s.yaml', text, options);
    return [];
  } catch (err) {
    if (err instanceof UserErrors) return err.errors.map((e) => e.report);
    if (err instanceof UserError) return [err.report];
    throw err;
  }
}

export function stepErrors(steps: readonly string[], extra: readonly string[] = [], options: LoadOptions = {}): string[] {
  return errorsOf(yamlOf(steps, extra), options);
}
