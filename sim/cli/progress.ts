/**
 * Progress of a sweep on stderr — wall-clock figures, so never in a file. On a terminal: a
 * cli-progress bar with the count, the rate and the ETA. Otherwise (CI logs, `2>file`): one plain line
 * every few seconds and one at the end, e.g. `sweep: 12/40 runs, 1.3 runs/s, ETA 21s`.
 *
 * The rate counts only the runs finished by this invocation (a resumed sweep's earlier rows took no
 * time now); the count includes them.
 */
import cliProgress from 'cli-progress';

export interface ProgressOptions {
  /** Runs of this sweep (or shard). */
  readonly total: number;
  /** Of which already in sweep.csv. */
  readonly done: number;
  /** Plain lines (no terminal). */
  readonly line: (text: string) => void;
  /** A terminal stream: draw a bar on it instead of plain lines. */
  readonly tty?: NodeJS.WritableStream;
  /** Milliseconds between plain lines (default 5000). */
  readonly intervalMs?: number;
  /** Monotonic milliseconds (tests pass a fake clock). */
  readonly now?: () => number;
  /** The command and what it counts (default `sweep`, `runs`; the swarm counts `cases`). */
  readonly label?: string;
  readonly unit?: string;
}

export interface Progress {
  /** One run finished. */
  tick(): void;
  /** The last line (or the finished bar). */
  finish(): void;
  /** Stops without a final line (the sweep failed). */
  stop(): void;
}

export function startProgress(opts: ProgressOptions): Progress {
  const now = opts.now ?? (() => performance.now());
  const started = now();
  let done = opts.done;
  const figures = () => {
    const secs = (now() - started) / 1000;
    const fresh = done - opts.done;
    const rate = secs > 0 ? fresh / secs : 0;
    const left = opts.total - done;
    return { rate: rate.toFixed(1), eta: left === 0 ? '0s' : rate > 0 ? formatEta(left / rate) : '?', secs };
  };
  if (opts.tty) return barProgress(opts, opts.tty, () => done, (d) => (done = d), figures);

  const line = (final: boolean) => {
    const f = figures();
    opts.line(`${opts.label ?? 'sweep'}: ${done}/${opts.total} ${opts.unit ?? 'runs'}, ${f.rate} ${opts.unit ?? 'runs'}/s, ${final ? `done in ${formatEta(f.secs)}` : `ETA ${f.eta}`}`);
  };
  const timer = setInterval(() => line(false), opts.intervalMs ?? 5000);
  timer.unref();
  return {
    tick: () => void done++,
    finish: () => {
      clearInterval(timer);
      line(true);
    },
    stop: () => clearInterval(timer),
  };
}

function barProgress(opts: ProgressOptions, stream: NodeJS.WritableStream, get: () => number, set: (n: number) => void, figures: () => { rate: string; eta: string }): Progress {
  const bar = new cliProgress.SingleBar(
    { format: `${opts.label ?? 'sweep'} {bar} {value}/{total} ${opts.unit ?? 'runs'} | {rate} ${opts.unit ?? 'runs'}/s | ETA {etaText}`, stream, hideCursor: true, clearOnComplete: false, barsize: 30 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(opts.total, get(), { rate: '0.0', etaText: '?' });
  return {
    tick: () => {
      set(get() + 1);
      const f = figures();
      bar.update(get(), { rate: f.rate, etaText: f.eta });
    },
    finish: () => bar.stop(),
    stop: () => bar.stop(),
  };
}

/** 21s, 3m05s, 2h04m */
export function formatEta(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
