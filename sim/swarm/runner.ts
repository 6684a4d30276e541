/**
 * One swarm case: a scenario run in one mode with the model's invariants checked after EVERY event, a
 * bound on events (and, as a safety net, on wall-clock time), the command oracles below, and the
 * liveness phase (liveness.ts) appended once the body has run.
 *
 * The body runs first; the liveness steps are then derived from the model's real state, the whole
 * text (body + liveness) is loaded, and only its liveness steps run, on the same model. Loading the
 * whole text again gives the body steps the same parse, so the saved file — the whole text — replays
 * the very run that failed (`shdsim run FILE --seed S --mode M`, or `shdsim swarm --replay FILE`).
 *
 * Command oracles: answers GlusterFS would not give. One today: an index heal (`gluster volume heal
 * V`) of a replicate volume answered with success while a brick of the volume is down — AFR's
 * afr_xl_op sets op_ret = -1 for GF_SHD_OP_HEAL_INDEX as soon as one child is not up
 * (xlators/cluster/afr/src/afr-self-heald.c, v7.9 and v10.3), so the CLI reports the heal as
 * unsuccessful. EC's ec_heal_op and AFR's full heal succeed with any local brick up, so they have
 * no such oracle.
 */
import { performance } from 'node:perf_hooks';
import type { Micros } from '../engine/time.js';
import { UserError } from '../errors.js';
import { ClusterModel } from '../gluster/model.js';
import type { Mode, ModelCommand, Scenario, Step } from '../scenario/ast.js';
import { loadScenarioText } from '../scenario/load.js';
import type { ScenarioModel } from '../scenario/model-api.js';
import { runSteps } from '../scenario/run-steps.js';
import { livenessSteps, type LivenessView } from './liveness.js';
import { renderCase, type CaseText } from './scenario-text.js';
import { classifyError, livenessSignature, TIME_LIMIT_INVARIANT, type Failure } from './signature.js';

export interface CaseLimits {
  /** Events per run (a model looping at one instant stops here). */
  readonly maxEvents: number;
  /** Wall-clock milliseconds per run; 0 for none. */
  readonly timeLimitMs: number;
}

export const DEFAULT_LIMITS: CaseLimits = { maxEvents: 5_000_000, timeLimitMs: 60_000 };

export interface CaseOutcome {
  /** The first thing that went wrong, or null when the case passed. */
  readonly failure: Failure | null;
  /** The text that ran (body and liveness). */
  readonly text: string;
  readonly liveness: readonly string[];
  readonly events: number;
  readonly simTime: Micros;
  /** How long nodes ran two shds (runs without invariants only). */
  readonly doubleShd?: DoubleShd;
  /** The text did not load (a shrinking candidate that broke the language): the loader's report. */
  readonly invalid?: string;
}

/** Runs a case: the body, then the liveness phase derived from where the body left the model. */
export function runCase(c: Omit<CaseText, 'liveness'>, mode: Mode, limits: CaseLimits): CaseOutcome {
  const o = runCaseWith(c, mode, limits, true);
  if (!o.failure?.signature.startsWith(DOUBLE_SHD)) return o;
  return { ...o, failure: { ...o.failure, signature: o.failure.signature + doubleShdDiagnosis(runCaseWith(c, mode, limits, false).doubleShd!) } };
}

/** Runs a saved case (or any scenario text) as it is, with the swarm's checks. */
export function replayText(file: string, text: string, seed: number, mode: Mode, limits: CaseLimits): CaseOutcome {
  const o = replayWith(file, text, seed, mode, limits, true);
  if (!o.failure?.signature.startsWith(DOUBLE_SHD)) return o;
  return { ...o, failure: { ...o.failure, signature: o.failure.signature + doubleShdDiagnosis(replayWith(file, text, seed, mode, limits, false).doubleShd!) } };
}

function runCaseWith(c: Omit<CaseText, 'liveness'>, mode: Mode, limits: CaseLimits, invariants: boolean): CaseOutcome {
  const file = `swarm-${c.seed}-${mode}.yaml`;
  const bodyText = renderCase({ ...c, liveness: [] });
  const body = load(file, bodyText);
  if (typeof body === 'string') return { failure: null, text: bodyText, liveness: [], events: 0, simTime: 0, invalid: body };
  const probe = new Probe(body, mode, c.seed, limits, invariants);
  if (!probe.run(body.steps)) return probe.outcome(bodyText, []);
  const liveness = livenessSteps(viewOf(probe.model, body));
  const text = renderCase({ ...c, liveness });
  const full = load(file, text);
  if (typeof full === 'string') throw new Error(`the liveness phase of ${file} does not load: ${full}`);
  probe.run(full.steps.slice(body.steps.length));
  probe.finish();
  return probe.outcome(text, liveness);
}

function replayWith(file: string, text: string, seed: number, mode: Mode, limits: CaseLimits, invariants: boolean): CaseOutcome {
  const scenario = load(file, text);
  if (typeof scenario === 'string') throw new UserError(scenario);
  const probe = new Probe(scenario, mode, seed, limits, invariants);
  if (probe.run(scenario.steps)) probe.finish();
  return probe.outcome(text, []);
}

const DOUBLE_SHD = 'invariant: at most one shd per node (mux)';

/**
 * Two shds on one node: the invariant stops the run at the first event, so the case runs again
 * without invariants to see how long it lasts — a transient double during a glusterd restart (the
 * stale process being stopped while the new one starts) and one that stays are different causes.
 */
function doubleShdDiagnosis(d: DoubleShd): string {
  if (d.lasting) return ' (lasting to the end of the run)';
  return d.longest < 1_000_000 ? ' (transient, under 1 s)' : ' (for more than 1 s, then gone)';
}

/** The longest time one node ran two or more shds (µs), and whether one still did at the end. */
export interface DoubleShd {
  readonly longest: number;
  readonly lasting: boolean;
}

function load(file: string, text: string): Scenario | string {
  try {
    return loadScenarioText(file, text);
  } catch (err) {
    if (err instanceof UserError) return err.report;
    throw err;
  }
}

/**
 * Invariants the swarm found missing in the model's own list (sim/gluster/invariants.ts), checked here
 * until the model has them: a node runs at most one glusterd (`glusterd -p /var/run/glusterd.pid`
 * refuses a second one whose pidfile lock is held).
 */
export const ONE_GLUSTERD = 'at most one glusterd per node';

function addSwarmInvariants(model: ClusterModel): void {
  model.sim.addInvariant(ONE_GLUSTERD, () => {
    for (const node of model.cluster.nodes.values()) {
      const pids = [...node.procs.values()].filter((p) => p.command === 'glusterd' && p.alive).map((p) => p.pid);
      if (pids.length > 1) return `${pids.length} glusterd processes on ${node.name}: pids ${pids.join(', ')}`;
    }
    return undefined;
  });
}

function viewOf(model: ClusterModel, body: Scenario): LivenessView {
  const c = model.cluster;
  return {
    nodes: [...c.nodes.values()].map((n) => ({ name: n.name, powered: n.powered, glusterdUp: model.daemons.glusterd(n.name) !== undefined })),
    volumes: c.store.all().map((v) => ({
      name: v.name,
      shdCompatible: v.shdCompatible,
      hasOptions: v.options.size > 0,
      bricks: v.bricks.map((b) => `${b.host}:${b.path}`),
    })),
    longestDown: longestDown(body.steps),
  };
}

function longestDown(steps: readonly Step[]): number {
  let most = 0;
  for (const s of steps) {
    if (s.kind === 'command' && s.command.kind === 'reboot') most = Math.max(most, s.command.down);
    if (s.kind === 'repeat') for (const it of s.iterations) most = Math.max(most, longestDown(it));
  }
  return most;
}

/** A model in one mode with the swarm's checks, run step list by step list. */
class Probe {
  readonly model: ClusterModel;
  private readonly failures: Failure[] = [];
  private aborted = false;
  private readonly driver: ScenarioModel;
  private healCheck: { volume: string; down: string[] } | null = null;
  /** Per node: live shd pids, and since when it has run two or more. */
  private readonly shds = new Map<string, { pids: Set<string>; since: number | null }>();
  private longestDouble = 0;

  constructor(scenario: Scenario, mode: Mode, seed: number, limits: CaseLimits, invariants = true) {
    this.model = new ClusterModel(mode, scenario, seed, { checkInvariants: invariants, maxEvents: limits.maxEvents });
    if (!invariants) this.model.sim.onTrace((e) => this.watchShds(e.kind, e.entity, e.detail, e.time));
    addSwarmInvariants(this.model);
    if (limits.timeLimitMs > 0) {
      const deadline = performance.now() + limits.timeLimitMs;
      let n = 0;
      this.model.sim.addInvariant(TIME_LIMIT_INVARIANT, () => ((++n & 1023) === 0 && performance.now() > deadline ? `ran longer than ${limits.timeLimitMs} ms of wall time` : undefined));
    }
    const model = this.model;
    this.driver = {
      sim: model.sim,
      mode,
      execute: (command, text) => {
        this.healCheck = this.healPrecondition(command);
        return model.execute(command, text);
      },
      observe: (o) => model.observe(o),
    };
  }

  /** Runs `steps`; false when the run was cut short by an exception (recorded as the failure). */
  run(steps: readonly Step[]): boolean {
    if (this.aborted) return false;
    try {
      const run = runSteps({ file: '', name: '', description: '', nodes: [], params: {}, model: {}, steps }, this.driver, {
        onCommand: (step, outcome) => this.afterCommand(step, outcome.ok),
      });
      for (const e of run.expectations) {
        if (!e.passed) this.failures.push({ signature: livenessSignature(e.text) + this.diagnosis(e.text), message: `${e.where}: ${e.text} (observed ${e.observed} at t=${e.at_s}s)` });
      }
      return true;
    } catch (err) {
      this.failures.unshift(classifyError(err));
      this.aborted = true;
      return false;
    }
  }

  /** Builds the run's results, as `run` would (a crash there is a model bug too). */
  finish(): void {
    try {
      this.model.finish([]);
    } catch (err) {
      this.failures.unshift(classifyError(err));
    }
  }

  outcome(text: string, liveness: readonly string[]): CaseOutcome {
    const now = this.model.sim.now;
    let longest = this.longestDouble;
    let lasting = false;
    for (const s of this.shds.values()) {
      if (s.since === null) continue;
      lasting = true;
      longest = Math.max(longest, now - s.since);
    }
    return { failure: this.failures[0] ?? null, text, liveness, events: this.model.sim.events, simTime: now, doubleShd: { longest, lasting } };
  }

  private watchShds(kind: string, entity: string, detail: unknown, time: number): void {
    if (kind !== 'shd-start' && kind !== 'shd-exit' && kind !== 'shd-crash' && kind !== 'node-down') return;
    const node = entity.split('/')[0]!;
    let s = this.shds.get(node);
    if (!s) this.shds.set(node, (s = { pids: new Set(), since: null }));
    if (kind === 'shd-start') s.pids.add(String(detail));
    else if (kind === 'node-down') s.pids.clear();
    else s.pids.delete(String(detail));
    if (s.pids.size >= 2 && s.since === null) s.since = time;
    if (s.pids.size < 2 && s.since !== null) {
      this.longestDouble = Math.max(this.longestDouble, time - s.since);
      s.since = null;
    }
  }

  /**
   * Why heals of a volume are still pending, from the heal ledger: an entry whose sink brick is no
   * longer in the volume (removed by remove-brick), or one every brick of its set is a sink of (no
   * source to heal from). Part of the signature, to tell these causes apart.
   */
  private diagnosis(stepText: string): string {
    const volume = /pending_heals\(([^)\s]+)\)/.exec(stepText)?.[1];
    if (volume === undefined) return '';
    const c = this.model.cluster;
    const v = c.store.get(volume);
    if (!v) return '';
    const bricks = new Set(v.bricks.map((b) => `${b.host}:${b.path}`));
    const open = c.heals.openEntries().filter((e) => e.volume === volume);
    if (open.some((e) => [...e.sinks].some((d) => !bricks.has(d.key)))) return ' (a sink brick was removed)';
    if (open.some((e) => e.setDisks.every((d) => e.sinks.has(d)))) return ' (an entry is blamed on every brick of its set)';
    // A disperse directory: the model wants as many sources as data fragments.
    if (v.kind === 'disperse' && open.some((e) => e.kind === 'entry' && e.setDisks.length - e.sinks.size < v.fragments)) return ' (a disperse directory with fewer sources than data fragments)';
    return '';
  }

  private healPrecondition(command: ModelCommand): { volume: string; down: string[] } | null {
    if (command.kind !== 'gluster' || command.command.op !== 'volume-heal' || command.command.action !== 'index') return null;
    const c = this.model.cluster;
    const v = c.store.get(command.command.volume);
    if (!v || !v.started || v.kind !== 'replicate') return null;
    const down = v.bricks.filter((b) => !c.brick(b.host, b.path)).map((b) => `${b.host}:${b.path}`);
    return down.length ? { volume: v.name, down } : null;
  }

  private afterCommand(step: Step, ok: boolean): void {
    const check = this.healCheck;
    this.healCheck = null;
    if (!check || !ok) return;
    const c = this.model.cluster;
    const stillDown = check.down.filter((b) => {
      const i = b.indexOf(':');
      return !c.brick(b.slice(0, i), b.slice(i + 1));
    });
    if (stillDown.length === 0) return;
    this.failures.push({
      signature: 'oracle: index heal reported success with a brick down',
      message: `${step.pos.file}:${step.pos.line}: '${step.text}' answered success while ${stillDown.join(', ')} ${stillDown.length > 1 ? 'were' : 'was'} down (GlusterFS: "Launching heal operation to perform index self heal on volume ${check.volume} has been unsuccessful")`,
    });
  }
}
