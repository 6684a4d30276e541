/**
 * `--set name=value` (a param) and `--set model.key=value` (a model setting): parsed once from the
 * command line, then applied to each scenario, which knows its own params.
 */
import { UserError } from '../errors.js';
import { MODEL_KEYS, parseModelSetting } from '../gluster/model-config.js';
import { didYouMean } from '../suggest.js';

export interface Override {
  readonly key: string; // `files`, or `model.detach`
  readonly value: string;
}

/** Splits each `KEY=VALUE`; throws a UserError for one without `=` or without a key. */
export function parseOverrides(raw: readonly string[]): Override[] {
  return raw.map((item) => {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UserError(`--set '${item}': expected KEY=VALUE, such as files=100 or model.detach=drain`);
    return { key: item.slice(0, eq).trim(), value: item.slice(eq + 1) };
  });
}

/** A --set value as a param: numeric strings become numbers (`--set files=100`). */
export function paramValue(text: string): string | number {
  return /^-?\d+(\.\d+)?$/.test(text.trim()) && Number.isFinite(Number(text)) ? Number(text) : text;
}

/**
 * Applies overrides to a file's params and model settings (both already read from the file).
 * Returns the error messages (without position; the caller names the file).
 */
export function applyOverrides(overrides: readonly Override[], params: Map<string, string | number>, model: Map<string, unknown>): string[] {
  const errors: string[] = [];
  for (const o of overrides) {
    if (o.key.startsWith('model.')) {
      const key = o.key.slice('model.'.length);
      const r = parseModelSetting(key, o.value);
      if (r.ok) model.set(key, r.value);
      else {
        const hint = (MODEL_KEYS as readonly string[]).includes(key) ? '' : didYouMean(key, MODEL_KEYS, (k) => `'model.${k}'`);
        errors.push(`--set ${o.key}=${o.value}: ${r.message}${hint ? `; ${hint}` : ''} (expected ${r.expected})`);
      }
    } else if (params.has(o.key)) {
      params.set(o.key, paramValue(o.value));
    } else {
      const known = [...params.keys()];
      const hint = didYouMean(o.key, [...known, ...MODEL_KEYS.map((k) => `model.${k}`)]);
      errors.push(`--set ${o.key}=${o.value}: unknown param '${o.key}'${hint ? `; ${hint}` : ''} (expected ${known.length ? `one of ${known.join(', ')}` : 'no param: this scenario has none'}, or model.KEY)`);
    }
  }
  return errors;
}
