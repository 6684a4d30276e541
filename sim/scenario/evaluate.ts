/**
 * Evaluation of `let` and `expect` expressions against a model at the current simulated time.
 * Integer arithmetic as in the `${…}` expressions: `/` truncates toward zero, `%` keeps the sign of
 * the dividend.
 */
import { UserError } from '../errors.js';
import type { Expr, SourcePos } from './ast.js';
import type { ScenarioModel } from './model-api.js';
import { formatPos } from './source.js';

export type Vars = ReadonlyMap<string, number>;

export function evaluate(expr: Expr, model: ScenarioModel, vars: Vars, pos: SourcePos): number {
  switch (expr.kind) {
    case 'int':
      return expr.value;
    case 'var': {
      const v = vars.get(expr.name);
      // The loader checks every $name against earlier `let` steps; reaching this is a runner bug.
      if (v === undefined) throw new Error(`${formatPos(pos)}: $${expr.name} is not set (the loader should have refused this step)`);
      return v;
    }
    case 'observable':
      return model.observe(expr.call);
    case 'binary': {
      const l = evaluate(expr.left, model, vars, pos);
      const r = evaluate(expr.right, model, vars, pos);
      switch (expr.op) {
        case '+':
          return l + r;
        case '-':
          return l - r;
        case '*':
          return l * r;
        case '/':
        case '%':
          // A run-time value (an observable) can be 0: that is the scenario's mistake, not a bug.
          if (r === 0) throw new UserError(`division by zero in the step`, formatPos(pos));
          return expr.op === '/' ? Math.trunc(l / r) || 0 : l % r || 0;
      }
    }
  }
}

/** True when the expression reads an observable (its value changes with time). */
export function readsModel(expr: Expr): boolean {
  return expr.kind === 'observable' || (expr.kind === 'binary' && (readsModel(expr.left) || readsModel(expr.right)));
}
