/**
 * One step string after `${…}` substitution, with the way back from each character to its place in
 * the file, split into words and brace-expanded.
 */
import type { SourcePos } from './ast.js';
import { BraceError, expandBraces } from './braces.js';
import type { Substituted } from './substitute.js';

export class StepText {
  readonly text: string;

  constructor(
    sub: Substituted,
    private readonly rawPos: (index: number) => SourcePos,
  ) {
    this.text = sub.text;
    this.origin = sub.origin;
  }

  private readonly origin: readonly number[];

  /** Position of character `index` of the substituted text (the end of the text is allowed). */
  pos(index: number): SourcePos {
    const i = Math.max(0, Math.min(index, this.text.length));
    return this.rawPos(this.origin[i]!);
  }

  /** Just after the last non-blank character: where a missing argument should have been. */
  get end(): SourcePos {
    return this.pos(this.text.trimEnd().length);
  }
}

/** A word of a step, after brace expansion. */
export interface Word {
  readonly text: string;
  readonly pos: SourcePos;
  /** Position of the word's character `offset`; the word's start when it came from a brace expansion. */
  at(offset: number): SourcePos;
}

/** Words as written (whitespace-separated), with their index in the text. */
export function splitWords(text: string): { text: string; index: number }[] {
  const out: { text: string; index: number }[] = [];
  const re = /\S+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ text: m[0], index: m.index });
  return out;
}

/**
 * Splits `st` into words and brace-expands each. Words produced by an expansion all carry the
 * position of the word they came from. Throws BraceError for an expansion that is too large.
 */
export function expandedWords(st: StepText): Word[] {
  const out: Word[] = [];
  for (const w of splitWords(st.text)) {
    const texts = expandBraces(w.text);
    const pos = st.pos(w.index);
    if (texts.length === 1 && texts[0] === w.text) {
      out.push({ text: w.text, pos, at: (offset) => st.pos(w.index + offset) });
    } else {
      for (const t of texts) out.push({ text: t, pos, at: () => pos });
    }
  }
  return out;
}

export { BraceError };
