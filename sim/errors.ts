/**
 * Bad input from the user (a scenario, a volfile, a flag): reported as a plain message and exit code 2,
 * never as a stack trace. `where` is `file:line[:col]` when the input has a position.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly where?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }

  /** `file:line:col: message`, or just the message. */
  get report(): string {
    return this.where ? `${this.where}: ${this.message}` : this.message;
  }
}

/** Several input errors found in one pass (a scenario is checked whole before anything runs). */
export class UserErrors extends UserError {
  constructor(readonly errors: readonly UserError[]) {
    super(errors.map((e) => e.report).join('\n'));
    this.name = 'UserErrors';
  }

  override get report(): string {
    return this.message;
  }
}

/**
 * A bug in the model found while a scenario ran (an invariant breach, a failed assertion, a runaway
 * loop): exit code 70, with the command line that runs the same scenario, seed and mode again.
 */
export class ModelBug extends Error {
  constructor(
    readonly bug: Error,
    /** `shdsim run FILE --seed S --mode M [--set K=V …]` */
    readonly reproduce: string,
  ) {
    super(`model bug: ${bug.message}
reproduce: ${reproduce}`);
    this.name = 'ModelBug';
  }
}

/** The command line that reruns one mode of a scenario on one seed (with the same --set overrides). */
export function reproduceLine(file: string, seed: number, mode: string, sets: readonly string[] = []): string {
  const quote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return ['shdsim run', quote(file), '--seed', String(seed), '--mode', mode, ...sets.flatMap((s) => ['--set', quote(s)])].join(' ');
}

/** Exit codes shared by every command (the contract in the scenarios-and-cli spec). */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
/** A model bug (sysexits' EX_SOFTWARE). */
export const EXIT_MODEL_BUG = 70;
