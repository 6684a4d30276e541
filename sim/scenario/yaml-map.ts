/**
 * Reading the YAML tree with positions: mappings with a fixed set of keys (anything else is refused
 * with the list of keys that were expected), and the scalar kinds a scenario uses.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Problems } from './problems.js';
import type { SourceMap } from './source.js';
import { hint } from '../suggest.js';

/** The YAML nodes and the positions of one file, and where its errors go. */
export interface YamlEnv {
  readonly doc: Document;
  readonly src: SourceMap;
  readonly problems: Problems;
}

/** Follows an alias (`*name`) to the node it stands for. */
export function deref(env: YamlEnv, node: unknown): Node | null {
  if (isAlias(node)) return (node.resolve(env.doc) as Node | undefined) ?? null;
  return (node as Node | null) ?? null;
}

export interface Entry {
  readonly key: string;
  readonly keyNode: Node;
  readonly value: Node | null;
}

/**
 * The entries of a mapping, keyed by name. Records an error (and returns null) when `node` is no
 * mapping, and for every key not in `allowed`.
 */
export function readMap(env: YamlEnv, node: Node | null, what: string, allowed: readonly string[], at: Node): Map<string, Entry> | null {
  const n = deref(env, node);
  if (!isMap(n)) {
    env.problems.add(env.src.ofNode(n ?? at), `${what} must be a mapping`, `a mapping with keys ${allowed.join(', ')}`);
    return null;
  }
  const out = new Map<string, Entry>();
  for (const pair of (n as YAMLMap).items as Pair<unknown, unknown>[]) {
    const keyNode = deref(env, pair.key);
    if (!isScalar(keyNode) || (typeof keyNode.value !== 'string' && typeof keyNode.value !== 'number')) {
      env.problems.add(env.src.ofNode(keyNode ?? n), `bad key in ${what}`, `one of ${allowed.join(', ')}`);
      continue;
    }
    const key = String(keyNode.value);
    if (!allowed.includes(key)) {
      env.problems.add(env.src.ofNode(keyNode), `unknown key '${key}' in ${what}${hint(key, allowed)}`, `one of ${allowed.join(', ')}`);
      continue;
    }
    out.set(key, { key, keyNode, value: deref(env, pair.value) });
  }
  return out;
}

/** Every entry of a mapping whose keys are free (params, model), or null with an error. */
export function readFreeMap(env: YamlEnv, node: Node | null, what: string, expected: string, at: Node): Entry[] | null {
  const n = deref(env, node);
  if (!isMap(n)) {
    env.problems.add(env.src.ofNode(n ?? at), `${what} must be a mapping`, expected);
    return null;
  }
  const out: Entry[] = [];
  for (const pair of (n as YAMLMap).items as Pair<unknown, unknown>[]) {
    const keyNode = deref(env, pair.key);
    if (!isScalar(keyNode) || typeof keyNode.value !== 'string') {
      env.problems.add(env.src.ofNode(keyNode ?? n), `bad key in ${what}`, expected);
      continue;
    }
    out.push({ key: keyNode.value, keyNode, value: deref(env, pair.value) });
  }
  return out;
}

/** The items of a sequence, or null with an error. */
export function readSeq(env: YamlEnv, node: Node | null, what: string, expected: string, at: Node): Node[] | null {
  const n = deref(env, node);
  if (!isSeq(n)) {
    env.problems.add(env.src.ofNode(n ?? at), `${what} must be a list`, expected);
    return null;
  }
  return ((n as YAMLSeq).items as unknown[]).map((i) => deref(env, i) ?? (n as Node));
}

/** A string scalar's value, or null with an error. */
export function readString(env: YamlEnv, node: Node | null, what: string, expected: string, at: Node): string | null {
  if (isScalar(node) && typeof node.value === 'string') return node.value;
  env.problems.add(env.src.ofNode(node ?? at), `${what} must be a string`, expected);
  return null;
}

/** The value of a scalar (string, number, boolean), or undefined for anything else. */
export function scalarValue(node: Node | null): string | number | boolean | null | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : undefined;
}
