/**
 * A scripted stand-in for the shd process, for testing glusterd's shd service (shd-mux.ts, shd-legacy.ts)
 * on its own, as test/scenario/fake-model.ts stands in for the model: it is spawned through the same
 * factory glusterd uses, writes its pidfile, listens on its -S socket after `listenAfter`, records every
 * request it receives and answers each with what `answer` says (after `handleTime`), writing the
 * volume's pidfile on a successful attach as the real one does. It never fetches a volfile and holds
 * no graph.
 */
import type { ProcessBody } from '../../../sim/engine/process.js';
import { sleep, waitFor } from '../../../sim/engine/process.js';
import type { Scope } from '../../../sim/engine/scope.js';
import { Simulation } from '../../../sim/engine/simulation.js';
import type { Micros } from '../../../sim/engine/time.js';
import { Cluster } from '../../../sim/gluster/cluster.js';
import { Glusterd, Glusterds, type GlusterdEnv } from '../../../sim/gluster/glusterd/glusterd.js';
import { LegacyShdService } from '../../../sim/gluster/glusterd/shd-legacy.js';
import { MuxShdService } from '../../../sim/gluster/glusterd/shd-mux.js';
import { uuid } from '../../../sim/gluster/ids.js';
import { resolveModelConfig } from '../../../sim/gluster/model-config.js';
import type { Node } from '../../../sim/gluster/node.js';
import type { Signal } from '../../../sim/gluster/process.js';
import type { RpcMessage, ShdSpawn, SvcReply, SvcRequest, SvcServer } from '../../../sim/gluster/rpc/protocol.js';
import { Volume } from '../../../sim/gluster/volume.js';
import type { Mode } from '../../../sim/mode.js';

export class FakeShd implements SvcServer {
  readonly command = 'glustershd' as const;
  readonly scope: Scope;
  alive = true;
  listening = false;
  readonly requests: { at: Micros; request: SvcRequest }[] = [];

  constructor(
    readonly node: Node,
    readonly pid: number,
    readonly spawn: ShdSpawn,
    private readonly script: ShdScript,
  ) {
    this.scope = node.scope.child(`fake shd ${pid}`);
  }

  start(): void {
    this.node.procs.set(this.pid, this);
    this.node.runFiles.set(this.spawn.pidfile, this.pid);
    if (this.script.listenAfter !== null) {
      this.scope.schedule(this.script.listenAfter, () => {
        this.listening = true;
        this.node.sockets.listen('svc', this.spawn.sockpath, this);
      }, 'fake shd listen');
    }
  }

  *handle(request: SvcRequest): ProcessBody<SvcReply> {
    this.requests.push({ at: this.scope.sim.now, request });
    if (this.script.handleTime > 0) yield sleep(this.script.handleTime);
    const ret = this.script.answer(request);
    // As glusterfs_update_mux_pid: an attached volume's pidfile names the process.
    if (ret === 0 && request.proc === 'attach') this.node.runFiles.set(request.pidfile, this.pid);
    return ret;
  }

  /** Any signal ends it at once (its socket closes, glusterd's connection breaks). */
  signal(_sig: Signal): void {
    if (!this.alive) return;
    this.alive = false;
    this.scope.kill();
    this.node.procs.delete(this.pid);
    if (this.listening) this.node.sockets.close(this.spawn.sockpath, this);
    this.listening = false;
  }
}

/** How the fake shds behave; tests change it between steps. */
export interface ShdScript {
  /** Delay from exec to listening on the socket; null: never listens. */
  listenAfter: Micros | null;
  /** Time the process takes to handle a request before replying. */
  handleTime: Micros;
  answer: (request: SvcRequest) => SvcReply;
}

/** One node, one glusterd of `mode` whose shds are FakeShds; volumes are put straight into the store. */
export class GlusterdBench {
  readonly sim: Simulation;
  readonly cluster: Cluster;
  readonly glusterd: Glusterd;
  readonly shds: FakeShd[] = [];
  readonly messages: RpcMessage[] = [];
  readonly script: ShdScript = { listenAfter: 100_000, handleTime: 0, answer: () => 0 };

  constructor(mode: Mode, model: Record<string, unknown> = {}) {
    this.sim = new Simulation({ seed: 1 });
    this.cluster = new Cluster({ sim: this.sim, mode, config: resolveModelConfig(model), nodes: ['h1', 'h2', 'h3'] });
    this.cluster.rpc.tap((m) => void this.messages.push(m));
    const env: GlusterdEnv = {
      glusterds: new Glusterds(),
      shdService: (g) => (mode === 'mux' ? new MuxShdService(g) : new LegacyShdService(g)),
      spawnShd: (node, spawn) => {
        const p = new FakeShd(node, this.cluster.pids.allocate(), spawn, this.script);
        this.shds.push(p);
        p.start();
        return p.pid;
      },
    };
    const h1 = this.cluster.node('h1');
    this.glusterd = new Glusterd(this.cluster, h1, this.cluster.pids.allocate(), env);
    this.glusterd.start(true);
  }

  /** A started replica-3 volume on h1..h3, in the store (no CLI transaction). */
  volume(name: string): Volume {
    const v = new Volume(name, uuid(this.cluster.uuids), 'replicate', ['h1', 'h2', 'h3'].map((host) => ({ host, path: `/bricks/${name}` })), 3, 0, 0, 0, 'u', 'p');
    this.cluster.store.add(v);
    v.state = 'started';
    return v;
  }

  /** Runs `body` as a glusterd task under its big lock, as an operation's commit does; its result. */
  task<T>(name: string, body: () => ProcessBody<T>): { value: T | undefined; done: boolean } {
    const g = this.glusterd;
    const out: { value: T | undefined; done: boolean } = { value: undefined, done: false };
    g.scope.spawn(name, (function* (): ProcessBody<void> {
      yield waitFor(g.bigLock.acquire());
      out.value = yield* body();
      g.bigLock.release();
      out.done = true;
    })());
    return out;
  }

  /** Runs the simulation for `d` µs. */
  run(d: Micros): void {
    this.sim.run({ until: this.sim.now + d });
  }

  /** The svc messages of one kind and direction, as glusterd sent or got them. */
  svc(dir: 'call' | 'reply'): { proc: string; reply?: number }[] {
    return this.messages
      .filter((m) => m.conn === 'svc' && m.dir === dir)
      .map((m) => ('request' in m ? { proc: m.request.proc, ...('reply' in m ? { reply: m.reply as number } : {}) } : { proc: '?' }));
  }
}
