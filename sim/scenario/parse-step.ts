/**
 * One step string (already substituted) into its typed form. Command steps are split into words and
 * brace-expanded; `let` and `expect` are read character by character (their expressions have
 * parentheses and commas; a brace there is simply an error).
 */
import type { Micros } from '../engine/time.js';
import { parseSize } from '../gluster/model-config.js';
import type { BrickRef, Mode, ModelCommand, Step } from './ast.js';
import type { LoadContext } from './context.js';
import { ExprParser, StepSyntaxError } from './expr-parse.js';
import { checkBrick, checkCount, checkDuration, checkHost, checkMountpoint, checkVolume, IDENT, normalizePath } from './lexicon.js';
import { parseGluster } from './parse-gluster.js';
import { BraceError, expandedWords, splitWords, type StepText, type Word } from './step-text.js';
import { WordCursor } from './word-cursor.js';
import { hint } from '../suggest.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A parsed step without what the caller adds (position, text, modes). */
export type StepBody = DistributiveOmit<Exclude<Step, { kind: 'repeat' }>, 'pos' | 'text' | 'modes'>;

export const STEP_USAGE: Readonly<Record<string, string>> = {
  gluster: 'gluster volume create|start|stop|delete|add-brick|remove-brick|set|reset|heal ...',
  'kill-brick': 'kill-brick HOST:PATH ...',
  'kill-glusterd': 'kill-glusterd HOST',
  'start-glusterd': 'start-glusterd HOST',
  'kill-node': 'kill-node HOST',
  reboot: 'reboot HOST [down DURATION]',
  mount: 'mount VOLUME MOUNTPOINT [on HOST]',
  umount: 'umount MOUNTPOINT',
  touch: 'touch MOUNTPOINT/NAME ...',
  write: 'write MOUNTPOINT files=N size=A..B [rate=R/s] [for=DURATION]',
  wait: 'wait DURATION',
  let: 'let NAME = EXPR',
  expect: 'expect EXPR ==|!=|<|<=|>|>= EXPR [within DURATION]',
};

export const STEP_KEYWORDS = Object.keys(STEP_USAGE);

/**
 * Parses `st`, which runs in `modes`; records errors in the context's Problems and returns null
 * when the step is wrong. Mounts and `let` variables it defines are recorded in the context.
 */
export function parseStep(st: StepText, ctx: LoadContext, modes: readonly Mode[]): StepBody | null {
  const first = splitWords(st.text)[0];
  if (first === undefined) {
    ctx.problems.add(st.pos(0), 'empty step', `a step: one of ${STEP_KEYWORDS.join(', ')}`);
    return null;
  }
  try {
    if (first.text === 'let') return parseLet(st, ctx, modes, first.index + 3);
    if (first.text === 'expect') return parseExpect(st, ctx, modes, first.index + 6);
    let words: Word[];
    try {
      words = expandedWords(st);
    } catch (err) {
      if (!(err instanceof BraceError)) throw err;
      ctx.problems.add(st.pos(first.index), err.message, 'a smaller brace expansion');
      return null;
    }
    const keyword = words[0]!;
    const usage = STEP_USAGE[keyword.text];
    if (usage === undefined || keyword.text === 'let' || keyword.text === 'expect') {
      ctx.problems.add(keyword.pos, `unknown step '${keyword.text}'${hint(keyword.text, STEP_KEYWORDS)}`, `one of ${STEP_KEYWORDS.join(', ')}`);
      return null;
    }
    if (keyword.text === 'gluster') return command({ kind: 'gluster', command: parseGluster(ctx, words, st.end) });
    const w = new WordCursor(words.slice(1), st.end, ctx.problems, usage);
    return parseCommand(keyword.text, w, ctx, modes);
  } catch (err) {
    if (err instanceof StepSyntaxError) return null;
    throw err;
  }
}

function command(c: ModelCommand): StepBody {
  return { kind: 'command', command: c };
}

/** Returns a value or abandons the step (the checker has recorded why). */
function must<T>(v: T | null): T {
  if (v === null) throw new StepSyntaxError('abandoned');
  return v;
}

function parseCommand(keyword: string, w: WordCursor, ctx: LoadContext, modes: readonly Mode[]): StepBody {
  const host = () => {
    const h = w.next('host');
    return must(checkHost(ctx, h.text, h.pos));
  };
  switch (keyword) {
    case 'kill-brick': {
      const words = w.rest();
      if (words.length === 0) w.fail(w.end, 'missing bricks');
      const bricks = words.map((b) => checkBrick(ctx, b.text, b.at));
      if (bricks.includes(null)) throw new StepSyntaxError('abandoned');
      w.done();
      return command({ kind: 'kill-brick', bricks: bricks as BrickRef[] });
    }
    case 'kill-glusterd':
    case 'start-glusterd':
    case 'kill-node': {
      const h = host();
      w.done();
      return command({ kind: keyword, host: h });
    }
    case 'reboot': {
      const h = host();
      let down: Micros = 60_000_000;
      if (w.accept('down')) {
        const d = w.next('duration after down');
        down = must(checkDuration(ctx, d.text, d.pos));
      }
      w.done();
      return command({ kind: 'reboot', host: h, down });
    }
    case 'mount': {
      const v = w.next('volume name');
      const volume = must(checkVolume(ctx, v.text, v.pos));
      const m = w.next('mountpoint');
      const mountpoint = must(checkMountpoint(ctx, m.text, m.pos));
      let on: string | undefined;
      if (w.accept('on')) on = host();
      w.done();
      ctx.defineMount(mountpoint, modes);
      return command(on === undefined ? { kind: 'mount', volume, mountpoint } : { kind: 'mount', volume, mountpoint, host: on });
    }
    case 'umount': {
      const m = w.next('mountpoint');
      const mountpoint = must(checkMountpoint(ctx, m.text, m.pos));
      w.done();
      return command({ kind: 'umount', mountpoint });
    }
    case 'touch':
      return command(parseTouch(w, ctx, modes));
    case 'write':
      return command(parseWrite(w, ctx, modes));
    default: {
      // wait
      const d = w.next('duration');
      const duration = must(checkDuration(ctx, d.text, d.pos));
      w.done();
      return { kind: 'wait', duration };
    }
  }
}

/**
 * `touch MP/NAME …`: each path is split at the longest mountpoint mounted by an earlier step; the
 * names must be directly in the mount's root, all on one mount.
 */
function parseTouch(w: WordCursor, ctx: LoadContext, modes: readonly Mode[]): ModelCommand {
  const words = w.rest();
  if (words.length === 0) w.fail(w.end, 'missing paths');
  const mounts = ctx.mountsIn(modes).sort((a, b) => b.length - a.length);
  let mountpoint: string | undefined;
  const names: string[] = [];
  for (const word of words) {
    const path = normalizePath(word.text);
    const mp = mounts.find((m) => path.startsWith(`${m}/`));
    if (mp === undefined) {
      const where = mounts.length ? `a path under ${mounts.join(', ')}` : 'a path under the mountpoint of an earlier mount step';
      w.fail(word.pos, `'${word.text}' is not under a mountpoint`, where);
    }
    const name = path.slice(mp.length + 1);
    if (name.includes('/')) w.fail(word.pos, `'${word.text}' is not in the root directory of ${mp}`, `${mp}/NAME`);
    if (name === '.' || name === '..') w.fail(word.pos, `bad file name '${name}'`, `${mp}/NAME`);
    if (mountpoint !== undefined && mp !== mountpoint) w.fail(word.pos, `'${word.text}' is on ${mp}, but this touch is on ${mountpoint}`, 'all paths of one touch step on one mount');
    mountpoint = mp;
    names.push(name);
  }
  return { kind: 'touch', mountpoint: mountpoint!, names };
}

function parseWrite(w: WordCursor, ctx: LoadContext, modes: readonly Mode[]): ModelCommand {
  const m = w.next('mountpoint');
  const mountpoint = must(checkMountpoint(ctx, m.text, m.pos));
  if (ctx.unmountedIn(mountpoint, modes).length > 0) {
    const mounts = ctx.mountsIn(modes);
    w.fail(m.pos, `'${m.text}' is not the mountpoint of an earlier mount step`, mounts.length ? `one of ${mounts.join(', ')}` : 'a mount step before this one');
  }
  const seen = new Map<string, Word>();
  for (const word of w.rest()) {
    const eq = word.text.indexOf('=');
    const key = eq > 0 ? word.text.slice(0, eq) : '';
    if (!['files', 'size', 'rate', 'for'].includes(key)) w.fail(word.pos, `unexpected '${word.text}'`, 'files=N, size=A..B, rate=R/s or for=DURATION');
    if (seen.has(key)) w.fail(word.pos, `'${key}=' given twice`);
    seen.set(key, word);
  }
  const value = (key: string) => {
    const word = seen.get(key);
    return word && { text: word.text.slice(key.length + 1), pos: word.at(key.length + 1) };
  };
  const f = value('files');
  if (f === undefined) w.fail(w.end, 'missing files=N');
  const files = must(checkCount(ctx, f.text, f.pos, 'file count'));
  const s = value('size');
  if (s === undefined) w.fail(w.end, 'missing size=A..B');
  const sizes = s.text.split('..').map((x) => parseSize(x));
  if (sizes.length > 2 || sizes.some((x) => x === null)) w.fail(s.pos, `bad size range '${s.text}'`, 'sizes such as 4KiB..64MiB (units B, KiB, MiB, GiB)');
  const sizeMin = sizes[0]!;
  const sizeMax = sizes[sizes.length - 1]!;
  if (sizeMin > sizeMax) w.fail(s.pos, `size range '${s.text}' goes down`, 'A..B with A <= B');
  let rate: number | undefined;
  const r = value('rate');
  if (r !== undefined) {
    const mr = /^(\d+(?:\.\d+)?)\/s$/.exec(r.text);
    rate = mr ? Number(mr[1]) : NaN;
    if (!(rate > 0)) w.fail(r.pos, `bad rate '${r.text}'`, 'files per second such as 10/s or 0.5/s');
  }
  const d = value('for');
  const duration = d === undefined ? undefined : must(checkDuration(ctx, d.text, d.pos));
  return {
    kind: 'write',
    mountpoint,
    files,
    sizeMin,
    sizeMax,
    ...(rate !== undefined && { rate }),
    ...(duration !== undefined && { duration }),
  };
}

/** `let NAME = EXPR`; `from` is just after the keyword. */
function parseLet(st: StepText, ctx: LoadContext, modes: readonly Mode[], from: number): StepBody {
  const p: ExprParser = new ExprParser(st, ctx.exprEnv(modes), from);
  const usage = STEP_USAGE.let!;
  p.skipBlanks();
  const m = /^[A-Za-z_$][A-Za-z0-9_]*/.exec(st.text.slice(p.i));
  if (!m || !IDENT.test(m[0])) p.fail(p.i, m ? `bad variable name '${m[0]}' (write it without $)` : `missing variable name`, usage);
  const name = m[0];
  p.i += name.length;
  p.skipBlanks();
  if (st.text[p.i] !== '=' || st.text[p.i + 1] === '=') p.fail(p.i, `unexpected ${p.describeHere()}`, `'=' as in ${usage}`);
  p.i++;
  const expr = p.expr();
  if (!p.atEnd()) p.fail(p.i, `unexpected ${p.describeHere()}`, 'an operator + - * / % or the end of the step');
  ctx.defineLet(name, modes);
  return { kind: 'let', name, expr };
}

/** `expect LEFT OP RIGHT [within DURATION]`; `from` is just after the keyword. */
function parseExpect(st: StepText, ctx: LoadContext, modes: readonly Mode[], from: number): StepBody {
  const p: ExprParser = new ExprParser(st, ctx.exprEnv(modes), from);
  if (p.atEnd()) p.fail(p.i, 'missing expression', STEP_USAGE.expect);
  const left = p.expr();
  const op = p.compareOp();
  if (p.atEnd()) p.fail(p.i, 'missing right-hand side', STEP_USAGE.expect);
  const right = p.expr();
  if (p.atEnd()) return { kind: 'expect', left, op, right };
  const m = /^within(?=\s|$)/.exec(st.text.slice(p.i));
  if (!m) p.fail(p.i, `unexpected ${p.describeHere()}`, "an operator + - * / %, 'within DURATION' or the end of the step");
  p.i += m[0].length;
  if (p.atEnd()) p.fail(p.i, 'missing duration after within', 'a duration such as 500ms, 45s, 1.5m, 2h');
  const start = p.i;
  const word = /^\S+/.exec(st.text.slice(start))![0];
  p.i += word.length;
  const within = checkDuration(ctx, word, st.pos(start));
  if (within === null) throw new StepSyntaxError('bad duration');
  if (!p.atEnd()) p.fail(p.i, `unexpected ${p.describeHere()}`, 'the end of the step after within DURATION');
  return { kind: 'expect', left, op, right, within };
}
