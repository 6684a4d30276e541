/** What the model's nodes know of an operating-system process. */
export type Signal = 'TERM' | 'KILL';

export interface OsProcess {
  readonly pid: number;
  /** `glusterd`, `glusterfsd` (a brick), `glustershd`. */
  readonly command: 'glusterd' | 'glusterfsd' | 'glustershd';
  readonly alive: boolean;
  /** SIGTERM asks the process to exit (it takes a moment); SIGKILL ends it at once. */
  signal(sig: Signal): void;
}
