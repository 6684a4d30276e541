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
    const m = /^[A-Za-z0-9_$.:/-]+|^[=!<>]+|^\S/.exec(this.text.slice(this.i));
    return `'${m![0]}'`;
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
      this.i++;
      const operand = this.unary();
      // A negative literal stays a literal; anything else is 0 - x (the AST has no unary node).
      return operand.kind === 'int' ? { kind: 'int', value: -operand.value } : { kind: 'binary', op: '-', left: { kind: 'int', value: 0 }, right: operand };
    }
    return this.primary();
  }

  private primary(): Expr {
    this.skipBlanks();
    const start = this.i;
    const rest = this.text.slice(start);
    const expected = 'an integer, a $variable, an observable such as shd_count(HOST), or (';
    let m: RegExpExecArray | null;
    if ((m = /^\d+/.exec(rest))) {
      this.i += m[0].length;
      const value = Number(m[0]);
      if (!Number.isSafeInteger(value)) this.fail(start, `integer ${m[0]} is too large`, 'an integer below 2^53');
      if (/^[A-Za-z_]/.test(this.text.slice(this.i))) this.fail(start, `bad number '${m[0]}${/^\w+/.exec(this.text.slice(this.i))![0]}'`, 'an integer');
      return { kind: 'int', value };
    }
    if ((m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(rest))) {
      this.i += m[0].length;
      this.env.checkVar(m[1]!, this.st.pos(start));
      return { kind: 'var', name: m[1]! };
    }
    if (rest.startsWith('$')) this.fail(start, `'$' must be followed by a variable name`, 'a $variable set by an earlier let step');
    if ((m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest))) {
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
    if (rest.startsWith('(')) {
      this.i++;
      const inner = this.expr();
      this.skipBlanks();
      if (this.text[this.i] !== ')') this.fail(this.i, `unexpected ${this.describeHere()}`, "')' or an operator + - * / %");
      this.i++;
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
