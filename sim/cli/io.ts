/** Where a command writes. The CLI passes the process streams; tests pass collectors. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress bars). */
  readonly tty: boolean;
  /**
   * A status line on stderr that the next one replaces (progress on a terminal); '' clears it. Only
   * called when `tty` is true.
   */
  status?(text: string): void;
}

export const processIo: Io = {
  out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  tty: Boolean(process.stderr.isTTY),
  status: (text) => void process.stderr.write(`\r\x1b[2K${text}`),
};

/** An Io that records everything, for tests. */
export function captureIo(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t), tty: false };
}
