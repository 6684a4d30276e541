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

/** Exit codes shared by every command (the contract in the scenarios-and-cli spec). */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
