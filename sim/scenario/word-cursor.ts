/**
 * Reads a command step word by word. Every failure is recorded with its position and the form that
 * was expected (the step's usage), then abandons the step: one error per step is enough, and later
 * errors in the same step would mostly be consequences of the first.
 */
import type { SourcePos } from './ast.js';
import { StepSyntaxError } from './expr-parse.js';
import type { Problems } from './problems.js';
import type { Word } from './step-text.js';

export class WordCursor {
  private i = 0;

  constructor(
    private readonly words: readonly Word[],
    /** Where a missing word would go: just after the step's last character. */
    readonly end: SourcePos,
    private readonly problems: Problems,
    /** The step's usage, e.g. `gluster volume start VOLUME [force]`. */
    readonly usage: string,
  ) {}

  get atEnd(): boolean {
    return this.i >= this.words.length;
  }

  peek(): Word | undefined {
    return this.words[this.i];
  }

  /** The next word; a missing one is an error naming `what`. */
  next(what: string): Word {
    const w = this.words[this.i];
    if (w === undefined) this.fail(this.end, `missing ${what}`);
    this.i++;
    return w;
  }

  /** Consumes the next word if it is `text`. */
  accept(text: string): Word | undefined {
    const w = this.words[this.i];
    if (w?.text !== text) return undefined;
    this.i++;
    return w;
  }

  /** Every remaining word. */
  rest(): Word[] {
    const out = this.words.slice(this.i);
    this.i = this.words.length;
    return out;
  }

  /** Refuses anything left over. */
  done(): void {
    const w = this.words[this.i];
    if (w !== undefined) this.fail(w.pos, `unexpected '${w.text}'`);
  }

  /** Records `message (expected USAGE or what)` and abandons the step. */
  fail(pos: SourcePos, message: string, expected: string = this.usage): never {
    this.problems.add(pos, message, expected);
    throw new StepSyntaxError(message);
  }
}
