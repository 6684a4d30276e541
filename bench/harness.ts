/**
 * Benchmark plumbing: a workload is a named function returning what it did; the harness times it
 * with the wall clock (allowed here, never under sim/) and prints one line per workload.
 */
export interface BenchResult {
  workload: string;
  events: number;
  seconds: number;
  events_per_sec: number;
  [extra: string]: string | number | boolean;
}

export interface Workload {
  name: string;
  /** Runs once and returns the number of events plus any extra figures worth printing. */
  run(): { events: number; extra?: Record<string, string | number | boolean> };
}

export function measure(w: Workload): BenchResult {
  const t0 = process.hrtime.bigint();
  const { events, extra } = w.run();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const result: BenchResult = { workload: w.name, events, seconds: round(seconds, 4), events_per_sec: Math.round(events / seconds), ...extra };
  // Simulated seconds per wall second, for workloads that simulate a cluster.
  if (typeof extra?.sim_seconds === 'number') result.sim_seconds_per_wall_second = round(extra.sim_seconds / seconds, 1);
  return result;
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
