/**
 * The simulated cluster as the scenario runner drives it (sim/scenario/model-api.ts): one mode, one
 * seed. Commands start at the current simulated time and resolve their future when over; observables
 * are answered by observe.ts; `finish` turns the run into the rows the reports write.
 */
import { check } from '../engine/assert.js';
import { type ProcessBody } from '../engine/process.js';
import { Future } from '../engine/signal.js';
import { Simulation } from '../engine/simulation.js';
import { seconds } from '../engine/time.js';
import type { Mode, ModelCommand, Observable } from '../scenario/ast.js';
import type { CommandOutcome, ScenarioModel } from '../scenario/model-api.js';
import type { ExpectationRow, ModeResult } from './rows.js';
import { Cluster } from './cluster.js';
import { Daemons } from './daemons.js';
import { runGlusterCommand, type CliResult } from './glusterd/cli.js';
import { Glusterd, type GlusterdEnv } from './glusterd/glusterd.js';
import { LegacyShdService } from './glusterd/shd-legacy.js';
import { MuxShdService } from './glusterd/shd-mux.js';
import { registerInvariants } from './invariants.js';
import { resolveModelConfig, type ModelConfig } from './model-config.js';
import { observe } from './observe.js';
import { buildModeResult, Sampler, type OpRecord } from './results.js';
import type { Node } from './node.js';
import type { ShdSpawn } from './rpc/protocol.js';
import { LegacyShdProcess } from './shd/legacy-process.js';
import { MuxShdProcess } from './shd/mux-process.js';
import { Workload } from './workload.js';

/** The gluster CLI's default timeout (cli --timeout, 120 s). */
export const CLI_TIMEOUT = seconds(120);

export interface ModelOptions {
  /** Keep every log line (for `--logs`). */
  captureLogs?: boolean;
  /** Run the invariants after every event (tests). */
  checkInvariants?: boolean;
  maxEvents?: number;
}

/** What the model needs of a scenario: its nodes and its `model:` settings (already parsed). */
export interface ModelScenario {
  readonly nodes: readonly string[];
  readonly model: Readonly<Record<string, unknown>>;
}

export class ClusterModel implements ScenarioModel {
  readonly sim: Simulation;
  readonly cluster: Cluster;
  readonly daemons: Daemons;
  readonly workload: Workload;
  readonly config: ModelConfig;
  readonly ops: OpRecord[] = [];
  private readonly sampler: Sampler;
  private readonly env: GlusterdEnv;
  private opsInFlight = 0;

  constructor(
    readonly mode: Mode,
    scenario: ModelScenario,
    readonly seed: number,
    options: ModelOptions = {},
  ) {
    this.sim = new Simulation({ seed, checkInvariants: options.checkInvariants ?? false, ...(options.maxEvents ? { maxEvents: options.maxEvents } : {}) });
    this.config = resolveModelConfig(scenario.model);
    this.cluster = new Cluster({ sim: this.sim, mode, config: this.config, nodes: scenario.nodes, captureLogs: options.captureLogs ?? false });
    this.daemons = new Daemons(this.cluster);
    this.workload = new Workload(this.cluster);
    this.env = {
      glusterds: this.daemons.glusterds,
      shdService: (g) => (mode === 'mux' ? new MuxShdService(g) : new LegacyShdService(g)),
      spawnShd: (node, spawn) => this.spawnShd(node, spawn),
    };
    // The cluster is up when the scenario begins: every glusterd running, no volumes yet.
    for (const node of this.cluster.nodes.values()) this.newGlusterd(node).start(true);
    this.sampler = new Sampler(this.sim.root, this.daemons);
    this.sampler.start();
    registerInvariants(this.sim, this.daemons, () => this.opsInFlight);
  }

  private newGlusterd(node: Node): Glusterd {
    return new Glusterd(this.cluster, node, this.cluster.pids.allocate(), this.env);
  }

  /** The process factory glusterd spawns shds through: the mode's kind of shd. */
  private spawnShd(node: Node, spawn: ShdSpawn): number {
    const c = this.cluster;
    const pid = c.pids.allocate();
    const live = this.daemons.liveShds(node.name);
    const p = this.mode === 'mux' ? new MuxShdProcess(c, node, pid, spawn, live) : new LegacyShdProcess(c, node, pid, spawn, live);
    p.start();
    return pid;
  }

  execute(command: ModelCommand, text: string): Future<CommandOutcome> {
    const done = new Future<CommandOutcome>(text);
    const c = this.cluster;
    switch (command.kind) {
      case 'gluster': {
        const at = this.sim.now;
        this.opsInFlight++;
        const model = this;
        let answered = false;
        const answer = (r: { ok: boolean; message: string; host: string }): void => {
          if (answered) return;
          answered = true;
          model.ops.push({ at, host: r.host, command: text, ok: r.ok, latency: model.sim.now - at, message: r.message });
          c.sim.emit('op', r.ok ? 'ok' : 'failed', text);
          done.resolve({ ok: r.ok, message: r.message });
        };
        this.sim.spawn(`cli: ${text}`, (function* (): ProcessBody<void> {
          const r: CliResult = yield* runGlusterCommand(c, model.daemons.glusterds, command.command);
          check(model.sim, model.opsInFlight > 0, 'an operation finished with none in flight');
          model.opsInFlight--;
          answer(r);
        })());
        // The CLI stops waiting after its timeout; glusterd may still finish the operation.
        this.sim.schedule(CLI_TIMEOUT, () => answer({ ok: false, message: 'Error : Request timed out', host: '' }), `cli timeout: ${text}`);
        return done;
      }
      case 'kill-brick': {
        for (const b of command.bricks) c.node(b.host).bricks.get(b.path)?.signal('KILL');
        done.resolve({ ok: true, message: `killed ${command.bricks.length} brick(s)` });
        return done;
      }
      case 'kill-glusterd': {
        this.daemons.glusterds.latest(command.host)?.signal('KILL');
        done.resolve({ ok: true, message: `killed glusterd on ${command.host}` });
        return done;
      }
      case 'start-glusterd':
        return this.startGlusterd(command.host, done);
      case 'kill-node': {
        this.killNode(command.host);
        done.resolve({ ok: true, message: `killed every gluster process on ${command.host}` });
        return done;
      }
      case 'reboot': {
        const node = c.node(command.host);
        this.killNode(command.host);
        node.powered = false;
        node.runFiles.clear(); // /var/run is a tmpfs
        c.event('node-down', node.name);
        node.scope.schedule(command.down, () => {
          node.powered = true;
          c.event('node-up', node.name);
          this.newGlusterd(node).start();
        }, `reboot ${node.name}`);
        done.resolve({ ok: true, message: `rebooting ${command.host}` });
        return done;
      }
      case 'mount':
        done.resolve(this.workload.mount(command.volume, command.mountpoint, command.host));
        return done;
      case 'umount':
        done.resolve(this.workload.umount(command.mountpoint));
        return done;
      case 'touch':
        done.resolve(this.workload.touch(command.mountpoint, command.names));
        return done;
      case 'write':
        done.resolve(this.workload.write(command));
        return done;
    }
  }

  /** systemctl start glusterd: returns when the daemon is up (it goes on restarting bricks and shds). */
  private startGlusterd(host: string, done: Future<CommandOutcome>): Future<CommandOutcome> {
    const c = this.cluster;
    const node = c.node(host);
    if (!node.powered) {
      done.resolve({ ok: false, message: `start-glusterd: host ${host} is down` });
      return done;
    }
    if (this.daemons.glusterds.latest(host)?.alive) {
      done.resolve({ ok: true, message: `glusterd already running on ${host}` });
      return done;
    }
    this.newGlusterd(node).start();
    node.scope.schedule(this.config.glusterd_start_time, () => done.resolve({ ok: true, message: `started glusterd on ${host}` }), `start-glusterd ${host}`);
    return done;
  }

  private killNode(host: string): void {
    const node = this.cluster.node(host);
    node.killAll();
    this.workload.nodeKilled(host);
  }

  observe(o: Observable): number {
    return observe(this.daemons, o);
  }

  /** The run is over (at the current time): the rows for the reports. */
  finish(expectations: readonly ExpectationRow[]): ModeResult {
    this.sampler.cancel();
    this.sampler.sample();
    return buildModeResult(this.cluster, {
      mode: this.mode,
      seed: this.seed,
      end: this.sim.now,
      events: this.sim.events,
      fingerprint: this.sim.fingerprint,
      ops: this.ops,
      expectations,
      sampler: this.sampler,
    });
  }
}
