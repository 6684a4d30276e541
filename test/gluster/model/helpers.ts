/**
 * Shared helpers for the model's behaviour tests: a scenario is written as a short list of step texts
 * (the scenario language of spec §2), loaded by the real loader, and run against a real ClusterModel in
 * one mode with its invariants checked after every event. Tests then read observables, counters, logs,
 * the timeline and the ops list.
 *
 * Two ways to drive a model:
 * - `runScenario(mode, steps)`: every step through the scenario runner, as `shdsim check` does;
 *   returns the model and the expectation rows.
 * - `new Driver(mode)`: one step at a time (`d.exec('gluster volume start v0')`), with the simulated
 *   clock under the test's control, for exact timings.
 */
import type { ExpectationRow } from '../../../reports/types.js';
import { seconds, type Micros } from '../../../sim/engine/time.js';
import { ClusterModel, type ModelOptions } from '../../../sim/gluster/model.js';
import { ClientXlator } from '../../../sim/gluster/shd/client.js';
import { LegacyShdProcess } from '../../../sim/gluster/shd/legacy-process.js';
import { MuxShdProcess } from '../../../sim/gluster/shd/mux-process.js';
import type { ShdProcess } from '../../../sim/gluster/shd/shd-process.js';
import type { Mode, Observable, Scenario, Step } from '../../../sim/scenario/ast.js';
import type { CommandOutcome } from '../../../sim/scenario/model-api.js';
import { loadScenarioText } from '../../../sim/scenario/load.js';
import { runSteps } from '../../../sim/scenario/run-steps.js';

export const MODES: readonly Mode[] = ['legacy', 'mux'];
export const S = seconds;

export interface ScenarioOptions {
  nodes?: readonly string[];
  /** `model:` settings, as a scenario file writes them. */
  model?: Readonly<Record<string, string | readonly string[]>>;
  params?: Readonly<Record<string, string | number>>;
}

function yamlScalar(v: string | number): string {
  return typeof v === 'number' ? String(v) : JSON.stringify(v);
}

/** The YAML text of a scenario with these steps (each one step string). */
export function scenarioText(steps: readonly string[], opts: ScenarioOptions = {}): string {
  const nodes = opts.nodes ?? ['h1', 'h2', 'h3'];
  const out = ['name: model-test', 'cluster:', `  nodes: [${nodes.join(', ')}]`];
  if (opts.params && Object.keys(opts.params).length) {
    out.push('params:');
    for (const [k, v] of Object.entries(opts.params)) out.push(`  ${k}: ${yamlScalar(v)}`);
  }
  if (opts.model && Object.keys(opts.model).length) {
    out.push('model:');
    for (const [k, v] of Object.entries(opts.model)) out.push(`  ${k}: ${typeof v === 'string' ? yamlScalar(v) : `[${v.join(', ')}]`}`);
  }
  out.push('steps:');
  for (const s of steps) out.push(`  - ${JSON.stringify(s)}`);
  return out.join('\n') + '\n';
}

export function loadSteps(steps: readonly string[], opts: ScenarioOptions = {}): Scenario {
  return loadScenarioText('model-test.yaml', scenarioText(steps, opts));
}

export function newModel(mode: Mode, opts: ScenarioOptions = {}, seed = 1, options: ModelOptions = {}): ClusterModel {
  // The loader wants at least one step; the model only reads the nodes and the settings.
  const sc = loadSteps(['wait 1s'], opts);
  return new ClusterModel(mode, sc, seed, { checkInvariants: true, ...options });
}

export interface ScenarioRun {
  model: ClusterModel;
  rows: ExpectationRow[];
}

/** Runs every step through the scenario runner (invariants checked after every event). */
export function runScenario(mode: Mode, steps: readonly string[], opts: ScenarioOptions = {}, seed = 1, options: ModelOptions = {}): ScenarioRun {
  const sc = loadSteps(steps, opts);
  const model = new ClusterModel(mode, sc, seed, { checkInvariants: true, ...options });
  const run = runSteps(sc, model);
  return { model, rows: run.expectations };
}

/** Expectation rows that did not hold, as `text (observed X)`, for a readable jest diff. */
export function failed(rows: readonly ExpectationRow[]): string[] {
  return rows.filter((r) => !r.passed).map((r) => `${r.text} (observed ${r.observed} at ${r.at_s}s)`);
}

export interface Answered extends CommandOutcome {
  /** When the command was issued and when it was answered (µs). */
  at: Micros;
  latency: Micros;
}

/** Drives one model step by step. */
export class Driver {
  readonly model: ClusterModel;
  private readonly opts: ScenarioOptions;
  /** `mount` steps run so far: later `touch`/`write` steps are parsed after them. */
  private readonly mounts: string[] = [];
  private readonly parsed = new Map<string, Step>();

  constructor(
    readonly mode: Mode,
    opts: ScenarioOptions = {},
    seed = 1,
    options: ModelOptions = {},
  ) {
    this.opts = opts;
    this.model = newModel(mode, opts, seed, options);
  }

  get now(): Micros {
    return this.model.sim.now;
  }

  get cluster() {
    return this.model.cluster;
  }

  /** The parsed form of one step text (brace expansion and all). */
  parse(text: string): Step {
    const key = [...this.mounts, text].join('\n');
    let step = this.parsed.get(key);
    if (!step) {
      const sc = loadSteps([...this.mounts, text], this.opts);
      step = sc.steps[sc.steps.length - 1]!;
      this.parsed.set(key, step);
    }
    return step;
  }

  /** Issues a command and runs the clock until it is answered. */
  exec(text: string): Answered {
    const step = this.parse(text);
    if (step.kind !== 'command') throw new Error(`not a command: ${text}`);
    const at = this.now;
    const f = this.model.execute(step.command, step.text);
    this.model.sim.run({ stopWhen: () => f.done });
    if (!f.done) throw new Error(`'${text}' was never answered`);
    if (step.command.kind === 'mount' && f.value!.ok) this.mounts.push(text);
    return { ...f.value!, at, latency: this.now - at };
  }

  /** Issues a command without running the clock; returns its future. */
  start(text: string) {
    const step = this.parse(text);
    if (step.kind !== 'command') throw new Error(`not a command: ${text}`);
    if (step.command.kind === 'mount') this.mounts.push(text);
    return this.model.execute(step.command, step.text);
  }

  /** Runs the clock for `d` µs. */
  wait(d: Micros): void {
    this.model.sim.run({ until: this.now + d });
  }

  /** Runs the clock to absolute time `t`. */
  runTo(t: Micros): void {
    this.model.sim.run({ until: t });
  }

  /**
   * Runs until `pred` holds (checked after every event) or `limit` µs pass; returns the time it
   * first held, or null.
   */
  until(pred: () => boolean, limit: Micros): Micros | null {
    const why = this.model.sim.run({ until: this.now + limit, stopWhen: pred });
    if (why === 'predicate') return this.now;
    return pred() ? this.now : null;
  }

  o(obs: Observable): number {
    return this.model.observe(obs);
  }

  // Observable shortcuts (spec §2.3).
  shdCount(h: string): number {
    return this.o({ name: 'shd_count', host: h });
  }
  shdPid(v: string, h: string): number {
    return this.o({ name: 'shd_pid', volume: v, host: h });
  }
  pidfile(v: string, h: string): number {
    return this.o({ name: 'pidfile', volume: v, host: h });
  }
  healers(h: string, kind: 'afr' | 'ec' = 'afr'): number {
    return this.o({ name: 'healer_threads', host: h, kind });
  }
  cleanups(h: string): number {
    return this.o({ name: 'cleanup_threads', host: h });
  }
  pending(v: string): number {
    return this.o({ name: 'pending_heals', volume: v });
  }
  attached(v: string, h: string): number {
    return this.o({ name: 'attached', volume: v, host: h });
  }
  shdStarts(h: string): number {
    return this.o({ name: 'shd_starts', host: h });
  }
  brickUp(host: string, path: string): number {
    return this.o({ name: 'brick_up', brick: { host, path } });
  }
  glusterdUp(h: string): number {
    return this.o({ name: 'glusterd_up', host: h });
  }
  logLines(h: string): number {
    return this.o({ name: 'log_lines', host: h });
  }
  logBytes(h: string): number {
    return this.o({ name: 'log_bytes', host: h });
  }
  unwound(h: string): number {
    return this.o({ name: 'frames_unwound', host: h });
  }
  inFlight(h: string): number {
    return this.o({ name: 'frames_in_flight', host: h });
  }
  healed(v: string): number {
    return this.o({ name: 'heals_completed', volume: v });
  }

  /** Log lines logged so far on `node` by `process` with message key `key` (a MSGID, or a name). */
  logCount(node: string, process: 'glusterd' | 'glustershd', key: string): number {
    return this.cluster.logs.rows().find((r) => r.node === node && r.process === process && r.key === key)?.lines ?? 0;
  }

  /** The live shd process on a node (mux: at most one). */
  shd(h: string): ShdProcess | undefined {
    return this.model.daemons.liveShds(h)[0];
  }

  /** The live shd of a node in legacy mode. */
  legacyShd(h: string): LegacyShdProcess | undefined {
    const p = this.shd(h);
    if (p !== undefined && !(p instanceof LegacyShdProcess)) throw new Error(`the shd on ${h} is not a legacy one`);
    return p;
  }

  /** The live shd of a node in mux mode. */
  muxShd(h: string): MuxShdProcess | undefined {
    const p = this.shd(h);
    if (p !== undefined && !(p instanceof MuxShdProcess)) throw new Error(`the shd on ${h} is not a multiplexed one`);
    return p;
  }

  /** Timeline events of a kind (optionally on one node). */
  events(kind: string, node?: string) {
    return this.cluster.timeline.filter((e) => e.kind === kind && (node === undefined || e.node === node));
  }
}

/** `gluster volume create NAME replica 3 h1..h3:/bricks/NAME` + start, as step texts. */
export function rep3(name: string, start = true): string[] {
  const s = [`gluster volume create ${name} replica 3 h{1..3}:/bricks/${name}`];
  if (start) s.push(`gluster volume start ${name}`);
  return s;
}

/**
 * Records every index sweep (the OPENDIR of `.glusterfs/indices` an index healer sends to its local
 * brick) by wrapping ClientXlator.send; `restore()` puts the original back.
 */
export function recordSweeps(): { sweeps: { at: Micros; node: string; xlator: string }[]; restore(): void } {
  const proto = ClientXlator.prototype;
  const original = proto.send;
  const sweeps: { at: Micros; node: string; xlator: string }[] = [];
  proto.send = function (this: ClientXlator, ...args: Parameters<ClientXlator['send']>) {
    if (args[0] === 'OPENDIR' && args[1] === 'indices') sweeps.push({ at: this.graph.cluster.sim.now, node: this.graph.node, xlator: this.parent?.name ?? '' });
    return original.apply(this, args);
  };
  return { sweeps, restore: () => void (proto.send = original) };
}
