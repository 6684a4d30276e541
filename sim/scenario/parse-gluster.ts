/**
 * `gluster volume …` steps, word by word, into GlusterCommands. Only the form is checked here
 * (argument shapes, hosts, absolute brick paths, `arbiter 1` with `replica 3`, `force` on
 * remove-brick); whether GlusterFS would accept the operation (a replica count that does not divide
 * the bricks, starting a started volume) is the model's business when the step runs.
 */
import type { BrickRef, GlusterCommand } from './ast.js';
import { checkBrick, checkCount, checkVolume, type Checker } from './lexicon.js';
import { StepSyntaxError } from './expr-parse.js';
import { WordCursor } from './word-cursor.js';
import type { Word } from './step-text.js';
import { hint } from '../suggest.js';

export const GLUSTER_USAGE: Readonly<Record<string, string>> = {
  create: 'gluster volume create VOLUME [replica N [arbiter 1]] [disperse N] [redundancy R] HOST:PATH ... [force]',
  start: 'gluster volume start VOLUME [force]',
  stop: 'gluster volume stop VOLUME [force]',
  delete: 'gluster volume delete VOLUME',
  'add-brick': 'gluster volume add-brick VOLUME [replica N [arbiter 1]] HOST:PATH ... [force]',
  'remove-brick': 'gluster volume remove-brick VOLUME [replica N] HOST:PATH ... force',
  set: 'gluster volume set VOLUME KEY VALUE',
  reset: 'gluster volume reset VOLUME [KEY]',
  heal: 'gluster volume heal VOLUME [enable|disable|full]',
};

const SUBCOMMANDS = Object.keys(GLUSTER_USAGE);

/** Parses the words of a `gluster …` step (the first word is `gluster`). */
export function parseGluster(c: Checker, words: readonly Word[], end: WordCursor['end']): GlusterCommand {
  const head: WordCursor = new WordCursor(words, end, c.problems, `gluster volume ${SUBCOMMANDS.join('|')} ...`);
  head.next('gluster');
  const volumeWord = head.next("'volume'");
  if (volumeWord.text !== 'volume') head.fail(volumeWord.pos, `only 'gluster volume …' commands are modelled, not 'gluster ${volumeWord.text}'`);
  const sub = head.next('a volume subcommand');
  const usage = GLUSTER_USAGE[sub.text];
  if (usage === undefined) head.fail(sub.pos, `unknown volume subcommand '${sub.text}'${hint(sub.text, SUBCOMMANDS)}`, `one of ${SUBCOMMANDS.join(', ')}`);
  const w: WordCursor = new WordCursor(words.slice(3), end, c.problems, usage);
  const volume = (): string => {
    const v = w.next('volume name');
    return checkVolume(c, v.text, v.pos) ?? abandon();
  };
  switch (sub.text) {
    case 'create':
      return parseCreate(c, w, volume());
    case 'start':
    case 'stop': {
      const name = volume();
      const force = w.accept('force') !== undefined;
      w.done();
      return { op: sub.text === 'start' ? 'volume-start' : 'volume-stop', volume: name, force };
    }
    case 'delete': {
      const name = volume();
      w.done();
      return { op: 'volume-delete', volume: name };
    }
    case 'add-brick':
      return parseAddBrick(c, w, volume());
    case 'remove-brick':
      return parseRemoveBrick(c, w, volume());
    case 'set': {
      const name = volume();
      const key = w.next('option key').text;
      const value = w.next('option value').text;
      w.done();
      return { op: 'volume-set', volume: name, key, value };
    }
    case 'reset': {
      const name = volume();
      const key = w.peek()?.text;
      if (key !== undefined) w.next('key');
      w.done();
      return key === undefined ? { op: 'volume-reset', volume: name } : { op: 'volume-reset', volume: name, key };
    }
    default: {
      const name = volume();
      const a = w.peek();
      let action: 'index' | 'enable' | 'disable' | 'full' = 'index';
      if (a !== undefined) {
        if (a.text !== 'enable' && a.text !== 'disable' && a.text !== 'full') w.fail(a.pos, `unknown heal action '${a.text}'`, 'enable, disable, full, or nothing for an index heal');
        action = a.text;
        w.next('action');
      }
      w.done();
      return { op: 'volume-heal', volume: name, action };
    }
  }
}

function abandon(): never {
  throw new StepSyntaxError('abandoned');
}

const OPTION_WORDS = ['replica', 'arbiter', 'disperse', 'redundancy'] as const;
type OptionWord = (typeof OPTION_WORDS)[number];

/** `replica N`, `arbiter 1`, … before the bricks; `allowed` says which this subcommand takes. */
function parseOptions(c: Checker, w: WordCursor, allowed: readonly OptionWord[]): Partial<Record<OptionWord, number>> {
  const out: Partial<Record<OptionWord, number>> = {};
  const at: Partial<Record<OptionWord, Word>> = {};
  for (;;) {
    const word = w.peek();
    if (word === undefined || !(OPTION_WORDS as readonly string[]).includes(word.text)) break;
    const key = word.text as OptionWord;
    w.next(key);
    if (!allowed.includes(key)) w.fail(word.pos, `'${key}' is not an option of this command`);
    if (out[key] !== undefined) w.fail(word.pos, `'${key}' given twice`);
    const v = w.next(`count after '${key}'`);
    out[key] = checkCount(c, v.text, v.pos, `${key} count`) ?? abandon();
    at[key] = word;
  }
  if (out.arbiter !== undefined) {
    if (out.arbiter !== 1) w.fail(at.arbiter!.pos, `arbiter ${out.arbiter} is not supported`, 'arbiter 1');
    if (out.replica !== 3) w.fail(at.arbiter!.pos, out.replica === undefined ? 'arbiter without replica' : `arbiter with replica ${out.replica}`, 'replica 3 arbiter 1');
  }
  return out;
}

/** The bricks up to the end, and whether the last word is `force`. */
function parseBricks(c: Checker, w: WordCursor): { bricks: BrickRef[]; force: boolean } {
  const words = w.rest();
  const last = words[words.length - 1];
  const force = last?.text === 'force';
  if (force) words.pop();
  if (words.length === 0) w.fail(last?.pos ?? w.end, 'missing bricks', w.usage);
  const bricks: BrickRef[] = [];
  let ok = true;
  for (const word of words) {
    if ((OPTION_WORDS as readonly string[]).includes(word.text)) w.fail(word.pos, `'${word.text}' must come before the bricks`);
    if (word.text === 'force') w.fail(word.pos, "'force' must come last");
    const b = checkBrick(c, word.text, word.at);
    if (b === null) ok = false;
    else bricks.push(b);
  }
  if (!ok) abandon();
  return { bricks, force };
}

function parseCreate(c: Checker, w: WordCursor, volume: string): GlusterCommand {
  const o = parseOptions(c, w, OPTION_WORDS);
  const { bricks, force } = parseBricks(c, w);
  return {
    op: 'volume-create',
    volume,
    ...(o.replica !== undefined && { replica: o.replica }),
    ...(o.arbiter !== undefined && { arbiter: o.arbiter }),
    ...(o.disperse !== undefined && { disperse: o.disperse }),
    ...(o.redundancy !== undefined && { redundancy: o.redundancy }),
    bricks,
    force,
  };
}

function parseAddBrick(c: Checker, w: WordCursor, volume: string): GlusterCommand {
  const o = parseOptions(c, w, ['replica', 'arbiter']);
  const { bricks, force } = parseBricks(c, w);
  return {
    op: 'add-brick',
    volume,
    ...(o.replica !== undefined && { replica: o.replica }),
    ...(o.arbiter !== undefined && { arbiter: o.arbiter }),
    bricks,
    force,
  };
}

function parseRemoveBrick(c: Checker, w: WordCursor, volume: string): GlusterCommand {
  const o = parseOptions(c, w, ['replica']);
  const words = w.rest();
  const last = words[words.length - 1];
  if (last !== undefined && ['start', 'commit', 'status', 'stop'].includes(last.text)) {
    w.fail(last.pos, `remove-brick ${last.text} (data migration) is not modelled`, 'force: only the immediate removal is modelled');
  }
  if (last?.text !== 'force') w.fail(w.end, 'remove-brick without force', 'force at the end: only the immediate removal is modelled');
  const rest = new WordCursor(words, w.end, c.problems, w.usage);
  const { bricks } = parseBricks(c, rest);
  return { op: 'remove-brick', volume, ...(o.replica !== undefined && { replica: o.replica }), bricks, force: true };
}
