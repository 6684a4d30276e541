/**
 * The expressions of `let` and `expect`: integers, `$var`, observable calls, `+ - * / %` with the
 * usual precedence, unary minus and parentheses. Parsed character by character from a StepText so
 * that every error points at its exact column.
 */
import type { CompareOp, Expr, SourcePos } from './ast.js';
import type { Checker } from './lexicon.js';
import { checkObservable, isObservableName, OBSERVABLE_NAMES, usage, type Arg } from './observables.js';
import type { StepText } from './step-text.js';
import { hint } from '../suggest.js';
import { excerpt, MAX_NESTING } from './limits.js';

/** Raised to abandon a step at its first syntax error (it has already been recorded). */
export class StepSyntaxError extends Error {}

export interface ExprEnv extends Checker {
  /** Records an error when `$name` is not set by an earlier `let` (in every mode the step runs in). */
  checkVar(name: string, pos: SourcePos): void;
}

const COMPARE_OPS: readonly CompareOp[] = ['==', '!=', '<=', '>=', '<', '>'];

/** A cursor over one step's text. */
export class ExprParser {
  i: number;
  /** Parentheses and unary minus open around the cursor (bounded: the parser is recursive). */
  private depth = 0;

  constructor(
    private readonly st: StepText,
    private readonly env: ExprEnv,
    start: number,
  ) {
    this.i = start;
  }

  get text(): string {
    return this.st.text;
  }

  skipBlanks(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i]!)) this.i++;
  }

  /** A sticky match of `re` at the cursor (no copy of the rest of the text). */
  private match(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.i;
    return re.exec(this.text);
  }

  /** Enters one level of nesting at `index`, or fails past MAX_NESTING. */
  private enter(index: number): void {
    if (++this.depth > MAX_NESTING) this.fail(index, `parentheses or signs nested more than ${MAX_NESTING} deep`, 'a simpler expression');
  }

  atEnd(): boolean {
    this.skipBlanks();
    return this.i >= this.text.length;
  }

  /** Records an error at character `index` and abandons the step. */
  fail(index: number, message: string, expected?: string): never {
    this.env.problems.add(this.st.pos(index), message, expected);
    throw new StepSyntaxError(message);
  }

  /** What is at the cursor, for messages: a word, a symbol, or "the end of the step". */
  describeHere(): string {
    this.skipBlanks();
    if (this.i >= this.text.length) return 'the end of the step';
    const m = this.match(/[A-Za-z0-9_$.:/-]+|[=!<>]+|\S/y);
    return `'${excerpt(m![0])}'`;
  }

  /** expr := term (('+' | '-') term)* */
  expr(): Expr {
    let left = this.term();
    for (;;) {
      this.skipBlanks();
      const c = this.text[this.i];
      if (c !== '+' && c !== '-') return left;
      this.i++;
      left = { kind: 'binary', op: c, left, right: this.term() };
    }
  }

  /** term := unary (('*' | '/' | '%') unary)* */
  private term(): Expr {
    let left = this.unary();
    for (;;) {
      this.skipBlanks();
      const c = this.text[this.i];
      if (c !== '*' && c !== '/' && c !== '%') return left;
      this.i++;
      left = { kind: 'binary', op: c, left, right: this.unary() };
    }
  }

  private unary(): Expr {
    this.skipBlanks();
    if (this.text[this.i] === '-') {
      this.enter(this.i);
      this.i++;
      const operand = this.unary();
      this.depth--;
      // A negative literal stays a literal; anything else is 0 - x (the AST has no unary node).
      return operand.kind === 'int' ? { kind: 'int', value: -operand.value } : { kind: 'binary', op: '-', left: { kind: 'int', value: 0 }, right: operand };
    }
    return this.primary();
  }

  private primary(): Expr {
    this.skipBlanks();
    const start = this.i;
    const c = this.text[start];
    const expected = 'an integer, a $variable, an observable such as shd_count(HOST), or (';
    let m: RegExpExecArray | null;
    if ((m = this.match(/\d+/y))) {
      this.i += m[0].length;
      const value = Number(m[0]);
      if (!Number.isSafeInteger(value)) this.fail(start, `integer ${excerpt(m[0])} is too large`, 'an integer below 2^53');
      const tail = this.match(/\w+/y);
      if (/^[A-Za-z_]/.test(tail?.[0] ?? '')) this.fail(start, `bad number '${excerpt(m[0] + tail![0])}'`, 'an integer');
      return { kind: 'int', value };
    }
    if ((m = this.match(/\$([A-Za-z_][A-Za-z0-9_]*)/y))) {
      this.i += m[0].length;
      this.env.checkVar(m[1]!, this.st.pos(start));
      return { kind: 'var', name: m[1]! };
    }
    if (c === '$') this.fail(start, `'$' must be followed by a variable name`, 'a $variable set by an earlier let step');
    if ((m = this.match(/[A-Za-z_][A-Za-z0-9_]*/y))) {
      const name = m[0];
      this.i += name.length;
      this.skipBlanks();
      if (this.text[this.i] !== '(') {
        if (isObservableName(name)) this.fail(start, `${name} needs its arguments`, usage(name));
        this.fail(start, `unexpected name '${name}'`, `${expected} (a let variable is read as $${name})`);
      }
      if (!isObservableName(name)) this.fail(start, `unknown observable '${name}'${hint(name, OBSERVABLE_NAMES)}`, `one of ${OBSERVABLE_NAMES.join(', ')}`);
      this.i++;
      const args = this.args(name);
      const call = checkObservable(this.env, name, args, this.st.pos(start), this.st.pos(this.i - 1));
      if (call === null) throw new StepSyntaxError(`bad call of ${name}`);
      return { kind: 'observable', call };
    }
    if (c === '(') {
      this.enter(start);
      this.i++;
      const inner = this.expr();
      this.skipBlanks();
      if (this.text[this.i] !== ')') this.fail(this.i, `unexpected ${this.describeHere()}`, "')' or an operator + - * / %");
      this.i++;
      this.depth--;
      return inner;
    }
    return this.fail(start, `unexpected ${this.describeHere()}`, expected);
  }

  /** The arguments of a call, after its `(` and through its `)`: words separated by commas. */
  private args(name: string): Arg[] {
    const args: Arg[] = [];
    this.skipBlanks();
    if (this.text[this.i] === ')') {
      this.i++;
      return args;
    }
    for (;;) {
      this.skipBlanks();
      const start = this.i;
      while (this.i < this.text.length && !/[\s,()]/.test(this.text[this.i]!)) this.i++;
      const text = this.text.slice(start, this.i);
      if (text === '') this.fail(start, `missing argument of ${name}`, 'an argument');
      const st = this.st;
      args.push({ text, pos: st.pos(start), at: (offset) => st.pos(start + offset) });
      this.skipBlanks();
      const c = this.text[this.i];
      if (c === ')') {
        this.i++;
        return args;
      }
      if (c !== ',') this.fail(this.i, `unexpected ${this.describeHere()} in the arguments of ${name}`, "',' or ')'");
      this.i++;
    }
  }

  /** A comparison operator, or an error. */
  compareOp(): CompareOp {
    this.skipBlanks();
    const op = COMPARE_OPS.find((o) => this.text.startsWith(o, this.i));
    if (!op) this.fail(this.i, `unexpected ${this.describeHere()}`, `a comparison ${COMPARE_OPS.join(' ')} or an operator + - * / %`);
    this.i += op.length;
    return op;
  }
}
