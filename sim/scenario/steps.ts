/**
 * The `steps:` list: plain step strings, `{step, modes}` mappings and `{repeat, as, every, steps,
 * modes}` loops. Substitutes `${…}` in each string, parses it, and unrolls every loop into one fully
 * parsed list of steps per iteration, so every error is found before anything runs.
 */
import { isMap, isScalar, type Node } from 'yaml';
import { parseDuration, type Micros } from '../engine/time.js';
import { MODES, type Mode, type SourcePos, type Step } from './ast.js';
import type { Lookup } from './arith.js';
import type { LoadContext } from './context.js';
import { DURATION_FORM, IDENT } from './lexicon.js';
import { MAX_NESTING, MAX_STEPS } from './limits.js';
import { parseStep, STEP_KEYWORDS } from './parse-step.js';
import { StepText } from './step-text.js';
import { substitute } from './substitute.js';
import { readMap, readSeq, scalarValue, type YamlEnv } from './yaml-map.js';
import { hint } from '../suggest.js';

/** Names in scope while the steps are read: params, then the loop variables of enclosing repeats. */
export interface Scope {
  readonly values: ReadonlyMap<string, string | number>;
  /** Names that a loop variable may not take (params and outer loop variables). */
  readonly taken: ReadonlySet<string>;
}

export interface StepsEnv extends YamlEnv {
  readonly ctx: LoadContext;
  /** Steps read so far with every repeat unrolled, bounded by MAX_STEPS (see readRepeat). */
  readonly unrolled: { steps: number; exceeded: boolean; depth: number };
}

/** A fresh count for one file. */
export function unrolledCount(): StepsEnv['unrolled'] {
  return { steps: 0, exceeded: false, depth: 0 };
}

const STEP_KEYS = ['step', 'modes'];
const REPEAT_KEYS = ['repeat', 'as', 'every', 'steps', 'modes'];
const STEP_EXPECTED = `a step string (${STEP_KEYWORDS.join(', ')}), or a mapping {step, modes} or {repeat, as, every, steps, modes}`;

/** Reads a list of steps that runs in `modes` (the modes of every enclosing step). */
export function readSteps(env: StepsEnv, items: readonly Node[], scope: Scope, modes: readonly Mode[]): Step[] {
  const out: Step[] = [];
  for (const item of items) {
    const step = readStep(env, item, scope, modes);
    if (step) out.push(step);
  }
  return out;
}

function readStep(env: StepsEnv, node: Node, scope: Scope, outer: readonly Mode[]): Step | null {
  if (isScalar(node)) return readStepString(env, node, scope, outer, undefined);
  if (!isMap(node)) {
    env.problems.add(env.src.ofNode(node), 'a step must be a string or a mapping', STEP_EXPECTED);
    return null;
  }
  const keys = node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
  if (keys.includes('repeat')) return readRepeat(env, node, scope, outer);
  if (keys.includes('step')) {
    const m = readMap(env, node, 'a step mapping', STEP_KEYS, node);
    if (!m) return null;
    const own = readModes(env, m.get('modes')?.value ?? null, m.get('modes')?.keyNode);
    return readStepString(env, m.get('step')!.value ?? m.get('step')!.keyNode, scope, outer, own);
  }
  // Most often a step string with ': ' in it, which YAML reads as a mapping.
  const first = node.items[0]?.key;
  const hint = keys.length === 1 && keys[0]!.includes(' ') ? " (quote a step that contains ': ')" : '';
  env.problems.add(env.src.ofNode((first as Node | undefined) ?? node), `a step mapping needs a 'step' or a 'repeat' key${hint}`, STEP_EXPECTED);
  return null;
}

/** `modes: [legacy, mux]` (or a single mode); undefined when absent or wrong (the error is recorded). */
function readModes(env: StepsEnv, node: Node | null, keyNode: Node | undefined): readonly Mode[] | undefined {
  if (keyNode === undefined) return undefined;
  const expected = `a list of modes: ${MODES.join(', ')}`;
  const items = isScalar(node) && typeof node.value === 'string' ? [node] : readSeq(env, node, 'modes', expected, keyNode);
  if (items === null) return [];
  if (items.length === 0) {
    env.problems.add(env.src.ofNode(node ?? keyNode), 'empty modes list', `at least one of ${MODES.join(', ')}`);
    return [];
  }
  const out = new Set<Mode>();
  for (const item of items) {
    const v = scalarValue(item);
    if (typeof v === 'string' && (MODES as readonly string[]).includes(v)) out.add(v as Mode);
    else env.problems.add(env.src.ofNode(item), `unknown mode ${JSON.stringify(v ?? null)}${typeof v === 'string' ? hint(v, MODES) : ''}`, `one of ${MODES.join(', ')}`);
  }
  return MODES.filter((m) => out.has(m));
}

function intersect(outer: readonly Mode[], own: readonly Mode[] | undefined): readonly Mode[] {
  return own === undefined ? outer : outer.filter((m) => own.includes(m));
}

/** Substitutes `${…}` in a scalar, recording each error at its column. */
function substituteScalar(env: StepsEnv, node: Node, scope: Scope): StepText | null {
  const raw = scalarValue(node);
  if (typeof raw !== 'string') return null;
  const rawPos = env.src.charMapper(node);
  const lookup: Lookup = (name) => scope.values.get(name);
  const { result, errors } = substitute(raw, lookup, [...scope.values.keys()]);
  for (const e of errors) env.problems.add(rawPos(e.index), e.message, e.expected);
  return errors.length ? null : new StepText(result, rawPos);
}

function readStepString(env: StepsEnv, node: Node, scope: Scope, outer: readonly Mode[], own: readonly Mode[] | undefined): Step | null {
  if (typeof scalarValue(node) !== 'string') {
    env.problems.add(env.src.ofNode(node), 'a step must be a string', STEP_EXPECTED);
    return null;
  }
  const st = substituteScalar(env, node, scope);
  if (st === null) return null;
  const body = parseStep(st, env.ctx, intersect(outer, own));
  if (body === null) return null;
  const base = { pos: st.pos(0), text: st.text.trim(), ...(own !== undefined && { modes: own }) };
  env.unrolled.steps++;
  return { ...base, ...body } as Step;
}

/** A scalar of `repeat`, `as` or `every` after substitution (numbers are taken as written). */
function loopValue(env: StepsEnv, node: Node | null, scope: Scope): { text: string; pos: SourcePos } | null {
  const v = scalarValue(node);
  if (typeof v === 'number') return { text: String(v), pos: env.src.ofNode(node) };
  if (typeof v !== 'string') return { text: '', pos: env.src.ofNode(node) };
  const st = substituteScalar(env, node!, scope);
  return st && { text: st.text.trim(), pos: st.pos(st.text.length - st.text.trimStart().length) };
}

/**
 * Unrolls `count` iterations, each read by `iteration(k)`, within MAX_STEPS steps for the whole file
 * (and MAX_NESTING levels of repeats): the first iteration's size times the count is checked before
 * the others are read — `repeat: 1e9` or three nested `repeat: 1000` are refused at once, not after
 * minutes and gigabytes — and the running count after each one (iterations may differ in size).
 * The first breach is reported once; reading then stops.
 */
function unroll(env: StepsEnv, pos: SourcePos, count: number, iteration: (k: number) => Step[]): Step[][] | null {
  const u = env.unrolled;
  if (u.exceeded) return null;
  if (u.depth >= MAX_NESTING) {
    env.problems.add(pos, `repeats nested more than ${MAX_NESTING} deep`, 'fewer levels of repeat');
    u.exceeded = true;
    return null;
  }
  const refuse = (what: string): null => {
    if (!u.exceeded) env.problems.add(pos, `${what} more than ${MAX_STEPS} steps`, 'fewer iterations or steps: every repeat is unrolled when the file is loaded');
    u.exceeded = true;
    return null;
  };
  const iterations: Step[][] = [];
  u.depth++;
  try {
    for (let k = 1; k <= count; k++) {
      const before = u.steps;
      iterations.push(iteration(k));
      if (u.exceeded) return null;
      const size = u.steps - before;
      if (k === 1 && size * (count - 1) > MAX_STEPS - u.steps) return refuse(`unrolling this repeat (${count} iterations of ${size} steps) makes the scenario`);
      if (u.steps > MAX_STEPS) return refuse(`unrolling this repeat (${count} iterations) makes the scenario`);
    }
  } finally {
    u.depth--;
  }
  return iterations;
}

function readRepeat(env: StepsEnv, node: Node, scope: Scope, outer: readonly Mode[]): Step | null {
  const m = readMap(env, node, 'a repeat step', REPEAT_KEYS, node);
  if (!m) return null;
  const repeatEntry = m.get('repeat')!;
  const pos = env.src.ofNode(repeatEntry.keyNode);
  let ok = true;

  const countValue = loopValue(env, repeatEntry.value, scope);
  let count = 0;
  if (countValue === null) ok = false;
  else if (!/^\d+$/.test(countValue.text) || !Number.isSafeInteger(Number(countValue.text))) {
    env.problems.add(countValue.pos, `bad repeat count '${countValue.text}'`, 'a whole number of iterations, such as 10 or ${volumes}');
    ok = false;
  } else count = Number(countValue.text);

  let as: string | undefined;
  const asEntry = m.get('as');
  if (asEntry) {
    const v = loopValue(env, asEntry.value, scope);
    if (v === null) ok = false;
    else if (!IDENT.test(v.text)) {
      env.problems.add(v.pos, `bad loop variable name '${v.text}'`, 'a name of letters, digits and _ such as i');
      ok = false;
    } else if (scope.taken.has(v.text)) {
      env.problems.add(v.pos, `loop variable '${v.text}' would hide the param or loop variable of that name`, 'another name');
      ok = false;
    } else as = v.text;
  }

  let every: Micros | undefined;
  let everyText = '';
  const everyEntry = m.get('every');
  if (everyEntry) {
    const v = loopValue(env, everyEntry.value, scope);
    everyText = v?.text ?? '';
    const d = v === null ? null : parseDuration(v.text);
    if (v !== null && (d === null || d <= 0)) env.problems.add(v.pos, `bad every '${v.text}'`, `a positive duration: ${DURATION_FORM}`);
    if (d === null || d <= 0) ok = false;
    else every = d;
  }

  const modesEntry = m.get('modes');
  const own = readModes(env, modesEntry?.value ?? null, modesEntry?.keyNode);
  const stepsEntry = m.get('steps');
  if (!stepsEntry) {
    env.problems.add(pos, "a repeat step needs 'steps'", 'steps: a list of the steps to repeat');
    return null;
  }
  const items = readSeq(env, stepsEntry.value, 'steps of a repeat', 'a list of steps', stepsEntry.keyNode);
  if (items === null) return null;
  if (items.length === 0) {
    env.problems.add(env.src.ofNode(stepsEntry.value ?? stepsEntry.keyNode), 'empty steps list in a repeat', 'at least one step');
    return null;
  }
  if (!ok) return null;

  const modes = intersect(outer, own);
  const iterations = unroll(env, pos, count, (k) => {
    const values = new Map(scope.values);
    const taken = new Set(scope.taken);
    if (as !== undefined) {
      values.set(as, k);
      taken.add(as);
    }
    return readSteps(env, items, { values, taken }, modes);
  });
  if (iterations === null) return null;
  const text = `repeat ${count}${as === undefined ? '' : ` as ${as}`}${every === undefined ? '' : ` every ${everyText}`}`;
  return {
    kind: 'repeat',
    pos,
    text,
    ...(own !== undefined && { modes: own }),
    count,
    ...(as !== undefined && { as }),
    ...(every !== undefined && { every }),
    iterations,
  };
}
