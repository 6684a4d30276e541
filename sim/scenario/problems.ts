/**
 * Collects every error found in a scenario, so the user sees them all at once instead of fixing one
 * per run. Each is a `UserError` whose `where` is `FILE:LINE:COL`.
 */
import { UserError, UserErrors } from '../errors.js';
import type { SourcePos } from './ast.js';
import { excerpt } from './limits.js';
import { formatPos } from './source.js';

/** Beyond this many, a runaway (one bad step unrolled 10,000 times) would bury the first error. */
export const MAX_REPORTED = 50;

export class Problems {
  private readonly list: UserError[] = [];
  private readonly seen = new Set<string>();
  private dropped = 0;

  /** Records `message (expected …)` at `pos` (or without position); the same error twice counts once. */
  add(pos: SourcePos | string | undefined, message: string, expected?: string): void {
    const where = pos === undefined ? undefined : typeof pos === 'string' ? pos : formatPos(pos);
    // A backstop: the checkers quote user text cut short (limits.ts excerpt); no message may carry
    // megabytes of it.
    const text = expected ? `${excerpt(message, 1000)} (expected ${excerpt(expected, 1000)})` : excerpt(message, 1000);
    const key = `${where ?? ''}\u0000${text}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (this.list.length >= MAX_REPORTED) {
      this.dropped++;
      return;
    }
    this.list.push(new UserError(text, where));
  }

  get count(): number {
    return this.list.length + this.dropped;
  }

  get errors(): readonly UserError[] {
    return this.list;
  }

  /** Throws every recorded error as one `UserErrors`; does nothing when there is none. */
  throwIfAny(): void {
    if (this.count === 0) return;
    // In file order (a repeat's checks or a step mapping's keys may be recorded out of order);
    // errors without a line (a --set) come first. The sort is stable.
    const all = [...this.list].sort((a, b) => lineCol(a.where) - lineCol(b.where));
    if (this.dropped > 0) all.push(new UserError(`${this.dropped} more error(s) not shown`));
    throw new UserErrors(all);
  }
}

/** A sort key from `file:line:col` (line and col below 2^20). */
function lineCol(where: string | undefined): number {
  const m = /:(\d+):(\d+)$/.exec(where ?? '');
  return m ? Number(m[1]) * 1_048_576 + Number(m[2]) : 0;
}
