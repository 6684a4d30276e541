/**
 * From a finished run of one mode to the rows of rows.ts: periodic samples (timeseries.csv,
 * nodes.csv), the heal ledger (heals.csv), management operations, the timeline and log counts.
 */
import { Activity, type Scope } from '../engine/scope.js';
import { toSeconds, type Micros } from '../engine/time.js';
import type { Mode } from '../mode.js';
import { percentile } from '../percentile.js';
import type {
  ExpectationRow,
  HealRow,
  LogRow,
  ModeResult,
  NodeRow,
  OpRow,
  SummaryRow,
  TimelineRow,
  TimeseriesRow,
} from './rows.js';
import type { Cluster } from './cluster.js';
import type { Daemons } from './daemons.js';
import { shdRssBytes, toMiB } from './memory.js';
import { cleanupThreads, healerThreads, pendingHeals } from './observe.js';

/** A management operation as the model records it. */
export interface OpRecord {
  at: Micros;
  host: string;
  command: string;
  ok: boolean;
  latency: Micros;
  message: string;
}

/** Samples the cluster every `model.sample_interval` (and once more at the end). */
export class Sampler extends Activity {
  readonly series: TimeseriesRow[] = [];
  readonly nodes: NodeRow[] = [];
  peakRssMiB = 0;
  private healsBefore = 0;

  private readonly cluster: Cluster;

  constructor(
    scope: Scope,
    private readonly daemons: Daemons,
  ) {
    super(scope, 'sampler');
    this.cluster = daemons.cluster;
  }

  start(): void {
    this.sample();
    this.arm(this.cluster.config.sample_interval);
  }

  protected onFire(): void {
    this.sample();
    this.arm(this.cluster.config.sample_interval);
  }

  /** One sample now (the runner adds the final one at the end of the run). */
  sample(): void {
    const c = this.cluster;
    const d = this.daemons;
    const mode = c.mode;
    const t_s = toSeconds(c.sim.now);
    let shds = 0;
    let attached = 0;
    let frames = 0;
    let rss = 0;
    let cleanups = 0;
    for (const name of c.nodes.keys()) {
      const live = d.liveShds(name);
      let nodeRss = 0;
      let nodeAttached = 0;
      let nodeFrames = 0;
      for (const p of live) {
        nodeRss += shdRssBytes(p, c.config);
        nodeAttached += p.attachedVolumes();
        for (const g of p.graphs) nodeFrames += g.framesInFlight();
      }
      const mib = toMiB(nodeRss);
      if (mib > this.peakRssMiB) this.peakRssMiB = mib;
      shds += live.length;
      attached += nodeAttached;
      frames += nodeFrames;
      rss += mib;
      cleanups += cleanupThreads(d, name);
      this.nodes.push({
        mode,
        t_s,
        node: name,
        shd_pid: live[0]?.pid ?? 0,
        shd_rss_mib: mib,
        attached_graphs: nodeAttached,
        healer_threads: healerThreads(d, name, 'afr') + healerThreads(d, name, 'ec'),
        log_bytes: c.logs.nodeTotals(name).bytes,
      });
    }
    let pending = 0;
    for (const v of c.store.all()) pending += pendingHeals(c, v.name);
    const done = c.counters.healsCompleted;
    this.series.push({
      mode,
      t_s,
      pending_heals: pending,
      heals_done: done,
      heals_done_interval: done - this.healsBefore,
      log_lines: c.logs.totalLines,
      log_bytes: c.logs.totalBytes,
      shd_processes: shds,
      attached_graphs: attached,
      frames_in_flight: frames,
      frames_unwound_enotconn: c.counters.framesUnwound,
      cleanup_threads: cleanups,
      shd_rss_mib: rss,
    });
    this.healsBefore = done;
  }
}

export interface FinishInput {
  mode: Mode;
  seed: number;
  end: Micros;
  events: number;
  fingerprint: string;
  ops: readonly OpRecord[];
  expectations: readonly ExpectationRow[];
  sampler: Sampler;
}

export function buildModeResult(cluster: Cluster, input: FinishInput): ModeResult {
  const { mode } = input;
  const s = toSeconds;
  const heals: HealRow[] = [];
  const latencies: number[] = [];
  let abandoned = 0;
  for (const e of cluster.heals.entries) {
    const healed = e.healedAt !== null;
    if (!healed && e.orphaned) continue; // its volume was deleted: neither healed nor abandoned by the shd
    if (!healed) abandoned++;
    const latency = healed && e.healableAt !== null ? s(e.healedAt! - e.healableAt) : null;
    if (latency !== null) latencies.push(latency);
    // Starved entries count too, with their age at the end: a lower bound, but leaving them out would
    // make a mode that never heals its hardest entries look fast.
    else if (!healed && e.healableAt !== null) latencies.push(s(input.end - e.healableAt));
    heals.push({
      mode,
      volume: e.volume,
      subvolume: e.subvolume,
      brick: e.healedBy,
      gfid: e.gfid,
      kind: e.kind,
      pending_at_s: s(e.pendingAt),
      healable_at_s: e.healableAt === null ? null : s(e.healableAt),
      healed_at_s: healed ? s(e.healedAt!) : null,
      latency_s: latency,
      pending_latency_s: healed ? s(e.healedAt! - e.pendingAt) : null,
      attempts: e.attempts,
    });
  }
  latencies.sort((a, b) => a - b);
  const opLatencies = input.ops.map((o) => s(o.latency)).sort((a, b) => a - b);
  const last = input.sampler.series[input.sampler.series.length - 1];
  const c = cluster.counters;
  let shdStarts = 0;
  for (const n of cluster.nodes.values()) shdStarts += n.shdStarts;
  const summary: SummaryRow = {
    mode,
    seed: input.seed,
    sim_seconds: s(input.end),
    heals_completed: c.healsCompleted,
    heal_latency_p50_s: percentile(latencies, 0.5),
    heal_latency_p99_s: percentile(latencies, 0.99),
    heal_latency_max_s: latencies.length ? latencies[latencies.length - 1]! : null,
    pending_heals_end: last?.pending_heals ?? 0,
    shd_starts: shdStarts,
    graph_attaches: c.graphAttaches,
    graph_detaches: c.graphDetaches,
    frames_unwound_enotconn: c.framesUnwound,
    log_lines: cluster.logs.totalLines,
    log_bytes: cluster.logs.totalBytes,
    peak_shd_rss_mib: input.sampler.peakRssMiB,
    events: input.events,
    heals_aborted: c.healsAborted,
    heals_abandoned: abandoned,
    graph_reconfigures: c.graphReconfigures,
    shd_exits: c.shdExits,
    shd_crashes: c.shdCrashes,
    frames_sent: c.framesSent,
    frames_lost: c.framesLost,
    attach_retries: c.attachRetries,
    attach_failures: c.attachFailures,
    ops_total: input.ops.length,
    ops_failed: input.ops.filter((o) => !o.ok).length,
    op_latency_p99_s: percentile(opLatencies, 0.99),
    writes_failed: c.writesFailed,
    cleanup_max_s: c.cleanupDurations.length ? s(Math.max(...c.cleanupDurations)) : null,
    expectations_failed: input.expectations.filter((x) => !x.passed).length,
    fingerprint: input.fingerprint,
  };
  const ops: OpRow[] = input.ops.map((o) => ({
    mode,
    at_s: s(o.at),
    host: o.host,
    command: o.command,
    result: o.ok ? 'ok' : 'failed',
    latency_s: s(o.latency),
    message: o.message,
  }));
  const timeline: TimelineRow[] = cluster.timeline.map((t) => ({ mode, at_s: s(t.at), node: t.node, kind: t.kind, volume: t.volume, pid: t.pid, detail: t.detail }));
  const logs: LogRow[] = cluster.logs.rows().map((r) => ({ mode, node: r.node, process: r.process, msgid: r.key, level: r.level, lines: r.lines, bytes: r.bytes }));
  return {
    mode,
    summary,
    heals,
    timeseries: input.sampler.series,
    nodes: input.sampler.nodes,
    ops,
    timeline,
    logs,
    expectations: [...input.expectations],
  };
}
