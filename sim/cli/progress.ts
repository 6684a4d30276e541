/**
 * Progress of a sweep on stderr — wall-clock figures, so never in a file. On a terminal: a
 * cli-progress bar with the count, the rate and the ETA. Otherwise (CI logs, `2>file`): one plain line
 * every few seconds and one at the end, e.g. `sweep: 12/40 runs, 1.3 runs/s, ETA 21s`.
 *
 * The rate counts only the runs finished by this invocation (a resumed sweep's earlier rows took no
 * time now); the count includes them.
 */
import cliProgress from 'cli-progress';
import { formatCount } from '../../viz/format.js';

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
    opts.line(`sweep: ${done}/${opts.total} runs, ${f.rate} runs/s, ${final ? `done in ${formatEta(f.secs)}` : `ETA ${f.eta}`}`);
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
    { format: 'sweep {bar} {value}/{total} runs | {rate} runs/s | ETA {etaText}', stream, hideCursor: true, clearOnComplete: false, barsize: 30 },
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

/** What a run's progress line watches: a simulation's clock and event count. */
export interface SimClock {
  readonly now: number;
  readonly events: number;
  onTrace(listener: () => void): () => void;
}

export interface RunProgress {
  /** Starts watching one mode's simulation, labelled e.g. `[legacy] mass-volume-churn`. */
  watch(label: string, sim: SimClock): void;
  /** Clears the line (before other output, and at the end). */
  clear(): void;
}

/**
 * The progress of a long `run` or `check` on a terminal: one status line, redrawn at most every
 * `intervalMs` of wall time, `[legacy] mass-volume-churn: simulated 1h02m, 1,234,567 events`. The
 * simulated time and event count are read from the simulation's trace hook (every model event),
 * which only reads the clock and cannot change the run. Nothing at all off a terminal.
 */
export function runProgress(status: ((text: string) => void) | undefined, opts: { intervalMs?: number; now?: () => number } = {}): RunProgress {
  if (!status) return { watch: () => {}, clear: () => {} };
  const now = opts.now ?? (() => performance.now());
  const interval = opts.intervalMs ?? 250;
  let last = -Infinity;
  let shown = false;
  let stop: (() => void) | undefined;
  return {
    watch(label, sim) {
      stop?.();
      let n = 0;
      stop = sim.onTrace(() => {
        // the wall clock is read once per 512 events: cheap next to the events themselves
        if ((++n & 511) !== 0) return;
        const t = now();
        if (t - last < interval) return;
        last = t;
        shown = true;
        status(`${label}: simulated ${formatSimTime(sim.now)}, ${formatCount(sim.events)} events`);
      });
    },
    clear() {
      stop?.();
      stop = undefined;
      if (shown) status('');
      shown = false;
    },
  };
}

/** Simulated µs as `1h02m03s`, `4m05s`, `12.3s`. */
export function formatSimTime(us: number): string {
  const s = us / 1e6;
  if (s < 60) return `${s.toFixed(1)}s`;
  const whole = Math.floor(s);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const sec = whole % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m${String(sec).padStart(2, '0')}s` : `${m}m${String(sec).padStart(2, '0')}s`;
}
