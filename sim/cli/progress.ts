/**
 * Progress of a sweep on stderr — wall-clock figures, so never in a file. On a terminal: a
 * cli-progress bar with the count, the rate and the ETA. Otherwise (CI logs, `2>file`): one plain line
 * every few seconds and one at the end, e.g. `sweep: 12/40 runs, 1.3 runs/s, 2 running, ETA 21s`.
 *
 * The ETA weighs the runs by their length, because runs are not alike: a sweep over volumes=10..200
 * runs its cheap points first and its expensive ones last, so "runs left ÷ runs per second" keeps
 * rising. Each run left is predicted from the wall time of the runs that finished: those of its own
 * grid point and mode when there are some, else a power law of the point's size (the product of its
 * numeric grid values) fitted to the finished points. The work left is then shared by the workers. Until the first run finishes there is nothing to go by, and the line says so
 * instead of showing "ETA ?" with a rate of 0.
 *
 * The rate counts only the runs finished by this invocation (a resumed sweep's earlier rows took no
 * time now); the count includes them.
 */
import cliProgress from 'cli-progress';
import { formatCount } from '../../viz/format.js';

/** A run of the sweep, for predicting its length. */
export interface RunShape {
  readonly index: number;
  /** Runs of one group (grid point and mode) take about the same time. */
  readonly group: string;
  /** Relative cost between groups: the product of the point's numeric grid values (1 if none). */
  readonly size: number;
}

export interface ProgressOptions {
  /** Runs of this sweep (or shard). */
  readonly total: number;
  /** Of which already in sweep.csv. */
  readonly done: number;
  /** The runs still to do (for a weighted ETA); without them, the ETA is runs left ÷ rate. */
  readonly pending?: readonly RunShape[];
  /** Runs at once (worker threads). */
  readonly concurrency?: number;
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
  /** A run started (by its index). */
  started(index: number): void;
  /** A run finished (by its index; without one, only the count moves). */
  tick(index?: number): void;
  /** The last line (or the finished bar). */
  finish(): void;
  /** Stops without a final line (the sweep failed). */
  stop(): void;
}

/**
 * Predicts the wall seconds of the runs left from the ones that finished: a run whose group (grid
 * point and mode) has finished runs takes their mean; any other takes a power law of its size fitted
 * to the finished groups (least squares on logarithms, exponent kept within [0, 1.5]; with one size
 * finished so far, proportional to size).
 */
export class EtaModel {
  private readonly byGroup = new Map<string, { size: number; secs: number[] }>();
  private readonly left = new Map<number, RunShape>();

  constructor(pending: readonly RunShape[], private readonly concurrency: number) {
    for (const r of pending) this.left.set(r.index, r);
  }

  finished(index: number, seconds: number): void {
    const r = this.left.get(index);
    if (!r) return;
    this.left.delete(index);
    const g = this.byGroup.get(r.group) ?? { size: Math.max(r.size, 1e-9), secs: [] };
    g.secs.push(seconds);
    this.byGroup.set(r.group, g);
  }

  /** seconds ≈ a · size^b over the finished groups. */
  private fit(): (size: number) => number {
    const pts = [...this.byGroup.values()].map((g) => ({ x: Math.log(g.size), y: Math.log(Math.max(1e-6, mean(g.secs))) }));
    const mx = mean(pts.map((p) => p.x));
    const my = mean(pts.map((p) => p.y));
    const sxx = pts.reduce((a, p) => a + (p.x - mx) ** 2, 0);
    const b = sxx > 1e-12 ? Math.min(1.5, Math.max(0, pts.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx)) : 1;
    return (size) => Math.exp(my + b * (Math.log(Math.max(size, 1e-9)) - mx));
  }

  /** Wall seconds until the runs left are done, or null before any run has finished. */
  eta(): number | null {
    if (this.left.size === 0) return 0;
    if (this.byGroup.size === 0) return null;
    const predict = this.fit();
    let work = 0;
    for (const r of this.left.values()) {
      const g = this.byGroup.get(r.group);
      work += g ? mean(g.secs) : predict(r.size);
    }
    return work / Math.max(1, Math.min(this.concurrency, this.left.size));
  }
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, x) => a + x, 0) / xs.length;
}

export function startProgress(opts: ProgressOptions): Progress {
  const now = opts.now ?? (() => performance.now());
  const started = now();
  let done = opts.done;
  const running = new Map<number, number>();
  const model = opts.pending ? new EtaModel(opts.pending, opts.concurrency ?? 1) : null;
  const figures = () => {
    const secs = (now() - started) / 1000;
    const fresh = done - opts.done;
    const rate = secs > 0 ? fresh / secs : 0;
    const left = opts.total - done;
    let eta: string;
    if (left === 0) eta = 'ETA 0s';
    else if (model) {
      const e = model.eta();
      eta = e === null ? `${formatEta(secs)} elapsed, ETA after the first run` : `ETA ${formatEta(e)}`;
    } else eta = rate > 0 ? `ETA ${formatEta(left / rate)}` : `${formatEta(secs)} elapsed, ETA after the first run`;
    return { rate: rate.toFixed(1), eta, secs, running: running.size };
  };
  const tick = (index?: number) => {
    done++;
    if (index === undefined) return;
    const t0 = running.get(index);
    running.delete(index);
    if (t0 !== undefined) model?.finished(index, (now() - t0) / 1000);
  };
  if (opts.tty) return barProgress(opts, opts.tty, () => done, tick, (i) => running.set(i, now()), figures);

  const line = (final: boolean) => {
    const f = figures();
    opts.line(`${opts.label ?? 'sweep'}: ${done}/${opts.total} ${opts.unit ?? 'runs'}, ${f.rate} ${opts.unit ?? 'runs'}/s${!final && f.running ? `, ${f.running} running` : ''}, ${final ? `done in ${formatEta(f.secs)}` : f.eta}`);
  };
  const timer = setInterval(() => line(false), opts.intervalMs ?? 5000);
  timer.unref();
  return {
    started: (i) => void running.set(i, now()),
    tick,
    finish: () => {
      clearInterval(timer);
      line(true);
    },
    stop: () => clearInterval(timer),
  };
}

function barProgress(
  opts: ProgressOptions,
  stream: NodeJS.WritableStream,
  get: () => number,
  tick: (index?: number) => void,
  started: (index: number) => void,
  figures: () => { rate: string; eta: string },
): Progress {
  const bar = new cliProgress.SingleBar(
    { format: `${opts.label ?? 'sweep'} {bar} {value}/{total} ${opts.unit ?? 'runs'} | {rate} ${opts.unit ?? 'runs'}/s | {etaText}`, stream, hideCursor: true, clearOnComplete: false, barsize: 30 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(opts.total, get(), { rate: '0.0', etaText: figures().eta });
  // Redrawn every second too, so the elapsed time moves before the first run finishes.
  const timer = setInterval(() => {
    const f = figures();
    bar.update(get(), { rate: f.rate, etaText: f.eta });
  }, 1000);
  timer.unref();
  return {
    started,
    tick: (index) => {
      tick(index);
      const f = figures();
      bar.update(get(), { rate: f.rate, etaText: f.eta });
    },
    finish: () => {
      clearInterval(timer);
      bar.stop();
    },
    stop: () => {
      clearInterval(timer);
      bar.stop();
    },
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
