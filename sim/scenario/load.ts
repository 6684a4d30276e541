/**
 * Loads a scenario file: YAML with positions, the top-level schema, params and model settings with
 * their `--set` overrides, then every step substituted, expanded, parsed and unrolled. Every error
 * of the file is collected and thrown at once as `UserErrors` (`FILE:LINE:COL: message (expected …)`).
 */
import { readFileSync } from 'node:fs';
import { isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { UserError, UserErrors } from '../errors.js';
import { parseModelSetting, MODEL_KEYS } from '../gluster/model-config.js';
import { MODES, type Scenario } from './ast.js';
import { expandBraces, BraceError } from './braces.js';
import { LoadContext } from './context.js';
import { HOST, IDENT } from './lexicon.js';
import { blameOverrides } from './blame.js';
import { applyOverrides, type Override } from './overrides.js';
import { Problems } from './problems.js';
import { SourceMap } from './source.js';
import { readSteps, unrolledCount, type StepsEnv } from './steps.js';
import { substitute } from './substitute.js';
import { explainYamlError } from './yaml-errors.js';
import { readFreeMap, readMap, readSeq, readString, scalarValue, type YamlEnv } from './yaml-map.js';

export interface LoadOptions {
  /** `--set` overrides, already split (see parseOverrides). */
  readonly overrides?: readonly Override[];
}

const TOP_KEYS = ['name', 'description', 'cluster', 'params', 'model', 'steps'];
const NAME = /^[a-z0-9-]+$/;

/** Reads and loads `file`; throws UserError(s) for anything wrong with it. */
export function loadScenarioFile(file: string, options: LoadOptions = {}): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    throw new UserError(`cannot read scenario: ${why}`, file);
  }
  return loadScenarioText(file, text, options);
}

/** Loads a scenario from its text; `file` is the name used in positions. */
export function loadScenarioText(file: string, text: string, options: LoadOptions = {}): Scenario {
  try {
    return load(file, text, options);
  } catch (err) {
    // The readers bound their own nesting (limits.ts); this is the last line of defence, so that no
    // input can end in a stack trace (exit 70) instead of a message.
    if (err instanceof RangeError && /call stack/i.test(err.message)) throw new UserError('the scenario is nested too deeply to read (expected at most 100 levels of YAML collections, repeats, braces or parentheses)', `${file}:1:1`);
    throw err;
  }
}

function load(file: string, text: string, options: LoadOptions): Scenario {
  const problems = new Problems();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const src = new SourceMap(file, text, lines);
  // Syntax errors make the tree unreliable: report them alone.
  for (const e of doc.errors) {
    // The YAML library turns its own stack overflow into an error of the document.
    if (/call stack/i.test(e.message)) {
      problems.add(src.at(e.pos[0]), 'YAML: collections nested too deeply to read', 'at most a few hundred levels of nesting');
    } else {
      const { message, expected } = explainYamlError(e);
      problems.add(src.at(e.pos[0]), message, expected);
    }
  }
  problems.throwIfAny();

  const env: YamlEnv = { doc, src, problems };
  const root = doc.contents as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) {
    problems.add(src.at(0), 'empty scenario', 'a mapping with name, cluster and steps');
    problems.throwIfAny();
  }
  const top = readMap(env, root, 'the scenario', TOP_KEYS, root!);
  if (top === null) problems.throwIfAny(); // not a mapping: nothing more to read
  const entry = (key: string) => top!.get(key);
  const required = (key: string, form: string) => {
    const e = entry(key);
    if (!e) problems.add(src.at(root!.range?.[0] ?? 0), `missing '${key}'`, `${key}: ${form}`);
    return e;
  };

  // name, description
  let name = '';
  const nameEntry = required('name', 'a name of [a-z0-9-], such as shd-mux-demo');
  if (nameEntry) {
    const v = readString(env, nameEntry.value, 'name', 'a name of [a-z0-9-], such as shd-mux-demo', nameEntry.keyNode);
    if (v !== null && !NAME.test(v)) problems.add(src.ofNode(nameEntry.value), `bad name '${v}'`, 'lower-case letters, digits and -, such as shd-mux-demo');
    name = v ?? '';
  }
  const descEntry = entry('description');
  const description = descEntry ? (readString(env, descEntry.value, 'description', 'a string', descEntry.keyNode) ?? '') : '';

  // params, then --set (params are needed by the node list and the steps)
  const params = new Map<string, string | number>();
  const paramsEntry = entry('params');
  if (paramsEntry) {
    for (const p of readFreeMap(env, paramsEntry.value, 'params', 'a mapping of NAME: VALUE', paramsEntry.keyNode) ?? []) {
      if (!IDENT.test(p.key)) problems.add(src.ofNode(p.keyNode), `bad param name '${p.key}'`, 'a name of letters, digits and _');
      const v = scalarValue(p.value);
      if (typeof v === 'string' || typeof v === 'number') params.set(p.key, v);
      else if (typeof v === 'boolean') params.set(p.key, String(v));
      else if (v === null || p.value === null) problems.add(src.ofNode(p.keyNode), `param '${p.key}' has no value`, 'a number or a string');
      else problems.add(src.ofNode(p.value), `param '${p.key}' must be a number or a string`, 'a number or a string');
    }
  }
  const model = new Map<string, unknown>();
  const modelEntry = entry('model');
  if (modelEntry) {
    for (const s of readFreeMap(env, modelEntry.value, 'model', `a mapping of settings: ${MODEL_KEYS.join(', ')}`, modelEntry.keyNode) ?? []) {
      const r = parseModelSetting(s.key, s.value?.toJSON());
      if (r.ok) model.set(s.key, r.value);
      else problems.add(src.ofNode((MODEL_KEYS as readonly string[]).includes(s.key) ? (s.value ?? s.keyNode) : s.keyNode), r.message, r.expected);
    }
  }
  for (const message of applyOverrides(options.overrides ?? [], params, model)) problems.add(file, message);

  // cluster.nodes
  const nodes: string[] = [];
  const clusterEntry = required('cluster', '{ nodes: [h1, h2, h3] }');
  if (clusterEntry) {
    const cluster = readMap(env, clusterEntry.value, 'cluster', ['nodes'], clusterEntry.keyNode);
    const nodesEntry = cluster?.get('nodes');
    if (cluster && !nodesEntry) problems.add(src.ofNode(clusterEntry.value), "missing 'nodes' in cluster", 'nodes: [h1, h2, h3]');
    if (nodesEntry) readNodes(env, nodesEntry.value ?? nodesEntry.keyNode, params, nodes);
  }

  // steps
  const stepsEntry = required('steps', 'a list of steps');
  let steps: Scenario['steps'] = [];
  if (stepsEntry && nodes.length > 0) {
    const items = readSeq(env, stepsEntry.value, 'steps', 'a list of steps', stepsEntry.keyNode);
    if (items !== null && items.length === 0) problems.add(src.ofNode(stepsEntry.value), 'no steps', 'at least one step');
    const stepsEnv: StepsEnv = { ...env, ctx: new LoadContext(problems, nodes), unrolled: unrolledCount() };
    steps = readSteps(stepsEnv, items ?? [], { values: params, taken: new Set(params.keys()) }, MODES);
  }
  try {
    problems.throwIfAny();
  } catch (err) {
    // A --set value that breaks a step is the flag's fault, not the line's.
    if (!(err instanceof UserErrors)) throw err;
    const overridden = new Map((options.overrides ?? []).filter((o) => !o.key.startsWith('model.') && params.has(o.key)).map((o) => [o.key, o.value] as const));
    throw new UserErrors(blameOverrides(err.errors, file, text, overridden));
  }
  return {
    file,
    name,
    description,
    nodes,
    params: Object.fromEntries(params),
    model: Object.fromEntries(model),
    steps,
  };
}

/** `nodes: [h1, h2, h3]`; each entry may use `${param}` and braces (`"h{1..${n}}"`). */
function readNodes(env: YamlEnv, node: Node, params: ReadonlyMap<string, string | number>, out: string[]): void {
  const { src, problems } = env;
  const items = readSeq(env, node, 'cluster.nodes', 'a list of host names such as [h1, h2, h3]', node);
  if (items === null) return;
  if (items.length === 0) {
    problems.add(src.ofNode(node), 'no nodes', 'at least one host name');
    return;
  }
  for (const item of items) {
    const v = scalarValue(item);
    if (typeof v !== 'string') {
      problems.add(src.ofNode(item), `bad host name ${JSON.stringify(v ?? null)}`, 'a host name such as h1');
      continue;
    }
    const at = src.charMapper(item);
    const { result, errors } = substitute(v, (n) => params.get(n), [...params.keys()]);
    for (const e of errors) problems.add(at(e.index), e.message, e.expected);
    if (errors.length) continue;
    let hosts: string[];
    try {
      hosts = expandBraces(result.text.trim());
    } catch (err) {
      if (!(err instanceof BraceError)) throw err;
      problems.add(src.ofNode(item), err.message, 'a smaller brace expansion');
      continue;
    }
    for (const h of hosts) {
      if (!HOST.test(h)) problems.add(src.ofNode(item), `bad host name '${h}'`, 'letters, digits, ., - and _, such as h1');
      else if (out.includes(h)) problems.add(src.ofNode(item), `host '${h}' is listed twice`, 'unique host names');
      else out.push(h);
    }
  }
}
